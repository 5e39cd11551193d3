"""How faithful a 2-D map is to the original space."""

from __future__ import annotations

import numpy as np

from ._base import as_array


def trustworthiness(X, embedding, *, n_neighbors: int = 10, metric: str = "cosine",
                    sample: int | None = 5000, random_state: int = 0, chunk: int = 512) -> float:
    """Trustworthiness of a map (as in scikit-learn), in memory O(chunk x n).

    1.0 means every point's ``n_neighbors`` nearest neighbours on the map are
    also among its nearest in the original space. Above ``sample`` points the
    score is averaged over a random sample of query points (ranks still against
    all points), which keeps 50k-point maps cheap and is an unbiased estimate.
    """
    X = as_array(X)
    Y = as_array(embedding)
    n = len(X)
    k = n_neighbors
    if not 1 <= k < n / 2:
        raise ValueError(f"n_neighbors must be in [1, n/2); got {k} for {n} points")
    if metric == "cosine":
        norms = np.linalg.norm(X, axis=1, keepdims=True)
        X = X / np.where(norms == 0, 1, norms)
    elif metric != "euclidean":
        raise ValueError("metric must be 'cosine' or 'euclidean'")
    rng = np.random.default_rng(random_state)
    queries = np.arange(n) if sample is None or n <= sample else np.sort(rng.choice(n, sample, replace=False))
    sq_x = (X ** 2).sum(axis=1)
    sq_y = (Y ** 2).sum(axis=1)
    penalty = 0.0
    for start in range(0, len(queries), chunk):
        q = queries[start:start + chunk]
        dx = sq_x[q, None] + sq_x[None, :] - 2 * X[q] @ X.T
        dy = sq_y[q, None] + sq_y[None, :] - 2 * Y[q] @ Y.T
        rows = np.arange(len(q))
        dx[rows, q] = -np.inf  # the point itself comes first
        dy[rows, q] = -np.inf
        nn_y = np.argpartition(dy, k, axis=1)[:, 1:k + 1]
        d_nn = dx[rows[:, None], nn_y]
        # rank in the original space = number of points strictly closer (self excluded)
        ranks = (dx[:, None, :] < d_nn[:, :, None]).sum(axis=2) - 1 if len(q) * n * k < 5e7 else \
            np.stack([(dx < d_nn[:, j:j + 1]).sum(axis=1) - 1 for j in range(k)], axis=1)
        penalty += np.maximum(ranks + 1 - k, 0).sum()
    m = len(queries)
    return float(1.0 - penalty * 2.0 / (m * k * (2.0 * n - 3.0 * k - 1.0)))
