"""UMAP: umap-learn's algorithm, laid out by manifolds-rs (compiled, no JIT); new points placed as umap places them."""

from __future__ import annotations

import warnings

import numpy as np

from ..errors import require
from ._base import Projector
from .knn import knn_graph, neighbours_of


class UMAP(Projector):
    """UMAP to 2-D, with umap-learn's parameters and meaning, and no compile wait.

    umap-learn compiles its numba code again in every new Python process (tens
    of seconds on two cores, for any map size). This class computes the same
    algorithm from compiled code shipped in wheels: the neighbour graph of
    :func:`~vizkit.projection.knn.knn_graph` (exact up to 20,000 points,
    NN-descent above), then manifolds-rs' UMAP on it (umap-learn's fuzzy
    simplicial set, spectral initialisation and per-edge SGD with negative
    sampling). On 10k GloVe words it matches umap-learn's trustworthiness
    (0.92) in a tenth of a fresh process' time (benchmarks/maps.py).

    Parameters
    ----------
    n_neighbors : int, default 15
        Lowered to ``n - 1`` for small inputs, with a
        :class:`~vizkit.errors.ParameterAdjustedWarning`.
    min_dist : float, default 0.1
    spread : float, default 1.0
    metric : {"cosine", "euclidean"}, default "cosine"
    n_epochs : int or None, default 200
        ``None``: umap-learn's rule (500 up to 10,000 points, 200 above). 200
        keeps trustworthiness above 0.9 on GloVe words at less than half the time.
    learning_rate : float, default 1.0
    neighbors : {"auto", "exact", "nndescent"}, default "auto"
    random_state : int or None
        The same seed gives identical coordinates, whatever the number of threads.
    progress : bool, default False
        Progress bars over the neighbour search and the layout.
    refine : bool, default False
        How :meth:`transform` places new points. By default each lands at the
        weighted mean of the map positions of its nearest reference points,
        weighted by umap's membership strengths (umap-learn's own starting
        point for new points). ``True`` then runs umap-learn's optimisation on
        them as ``umap.UMAP.transform`` does; that fits umap-learn on the
        reference points first (and compiles its numba code), and can pull a
        point away from its neighbours on a small map.
    """

    min_points = 4

    def __init__(self, n_components: int = 2, *, n_neighbors: int = 15, min_dist: float = 0.1,
                 spread: float = 1.0, metric: str = "cosine", n_epochs: int | None = 200,
                 learning_rate: float = 1.0, neighbors: str = "auto", random_state=None,
                 progress: bool = False, refine: bool = False):
        super().__init__(n_components, random_state=random_state)
        self.n_neighbors = n_neighbors
        self.min_dist = min_dist
        self.spread = spread
        self.metric = metric
        self.n_epochs = n_epochs
        self.learning_rate = learning_rate
        self.neighbors = neighbors
        self.progress = progress
        self.refine = refine

    def _fit(self, X):  # maps are cached (cache.py): raise MAP_VERSION there when what this computes changes
        mf = require("manifolds_rs", "umap")
        n = len(X)
        k = self.n_neighbors
        if k >= n:
            k = self._adjust("n_neighbors", self.n_neighbors, max(2, n - 1), f"only {n} points")
        self.n_neighbors_ = k
        X32 = np.ascontiguousarray(X, dtype=np.float32)
        idx, dist = knn_graph(X32, k, metric=self.metric, method=self.neighbors, random_state=self._seed(),
                              progress=self.progress)
        epochs = self.n_epochs if self.n_epochs is not None else (500 if n <= 10_000 else 200)
        layout = mf.UMAP(
            n_components=self.n_components, n_neighbors=k, metric=self.metric, min_dist=self.min_dist,
            spread=self.spread, n_epochs=int(epochs), learning_rate=self.learning_rate,
            init="spectral" if n > self.n_components + 8 else "random", optimiser="sgd", seed=self._seed(),
        )
        bar = None
        if self.progress:
            from tqdm.auto import tqdm

            from ..render.language import t

            bar = tqdm(total=1, desc=t("progress.umap", n=f"{n:,}", epochs=epochs), unit="layout")
        try:
            embedding = layout.fit_transform(X32, knn_indices=idx, knn_distances=dist)
        finally:
            if bar is not None:
                bar.update(1)
                bar.close()
        self._model_from(X, embedding)
        return embedding

    def _model_from(self, X, embedding):
        # what placing new points needs: the reference vectors and their map (no layout to run again)
        self._X = np.asarray(X, dtype=np.float32)
        self._map = np.asarray(embedding, dtype=np.float64)
        self._learn = None

    def _transform(self, X):
        if self.refine:
            return self._refined(X)
        idx, dist = neighbours_of(self._X, X, self.n_neighbors_, metric=self.metric)
        weights = membership_strengths(dist)
        exact = weights == 1.0  # a duplicate of a reference point lands on it, as in umap
        first = np.where(exact.any(axis=1), exact.argmax(axis=1), -1)
        placed = np.einsum("ij,ijk->ik", weights / weights.sum(axis=1, keepdims=True), self._map[idx])
        placed[first >= 0] = self._map[idx[first >= 0, first[first >= 0]]]
        return placed

    def _refined(self, X):
        """umap-learn's ``transform`` (its optimisation of the new points) against this map."""
        if self._learn is None:
            umap = require("umap", "umap")
            learn = umap.UMAP(n_components=self.n_components, n_neighbors=self.n_neighbors_, min_dist=self.min_dist,
                              spread=self.spread, metric=self.metric, n_epochs=self.n_epochs,
                              learning_rate=self.learning_rate, random_state=self._seed())
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=".*(n_jobs value|spectral|Graph is not fully connected|k >= N).*")
                learn.fit(self._X)
            self._learn = learn
        self._learn.embedding_ = self._map.astype(self._learn.embedding_.dtype)
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*n_jobs value.*")
            return self._learn.transform(np.asarray(X, dtype=np.float32))


