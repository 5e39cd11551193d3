"""t-SNE with openTSNE: FFT-accelerated, and it can place new points into a fitted map."""

from __future__ import annotations

import functools
import warnings

import numpy as np

from ..errors import InputError, require
from ._base import Projector
from .knn import knn_graph, knn_method, locality_order, neighbours_of

#: from this many points ``reorder="auto"`` runs t-SNE on its points in
#: :func:`~vizkit.projection.knn.locality_order` (its steps are memory-bound there)
REORDER_FROM = 200_000


def usable_perplexity(perplexity: float, n: int) -> float:
    """The perplexity t-SNE can really use on ``n`` points: ``perplexity``, or ``(n - 1) / 3`` if smaller.

    Each point's affinities are computed over its ``3 * perplexity`` nearest
    neighbours, and a point has only ``n - 1`` of them. openTSNE makes the same
    correction but prints its own message; computing it here first keeps it quiet.

    Parameters
    ----------
    perplexity : float
    n : int
        Number of points.

    Returns
    -------
    float

    Examples
    --------
    >>> usable_perplexity(30, 1000), round(usable_perplexity(10, 30), 2)
    (30, 9.67)
    """
    if 3 * perplexity <= n - 1:
        return perplexity
    used = (n - 1) / 3
    while 3 * used > n - 1:  # never in practice; guards openTSNE's own check against rounding
        used = float(np.nextafter(used, 0))
    return used


