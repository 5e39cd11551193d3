"""Exact nearest neighbours in the original space, and how many of them a 2-D map keeps, point by point.

A map can look convincing and still lie: two words drawn side by side may be far apart in the vectors, and
true neighbours may be torn apart. :func:`neighbour_preservation` gives each point the share of its ``k``
true neighbours (cosine, in the original space) that are also among its ``k`` nearest on the map; coloured
by it, a map shows where it can be trusted. Its mean is the "neighbourhood hit" of the map.
"""

from __future__ import annotations

import numpy as np

from ..errors import InputError
from ._base import as_array

__all__ = ["nearest_neighbours", "neighbour_preservation", "kept_neighbours"]


def _prepare(X: np.ndarray, metric: str) -> np.ndarray:
    X = np.asarray(X, dtype=np.float32)
    if metric == "cosine":
        norms = np.linalg.norm(X, axis=1, keepdims=True)
        return X / np.where(norms == 0, 1, norms)
    if metric != "euclidean":
        raise InputError(f"metric must be 'cosine' or 'euclidean'; got {metric!r}")
    return X


def nearest_neighbours(X, n_neighbors: int = 10, *, metric: str = "cosine", queries=None,
                       chunk: int = 1024, progress: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The exact ``n_neighbors`` nearest rows of each query row (itself left out), nearest first.

    Blocked float32 matrix products: memory O(chunk x n), whole vocabularies in one call.

    Parameters
    ----------
    X : array-like of shape (n, d) or LabelledVectors
    n_neighbors : int, default 10
    metric : {"cosine", "euclidean"}
    queries : array-like of int, optional
        Row numbers to answer for (default: every row).
    chunk : int
        Query rows per block.
    progress : bool, default False
        A progress bar over the blocks (a whole vocabulary takes minutes).

    Returns
    -------
    indices : ndarray of shape (m, n_neighbors)
    scores : ndarray of shape (m, n_neighbors)
        Cosine similarity (``"cosine"``, highest first) or distance (``"euclidean"``, lowest first).
        Ties are broken by row number, so the answer is the same in every run.

    Examples
    --------
    >>> idx, cos = nearest_neighbours([[1, 0], [0.9, 0.1], [0, 1]], 1)
    >>> idx.ravel().tolist()
    [1, 0, 1]
    """
    Z = _prepare(as_array(X), metric)
    n = len(Z)
    k = int(n_neighbors)
    if not 1 <= k < n:
        raise InputError(f"n_neighbors must be in [1, {n - 1}] for {n} points; got {n_neighbors}")
    q = np.arange(n) if queries is None else np.asarray(queries, dtype=np.int64)
    if metric == "euclidean" and Z.shape[1] <= 3 and n > 4 * chunk:
        return _low_dim_neighbours(Z, k, q)
    sq = (Z ** 2).sum(axis=1)
    out_i = np.empty((len(q), k), dtype=np.int64)
    out_s = np.empty((len(q), k), dtype=np.float32)
    starts = range(0, len(q), chunk)

    def block(start):
        rows = q[start:start + chunk]
        if metric == "cosine":
            cost = -(Z[rows] @ Z.T)  # lower is nearer
        else:
            cost = sq[rows, None] + sq[None, :] - 2 * (Z[rows] @ Z.T)
        cost[np.arange(len(rows)), rows] = np.inf
        cand, picked = _smallest(cost, k)
        out_i[start:start + len(rows)] = cand
        out_s[start:start + len(rows)] = -picked if metric == "cosine" else np.sqrt(np.maximum(picked, 0))

    if progress:
        from tqdm.auto import tqdm

        from ..render.language import t

        starts = tqdm(starts, desc=t("progress.neighbours", k=k, n=f"{len(q):,}"), unit="block")
    for start in starts:
        block(start)
    return out_i, out_s


def _smallest(cost: np.ndarray, k: int, *, sample: int = 2048) -> tuple[np.ndarray, np.ndarray]:
    """Column numbers and values of each row's ``k`` smallest entries, by value then column number.

    Exact, and faster than ``argpartition`` over wide rows: the ``k``-th smallest of a strided
    sample of ``sample`` columns bounds the row's true ``k``-th smallest from above, so only the few
    entries at or under it (about ``k * n / sample`` a row) are sorted.
    """
    m, n = cost.shape
    if n > 4 * sample and k < sample // 4:
        bound = np.partition(cost[:, :: n // sample], k - 1, axis=1)[:, k - 1]
        under = cost <= bound[:, None]
        counts = under.sum(axis=1)
        width = int(counts.max())
        if width <= n // 8:
            rows, cols = np.nonzero(under)
            pos = np.arange(len(rows)) - np.repeat(np.cumsum(counts) - counts, counts)
            cand = np.full((m, width), n, dtype=np.int64)
            vals = np.full((m, width), np.inf, dtype=cost.dtype)
            cand[rows, pos] = cols
            vals[rows, pos] = cost[rows, cols]
            order = np.argsort(vals, axis=1, kind="stable")[:, :k]  # candidates are in column order: ties by column
            return np.take_along_axis(cand, order, axis=1), np.take_along_axis(vals, order, axis=1)
    cand = np.argpartition(cost, k - 1, axis=1)[:, :k]
    picked = np.take_along_axis(cost, cand, axis=1)
    order = np.lexsort((cand, picked), axis=1)  # by cost, then by column number
    return np.take_along_axis(cand, order, axis=1), np.take_along_axis(picked, order, axis=1)


def _low_dim_neighbours(Z: np.ndarray, k: int, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Map neighbours (2-D or 3-D) by a k-d tree: O(n log n) where the blocked products are O(n^2).

    The k nearest other rows, ties broken by row number (a candidate list a little longer than k is
    re-sorted by distance, then row). Distances in float64: where the float32 products of the blocked
    search round two nearly equal distances alike, this answer is the exact one.
    """
    from scipy.spatial import cKDTree

    Z64 = np.asarray(Z, dtype=np.float64)
    extra = min(len(Z64), k + 8)
    dist, cand = cKDTree(Z64).query(Z64[q], k=extra)
    cand[cand == q[:, None]] = len(Z64)  # itself: pushed past every other row
    dist = np.where(cand == len(Z64), np.inf, dist)
    order = np.lexsort((cand, dist), axis=1)[:, :k]
    out_i = np.take_along_axis(cand, order, axis=1).astype(np.int64)
    out_s = np.take_along_axis(dist, order, axis=1).astype(np.float32)
    return out_i, out_s


def neighbour_preservation(X, embedding, *, n_neighbors: int = 10, metric: str = "cosine",
                           chunk: int = 1024) -> np.ndarray:
    """For each point, the share of its true neighbours that are also its neighbours on the map.

    Parameters
    ----------
    X : array-like of shape (n, d) or LabelledVectors
        The original vectors; neighbours by ``metric``.
    embedding : array-like of shape (n, 2) or (n, 3)
        The map; neighbours by euclidean distance.
    n_neighbors : int, default 10

    Returns
    -------
    ndarray of shape (n,)
        Values in {0, 1/k, ..., 1}: 1 where the map keeps every one of the point's ``k`` nearest neighbours
        next to it, 0 where it keeps none. A random layout scores about ``k / n``.

    Examples
    --------
    >>> X = [[1, 0], [0.9, 0.1], [0, 1], [0.1, 0.9]]
    >>> neighbour_preservation(X, [[0, 0], [0, 1], [5, 5], [5, 6]], n_neighbors=1).tolist()
    [1.0, 1.0, 1.0, 1.0]
    >>> neighbour_preservation(X, [[0, 0], [5, 5], [0, 1], [5, 6]], n_neighbors=1).tolist()
    [0.0, 0.0, 0.0, 0.0]
    """
    Xa, Ya = as_array(X), as_array(embedding)
    if len(Xa) != len(Ya):
        raise InputError(f"{len(Xa)} vectors but {len(Ya)} map points")
    true, _ = nearest_neighbours(Xa, n_neighbors, metric=metric, chunk=chunk)
    drawn, _ = nearest_neighbours(Ya, n_neighbors, metric="euclidean", chunk=chunk)
    return kept_neighbours(true, drawn).mean(axis=1)


def kept_neighbours(true: np.ndarray, drawn: np.ndarray) -> np.ndarray:
    """Which of each point's true neighbours are among its neighbours on the map.

    Parameters
    ----------
    true, drawn : ndarray of int, shape (n, k)
        Each point's neighbours in the original space and on the map (from :func:`nearest_neighbours`).

    Returns
    -------
    ndarray of bool, shape (n, k)
        ``kept[i, j]``: is ``true[i, j]`` one of the row ``drawn[i]``?
    """
    kept = np.zeros(true.shape, dtype=bool)
    for j in range(true.shape[1]):
        kept[:, j] = (drawn == true[:, j:j + 1]).any(axis=1)
    return kept
