"""t-SNE with openTSNE: FFT-accelerated, and it can place new points into a fitted map."""

from __future__ import annotations

import warnings

import numpy as np

from ..errors import require
from ._base import Projector


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
    """t-SNE to 2-D (openTSNE).

    Parameters
    ----------
    perplexity : float, default 30
        Effective number of neighbours. When ``3 * perplexity`` does not fit in
        ``n - 1`` points it is lowered to ``(n - 1) / 3`` with a
        :class:`~vizkit.errors.ParameterAdjustedWarning`; ``perplexity_`` holds
        the value used (see :func:`usable_perplexity`).
    metric : str, default "cosine"
    n_iter : int, default 250
        Optimisation steps after ``early_exaggeration_iter`` (default 125) steps of
        early exaggeration: half of openTSNE's 500 + 250, which on 1k-10k GloVe
        words loses less than 0.01 trustworthiness for a 3-9x speed-up
        (benchmarks/core.py).
    n_jobs : int, default 2
        Threads of openTSNE; the coordinates do not depend on it (bitwise the
        same with 1 or 2 threads, measured on 500 to 16,000 GloVe words).
    random_state : int or None
        The same seed gives identical coordinates.
    progress : bool, default False
        Show a progress bar over the optimisation steps.

    Neighbours are exact up to 15,000 points (faster than Annoy there) and
    approximate above; gradients use Barnes-Hut below 2,000 points and FFT
    interpolation with a coarser grid (``ints_in_interval=3``) above.
    """

    min_points = 4

    def __init__(self, n_components: int = 2, *, perplexity: float = 30.0, metric: str = "cosine",
                 n_iter: int = 250, early_exaggeration_iter: int = 125, n_jobs: int = 2, random_state=None,
                 progress: bool = False):
        super().__init__(n_components, random_state=random_state)
        self.perplexity = perplexity
        self.metric = metric
        self.n_iter = n_iter
        self.early_exaggeration_iter = early_exaggeration_iter
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
        fft = n >= 2000
        bar = None
        callbacks = None
        if self.progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=self.early_exaggeration_iter + self.n_iter, desc="t-SNE", unit="step")
            every = 25

            def callbacks(iteration, error, embedding):
                bar.update(every)

        tsne = openTSNE.TSNE(
            n_components=self.n_components, perplexity=perplexity, metric=self.metric,
            n_iter=self.n_iter, early_exaggeration_iter=self.early_exaggeration_iter,
            n_jobs=self.n_jobs, random_state=self._seed(), verbose=False,
            neighbors="exact" if n <= 15000 else "annoy",
            negative_gradient_method="fft" if fft else "bh",
            **({"ints_in_interval": 3, "min_num_intervals": 30} if fft else {}),
            callbacks=callbacks, callbacks_every_iters=25,
        )
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", category=FutureWarning)
                self._emb = tsne.fit(X)
        finally:
            if bar is not None:
                bar.close()
        return np.array(self._emb, copy=True)

    def _adopt(self, embedding):
        self._emb[:] = embedding  # new points are optimised against these positions

    def _transform(self, X):
        # openTSNE's transform moves the fitted embedding in place; put it back so the map stays put
        saved = np.array(self._emb, copy=True)
        try:
            # openTSNE places new points with perplexity 5, which a map of under 16 points cannot hold
            perplexity = usable_perplexity(5.0, len(self._emb))
            return np.array(self._emb.transform(X, perplexity=perplexity), copy=True)
        finally:
            self._emb[:] = saved