def membership_strengths(distances: np.ndarray, *, n_iter: int = 64, tolerance: float = 1e-5) -> np.ndarray:
    """umap's membership strength of each new point to its nearest reference points.

    umap-learn's ``transform`` (``smooth_knn_dist`` with local connectivity 0,
    then ``compute_membership_strengths``), vectorised: per row, the bandwidth
    ``sigma`` for which ``sum_j exp(-d_j / sigma)`` over all but the nearest
    neighbour equals ``log2(k)``, found by bisection; the strength is
    ``exp(-d_j / sigma)``, 1 at distance 0.

    Parameters
    ----------
    distances : ndarray of shape (m, k)
        Each new point's distances to its ``k`` nearest reference points, ascending.

    Returns
    -------
    ndarray of shape (m, k)
    """
    d = np.asarray(distances, dtype=np.float64)
    m, k = d.shape
    target = np.log2(k)
    lo = np.zeros(m)
    hi = np.full(m, np.inf)
    mid = np.ones(m)
    done = np.zeros(m, dtype=bool)
    for _ in range(n_iter):
        psum = np.where(d[:, 1:] > 0, np.exp(-d[:, 1:] / mid[:, None]), 1.0).sum(axis=1)
        done |= np.abs(psum - target) < tolerance
        high = (psum > target) & ~done
        low = (psum <= target) & ~done
        hi = np.where(high, mid, hi)
        lo = np.where(low, mid, lo)
        mid = np.where(high, (lo + hi) / 2, np.where(low, np.where(np.isinf(hi), mid * 2, (lo + hi) / 2), mid))
    floor = 1e-3 * d.mean()  # umap's MIN_K_DIST_SCALE times the mean distance
    sigma = np.maximum(mid, floor)
    return np.where(d > 0, np.exp(-d / sigma[:, None]), 1.0)
