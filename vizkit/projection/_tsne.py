"""t-SNE with openTSNE: FFT-accelerated, and it can place new points into a fitted map."""

from __future__ import annotations

import warnings

import numpy as np

from ..errors import require
from ._base import Projector


class TSNE(Projector):
    """t-SNE to 2-D (openTSNE).

    Parameters
    ----------
    perplexity : float, default 30
        Effective number of neighbours. When ``3 * perplexity`` does not fit in
        ``n - 1`` points it is lowered to ``(n - 1) / 3`` with a
        :class:`~vizkit.errors.ParameterAdjustedWarning`.
    metric : str, default "cosine"
    n_iter : int, default 500
        Optimisation steps after the 250 early-exaggeration steps (openTSNE's defaults).
    n_jobs : int, default 2
    random_state : int or None
        The same seed gives identical coordinates.
    """

    min_points = 4

    def __init__(self, n_components: int = 2, *, perplexity: float = 30.0, metric: str = "cosine",
                 n_iter: int = 500, early_exaggeration_iter: int = 250, n_jobs: int = 2, random_state=None):
        super().__init__(n_components, random_state=random_state)
        self.perplexity = perplexity
        self.metric = metric
        self.n_iter = n_iter
        self.early_exaggeration_iter = early_exaggeration_iter
        self.n_jobs = n_jobs

    def _fit(self, X):
        openTSNE = require("openTSNE", "tsne")
        n = len(X)
        perplexity = self.perplexity
        if 3 * perplexity > n - 1:
            perplexity = self._adjust("perplexity", self.perplexity, round((n - 1) / 3, 2),
                                      f"3 x perplexity must be below the {n} points")
        self.perplexity_ = perplexity
        tsne = openTSNE.TSNE(
            n_components=self.n_components, perplexity=perplexity, metric=self.metric,
            n_iter=self.n_iter, early_exaggeration_iter=self.early_exaggeration_iter,
            n_jobs=self.n_jobs, random_state=self._seed(), verbose=False,
            neighbors="exact" if n < 1000 else "auto",
            negative_gradient_method="bh" if n < 10000 else "fft",
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", category=FutureWarning)
            self._emb = tsne.fit(X)
        return np.array(self._emb, copy=True)

    def _transform(self, X):
        # openTSNE's transform moves the fitted embedding in place; put it back so the map stays put
        saved = np.array(self._emb, copy=True)
        try:
            return np.array(self._emb.transform(X), copy=True)
        finally:
            self._emb[:] = saved
