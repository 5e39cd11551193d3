"""UMAP (umap-learn): can place new points into a fitted map."""

from __future__ import annotations

import warnings

import numpy as np

from ..errors import require
from ._base import Projector


class UMAP(Projector):
    """UMAP to 2-D (umap-learn).

    Parameters
    ----------
    n_neighbors : int, default 15
        Lowered to ``n - 1`` for small inputs, with a
        :class:`~vizkit.errors.ParameterAdjustedWarning`.
    min_dist : float, default 0.1
    metric : str, default "cosine"
    n_epochs : int, default 200
        umap-learn would use 500 up to 10k points; 200 keeps trustworthiness
        above 0.9 on GloVe words at less than half the time (benchmarks/core.py).
    random_state : int or None
        The same seed gives identical coordinates (umap then runs on one thread).
    progress : bool, default False
        Let umap report its steps and show a progress bar over the epochs.
    refine : bool, default False
        How :meth:`transform` places new points. By default each lands at the
        weighted mean of the map positions of its nearest reference points
        (umap's own starting point for new points). ``True`` then runs umap's optimisation on them as
        ``umap.UMAP.transform`` does, which can pull a point away from its
        neighbours on a small map.

    The first UMAP of a Python process also compiles umap's numba code (tens of
    seconds on two cores); later maps in the same process do not pay it.
    """

    min_points = 4

    def __init__(self, n_components: int = 2, *, n_neighbors: int = 15, min_dist: float = 0.1,
                 metric: str = "cosine", n_epochs: int | None = 200, random_state=None,
                 progress: bool = False, refine: bool = False):
        super().__init__(n_components, random_state=random_state)
        self.n_neighbors = n_neighbors
        self.min_dist = min_dist
        self.metric = metric
        self.n_epochs = n_epochs
        self.progress = progress
        self.refine = refine

    def _fit(self, X):  # maps are cached (cache.py): raise MAP_VERSION there when what this computes changes
        umap = require("umap", "umap")
        n = len(X)
        k = self.n_neighbors
        if k >= n:
            k = self._adjust("n_neighbors", self.n_neighbors, max(2, n - 1), f"only {n} points")
        self.n_neighbors_ = k
        self._umap = umap.UMAP(
            n_components=self.n_components, n_neighbors=k, min_dist=self.min_dist, metric=self.metric,
            n_epochs=self.n_epochs, random_state=self._seed(),
            init="spectral" if n > self.n_components + 8 else "random",
            verbose=self.progress, tqdm_kwds={"desc": "UMAP", "disable": not self.progress},
        )
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*n_jobs value.*")
            warnings.filterwarnings("ignore", message=".*(spectral|Graph is not fully connected|k >= N).*")
            return self._umap.fit_transform(X)

    def _adopt(self, embedding):
        # both ways of placing (the neighbours' weighted mean, umap's refinement) start from these positions
        self._umap.embedding_ = np.asarray(embedding, dtype=self._umap.embedding_.dtype)

    def _transform(self, X):
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*n_jobs value.*")
            if self.refine:
                return self._umap.transform(X)
            self._umap.transform_mode = "graph"  # the fuzzy neighbour graph of the new points to the reference
            try:
                graph = self._umap.transform(X).tocsr()
            finally:
                self._umap.transform_mode = "embedding"
        graph.eliminate_zeros()
        umap_ = require("umap.umap_", "umap")
        return np.asarray(umap_.init_graph_transform(graph, self._umap.embedding_), dtype=float)