class TSNE(Projector):
    """t-SNE to 2-D (openTSNE), on a neighbour graph computed once.

    Parameters
    ----------
    perplexity : float, default 30
        Effective number of neighbours. When ``3 * perplexity`` does not fit in
        ``n - 1`` points it is lowered to ``(n - 1) / 3`` with a
        :class:`~vizkit.errors.ParameterAdjustedWarning`; ``perplexity_`` holds
        the value used (see :func:`usable_perplexity`).
    metric : {"cosine", "euclidean"}, default "cosine"
    n_iter : int, default 100
        Optimisation steps after ``early_exaggeration_iter`` (default 50) steps of
        early exaggeration: a fifth of openTSNE's 500 + 250. With
        openTSNE's learning rate ``n / 12`` the map has settled by then (on 10k
        GloVe words trustworthiness 0.966 against 0.973 with openTSNE's
        defaults; benchmarks/maps.py).
    neighbors : {"auto", "exact", "nndescent"}, default "auto"
        How the nearest neighbours of each point are found: exactly up to
        20,000 points, by NN-descent above (:func:`~vizkit.projection.knn.knn_graph`).
    k_neighbors : int or "auto", default "auto"
        Neighbours over which each point's affinities are calibrated to the
        perplexity. ``"auto"``: ``3 * perplexity`` (openTSNE's rule) on an
        exact graph, ``1.5 * perplexity`` on an approximate one (above 20,000
        points), where the search and the optimisation then cost half as much.
        t-SNE hardly depends on the kernel's tail (Böhm, Berens and Kobak,
        JMLR 2022, find uniform weights over 15 neighbours close to
        perplexity 30): on 100,000 GloVe words trustworthiness is 0.963 with
        45 neighbours, 0.965 with 60 and 0.962 with 90, in 15, 17 and 24 s.
        Give ``3 * perplexity`` for openTSNE's rule at any size.
    reorder : {"auto", True, False}, default "auto"
        Optimise over the points in :func:`~vizkit.projection.knn.locality_order` (each point's neighbours near
        it in memory), then give the coordinates back in the points' own order. A step's attractive forces then
        read memory in order: at 1,000,000 points a t-SNE step took about a third of the time. ``"auto"``: from
        :data:`REORDER_FROM` points. The map is as good, not bitwise the same (sums run in another order).
    n_jobs : int, default 2
        Threads of openTSNE; the coordinates do not depend on it (bitwise the
        same with 1 or 2 threads).
    random_state : int or None
        The same seed gives identical coordinates.
    progress : bool, default False
        Show progress bars over the neighbour search and the optimisation steps.

    Gradients use Barnes-Hut below 1,000 points and FFT interpolation on a
    coarser grid (``ints_in_interval=3``, ``n_interpolation_points=2``) above; the map starts from the PCA of
    the vectors (openTSNE's default).
    """

    min_points = 4

    def __init__(self, n_components: int = 2, *, perplexity: float = 30.0, metric: str = "cosine",
                 n_iter: int = 100, early_exaggeration_iter: int = 50, neighbors: str = "auto",
                 k_neighbors="auto", reorder="auto", n_jobs: int = 2, random_state=None, progress: bool = False):
        super().__init__(n_components, random_state=random_state)
        self.perplexity = perplexity
        self.metric = metric
        self.n_iter = n_iter
        self.early_exaggeration_iter = early_exaggeration_iter
        self.neighbors = neighbors
        self.k_neighbors = k_neighbors
        self.reorder = reorder
        self.n_jobs = n_jobs
        self.progress = progress

    def _fit(self, X):  # maps are cached (cache.py): raise MAP_VERSION there when what this computes changes
        openTSNE = require("openTSNE", "tsne")
        n = len(X)
        perplexity = usable_perplexity(self.perplexity, n)
        if perplexity != self.perplexity:
            # openTSNE would lower it too, but print its own message; say it once, with the value used
            self._adjust("perplexity", self.perplexity, perplexity,
                         f"t-SNE needs 3 x perplexity neighbours per point; each of the {n} points has {n - 1}")
        self.perplexity_ = perplexity
        if self.reorder not in ("auto", True, False):
            raise InputError(f"reorder must be 'auto', True or False; got {self.reorder!r}")
        reorder = n >= REORDER_FROM if self.reorder == "auto" else self.reorder
        affinities, order = self._affinities(X, reorder=reorder)
        bar = None
        callbacks = None
        if self.progress:
            from tqdm.auto import tqdm

            from ..render.language import t

            bar = tqdm(total=self.early_exaggeration_iter + self.n_iter, desc=t("progress.tsne"), unit="step")
            every = 25

            def callbacks(iteration, error, embedding):
                bar.update(every)

        tsne = openTSNE.TSNE(n_iter=self.n_iter, early_exaggeration_iter=self.early_exaggeration_iter,
                             callbacks=callbacks, callbacks_every_iters=25, **self._optimiser(n))
        init = openTSNE.initialization.pca(X, n_components=self.n_components, random_state=self._seed())
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", category=FutureWarning)
                self._emb = tsne.fit(affinities=affinities, initialization=init[order])
        finally:
            if bar is not None:
                bar.close()
        coords = np.empty_like(np.asarray(self._emb))  # back to the points' own order (self._emb keeps its
        coords[order] = np.asarray(self._emb)          # own, with its affinities, to place new points)
        return coords

    def _optimiser(self, n: int) -> dict:
        """openTSNE's gradient settings for ``n`` points (the fit's and the restored map's)."""
        fft = n >= 1000 and self.n_components <= 2  # FFT is the faster from about 1,000 points (2-D only)
        return dict(n_components=self.n_components, n_jobs=self.n_jobs, random_state=self._seed(), verbose=False,
                    negative_gradient_method="fft" if fft else "bh",
                    **({"ints_in_interval": 3, "min_num_intervals": 30, "n_interpolation_points": 2} if fft else {}))

    def graph_spec(self, n: int) -> dict:
        """The neighbour graph this t-SNE computes for ``n`` points: ``k``, ``method``, ``metric`` and
        ``random_state``, as :func:`knn_graph` is asked for it (an atlas takes its true neighbours from it)."""
        how = knn_method(n, self.neighbors)
        perplexity = usable_perplexity(self.perplexity, n)
        if self.k_neighbors == "auto":
            k = int((3 if how == "exact" else 1.5) * perplexity)
        else:
            k = int(self.k_neighbors)
            if k < perplexity:
                raise InputError(f"k_neighbors={k} is fewer than the perplexity ({perplexity:g}); "
                                 "use at least 3 x perplexity, or 'auto'")
        return {"k": min(n - 1, k), "method": how, "metric": self.metric, "random_state": self._seed()}

    def take_neighbours(self):
        """The neighbour graph ``(indices, distances)`` this map was just fitted on, handed over once (it is
        not kept: at a million points it is half a gigabyte); None when the map was read from the cache."""
        return self.__dict__.pop("_graph", None)

    def _affinities(self, X, reorder: bool = False):
        """openTSNE's perplexity-based affinities over :func:`knn_graph`'s neighbours of ``X``, and the order of
        the points they are over: :func:`locality_order` when ``reorder``, else the points' own."""
        openTSNE = require("openTSNE", "tsne")
        spec = self.graph_spec(len(X))
        idx, dist = knn_graph(X, spec["k"], metric=self.metric, method=spec["method"], random_state=spec["random_state"],
                              progress=self.progress)
        self._graph = (idx, dist)
        order = locality_order(idx) if reorder else np.arange(len(X))
        if reorder:
            place = np.empty(len(order), dtype=np.int64)
            place[order] = np.arange(len(order))
            X, idx, dist = np.asarray(X)[order], place[idx[order]], dist[order]
        index = _graph_index_class()(X, idx, dist, metric=self.metric)
        return openTSNE.affinity.PerplexityBasedNN(knn_index=index, perplexity=self.perplexity_,
                                                   n_jobs=self.n_jobs, verbose=False), order

    def _model_from(self, X, embedding):
        # a restored map needs no optimisation to place new points: its affinities and its coordinates
        openTSNE = require("openTSNE", "tsne")
        params = self._optimiser(len(X))
        for name in ("n_components", "verbose"):
            params.pop(name)
        self._emb = openTSNE.TSNEEmbedding(np.array(embedding, copy=True), self._affinities(X)[0], **params)

    def _transform(self, X):
        # openTSNE's transform moves the fitted embedding in place; put it back so the map stays put
        saved = np.array(self._emb, copy=True)
        try:
            # openTSNE places new points with perplexity 5, which a map of under 16 points cannot hold
            perplexity = usable_perplexity(5.0, len(self._emb))
            return np.array(self._emb.transform(X, perplexity=perplexity), copy=True)
        finally:
            self._emb[:] = saved


@functools.cache
def _graph_index_class():
    """openTSNE's neighbour-index interface over a precomputed graph; new points are answered exactly."""
    openTSNE = require("openTSNE", "tsne")

    class GraphIndex(openTSNE.nearest_neighbors.KNNIndex):
        VALID_METRICS = ["cosine", "euclidean"]

        def __init__(self, data, indices, distances, *, metric):
            super().__init__(data, indices.shape[1], metric=metric)
            self.indices, self.distances = indices, distances

        def build(self):
            return self.indices, self.distances.astype(np.float64)

        def query(self, query, k):
            idx, dist = neighbours_of(self.data, query, k, metric=self.metric)
            return idx, dist.astype(np.float64)

    return GraphIndex
