"""The nearest-neighbour graph t-SNE and UMAP start from: exact up to a size, NN-descent above.

Both neighbour methods begin with each point's ``k`` nearest others; on a
2-core machine that search is most of a map's time (a 100,000-word exact
search is a 100,000 x 100,000 product). :func:`knn_graph` computes it once,
the same way for both methods:

- up to ``exact_up_to`` points (default :data:`EXACT_UP_TO`), exactly, with
  blocked float32 matrix products (:func:`~vizkit.projection.nearest_neighbours`);
- above, approximately, with NN-descent (manifolds-rs, compiled Rust shipped
  in its wheel: nothing is compiled at run time). On unit vectors, cosine
  ranking is euclidean ranking, so cosine neighbours come from the normalised
  rows. On 100,000 GloVe words it finds 99.1 % of the exact 15 neighbours in
  6 s where the exact search takes 46 s, and it gives the same graph for the
  same seed whatever the number of threads.

Distances are the metric's own: ``1 - cosine`` for ``"cosine"`` (as
scikit-learn's and openTSNE's exact search), euclidean otherwise.
:func:`neighbours_of` answers for new points (placing them into a fitted map).
"""

from __future__ import annotations

import numpy as np

from ..errors import InputError, require
from .neighbours import _prepare, _smallest, nearest_neighbours

__all__ = ["EXACT_UP_TO", "knn_graph", "neighbours_of", "knn_method", "locality_order"]

#: above this many points :func:`knn_graph` is approximate (NN-descent) unless told otherwise
EXACT_UP_TO = 20_000


def knn_method(n: int, method: str = "auto", exact_up_to: int = EXACT_UP_TO) -> str:
    """``"exact"`` or ``"nndescent"``: what :func:`knn_graph` uses for ``n`` points."""
    if method not in ("auto", "exact", "nndescent"):
        raise InputError(f"neighbour method must be 'auto', 'exact' or 'nndescent'; got {method!r}")
    if method == "auto":
        return "exact" if n <= exact_up_to else "nndescent"
    return method


def knn_graph(X, n_neighbors: int, *, metric: str = "cosine", method: str = "auto",
              exact_up_to: int = EXACT_UP_TO, random_state: int = 0,
              progress: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Each row's ``n_neighbors`` nearest other rows, nearest first.

    Parameters
    ----------
    X : array-like of shape (n, d)
    n_neighbors : int
    metric : {"cosine", "euclidean"}
    method : {"auto", "exact", "nndescent"}
        ``"auto"``: exact up to ``exact_up_to`` points, NN-descent above.
    random_state : int
        Seed of NN-descent (the exact search has none).
    progress : bool
        A progress bar (over the blocks of the exact search; one step for NN-descent).

    Returns
    -------
    indices : ndarray of int64, shape (n, n_neighbors)
    distances : ndarray of float32, shape (n, n_neighbors)
        ``1 - cosine`` or euclidean distance, ascending.
    """
    Z = _prepare(X, metric)
    n, k = len(Z), int(n_neighbors)
    if not 1 <= k < n:
        raise InputError(f"n_neighbors must be in [1, {n - 1}] for {n} points; got {n_neighbors}")
    if knn_method(n, method, exact_up_to) == "exact":
        idx, score = nearest_neighbours(Z, k, metric=metric, progress=progress)
        dist = np.maximum(1.0 - score, 0.0) if metric == "cosine" else score
        return idx, dist.astype(np.float32)
    mf = require("manifolds_rs", "umap,tsne")
    bar = None
    if progress:
        from tqdm.auto import tqdm

        from ..render.language import t

        bar = tqdm(total=1, desc=t("progress.neighbours.nndescent", k=k, n=f"{n:,}"), unit="graph")
    try:
        # the descent's own graph (extract_knn), widened to k; for many neighbours of fewer points, a beam search
        # over a graph of the default width is faster. Measured here (2 cores; 32-d vectors in 200 groups, recall
        # of the exact k on 500 to 2,000 points): k = 45 at 100k points 7.1 s (beam, recall 0.995) against 10.5 s
        # (extract, 1.000), at 400k 42.0 s (0.983) against 40.3 s (1.000), at 1M 138 s (0.966) against 113 s
        # (1.000); k = 90 at 100k 9.5 s against 49.5 s. (100,000 GloVe words, 90 neighbours: 13 s against 33 s.)
        wide = k >= 60 or (k >= 40 and n < 400_000)
        params = mf.NeighbourParams(extract_knn=False, ef_budget=k + 6) if wide else None
        idx, dist = mf.knn_graph(np.ascontiguousarray(Z, dtype=np.float32), k, ann="nndescent",
                                 seed=int(random_state), nn_params=params)
    finally:
        if bar is not None:
            bar.update(1)
            bar.close()
    idx = np.asarray(idx, dtype=np.int64)
    dist = np.asarray(dist, dtype=np.float64)
    if metric == "cosine":
        dist = dist ** 2 / 2  # unit vectors: |a - b|^2 = 2 - 2 cos
    order = np.lexsort((idx, dist), axis=1)  # by distance, then row number: one answer
    return np.take_along_axis(idx, order, axis=1), np.take_along_axis(dist, order, axis=1).astype(np.float32)


def neighbours_of(X, queries, n_neighbors: int, *, metric: str = "cosine",
                  chunk: int = 1024) -> tuple[np.ndarray, np.ndarray]:
    """The ``n_neighbors`` nearest rows of ``X`` to each row of ``queries`` (new points), exactly.

    Returns
    -------
    indices : ndarray of int64, shape (m, n_neighbors)
    distances : ndarray of float32, shape (m, n_neighbors)
        As in :func:`knn_graph`.
    """
    Z = _prepare(X, metric)
    Q = _prepare(queries, metric)
    k = min(int(n_neighbors), len(Z))
    sq = (Z ** 2).sum(axis=1)
    out_i = np.empty((len(Q), k), dtype=np.int64)
    out_d = np.empty((len(Q), k), dtype=np.float32)
    for start in range(0, len(Q), chunk):
        q = Q[start:start + chunk]
        if metric == "cosine":
            cost = 1.0 - q @ Z.T
        else:
            cost = (q ** 2).sum(axis=1)[:, None] + sq[None, :] - 2 * (q @ Z.T)
        cand, picked = _smallest(cost, k)
        out_i[start:start + len(q)] = cand
        out_d[start:start + len(q)] = np.maximum(picked, 0) if metric == "cosine" else np.sqrt(np.maximum(picked, 0))
    return out_i, out_d


def locality_order(indices) -> np.ndarray:
    """An order of the points in which each one's neighbours lie near it in memory: reverse Cuthill-McKee of the
    symmetrised neighbour graph (``order[p]`` is the point at place ``p``; deterministic).

    A t-SNE step at a million points is mostly the attractive forces, a pass over every neighbour pair that
    reads the neighbour's coordinates: in the order a file lists its points those reads land anywhere in memory.
    Measured here on 1,000,000 x 32 vectors in 200 groups (45 neighbours, 73 million pairs): the order takes
    2.9 s, and openTSNE's attractive forces then take 0.17 s a step instead of 0.53 s (2 threads); the median
    distance in memory between neighbours falls from 293,000 rows to 1,400.
    """
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import reverse_cuthill_mckee

    indices = np.asarray(indices)
    n, k = indices.shape
    graph = csr_matrix((np.ones(n * k, dtype=np.int8), (np.repeat(np.arange(n), k), indices.ravel())), shape=(n, n))
    return np.asarray(reverse_cuthill_mckee((graph + graph.T).tocsr(), symmetric_mode=True), dtype=np.int64)
