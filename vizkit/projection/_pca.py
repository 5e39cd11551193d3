"""PCA: the linear, stable map (default for animations)."""

from __future__ import annotations

import numpy as np

from ._base import Projector


class PCA(Projector):
    """Principal component analysis to 2-D (scikit-learn underneath).

    Parameters
    ----------
    n_components : int, default 2
    normalize : bool, default False
        Scale rows to unit length first, so the map reflects cosine geometry.
    random_state : int or None
        Only used by the randomised solver for large inputs; results are
        deterministic for a given seed. Component signs are fixed (largest
        loading positive) so the same data always gives the same picture.

    Examples
    --------
    >>> import numpy as np
    >>> PCA(random_state=0).fit_transform(np.eye(4)).shape
    (4, 2)
    """

    def __init__(self, n_components: int = 2, *, normalize: bool = False, random_state=None):
        super().__init__(n_components, random_state=random_state)
        self.normalize = normalize

    def _prep(self, X):
        if self.normalize:
            norms = np.linalg.norm(X, axis=1, keepdims=True)
            X = X / np.where(norms == 0, 1, norms)
        return X

    def _fit(self, X):  # maps are cached (cache.py): raise MAP_VERSION there when what this computes changes
        from sklearn.decomposition import PCA as _SKPCA

        X = self._prep(X)
        k = min(self.n_components, X.shape[1], len(X))
        self._pca = _SKPCA(n_components=k, svd_solver="full" if len(X) * X.shape[1] < 5_000_000 else "randomized",
                           random_state=self._seed())
        with np.errstate(invalid="ignore", divide="ignore"):  # all points equal: zero variance
            Y = self._pca.fit_transform(X)
        # deterministic orientation: the largest |loading| of each component is positive
        comp = self._pca.components_
        self._signs = np.sign(comp[np.arange(len(comp)), np.abs(comp).argmax(axis=1)])
        self._signs[self._signs == 0] = 1
        self.explained_variance_ratio_ = self._pca.explained_variance_ratio_
        return self._pad(Y * self._signs)

    def _pad(self, Y):
        if Y.shape[1] < self.n_components:  # fewer points/dims than components
            Y = np.hstack([Y, np.zeros((len(Y), self.n_components - Y.shape[1]))])
        return Y

    def _transform(self, X):
        return self._pad(self._pca.transform(self._prep(X)) * self._signs)
