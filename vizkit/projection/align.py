"""Keeping frames steady: orthogonal Procrustes alignment and a map with fixed reference points."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from sklearn.base import BaseEstimator, TransformerMixin

from .._deprecation import OldCallForms, deprecated, loose_params
from ..errors import InputError
from ._base import NotFittedError, as_array


def _keys(labels: Sequence[str]) -> list[tuple[str, int]]:
    """(label, k-th occurrence) keys, so repeated labels pair up in order."""
    seen: dict[str, int] = {}
    out = []
    for lab in labels:
        k = seen.get(lab, 0)
        seen[lab] = k + 1
        out.append((lab, k))
    return out


def procrustes_rotation(moving: np.ndarray, reference: np.ndarray, *, allow_reflection: bool = True):
    """Rotation ``R`` and translation minimising ``|(moving - mu_m) R + mu_r - reference|``.

    Returns ``(R, mu_moving, mu_reference)``.
    """
    mu_m, mu_r = moving.mean(axis=0), reference.mean(axis=0)
    u, _, vt = np.linalg.svd((moving - mu_m).T @ (reference - mu_r))
    if not allow_reflection and np.linalg.det(u @ vt) < 0:
        u[:, -1] *= -1
    return u @ vt, mu_m, mu_r


def procrustes_align(moving, reference, *, moving_labels: Sequence[str] | None = None,
                     reference_labels: Sequence[str] | None = None, allow_reflection: bool = True) -> np.ndarray:
    """Rotate (and shift) a 2-D point set onto another over their shared labels.

    Parameters
    ----------
    moving, reference : ndarray of shape (n, 2) and (m, 2)
    moving_labels, reference_labels : sequences of str, optional
        Pair points by label (the k-th "bank" of one set with the k-th "bank" of
        the other). Without labels the rows are paired in order and ``n == m``.
    allow_reflection : bool, default True
        Allow a mirror image (PCA axes may flip sign between frames).

    Returns
    -------
    ndarray of shape (n, 2)
        ``moving`` with the fitted rotation and translation applied to every point.

    Examples
    --------
    >>> import numpy as np
    >>> ref = np.array([[0., 0.], [1., 0.], [0., 2.]])
    >>> rot = np.array([[0., -1.], [1., 0.]])
    >>> np.allclose(procrustes_align(ref @ rot + 5, ref), ref)
    True
    """
    moving, reference = as_array(moving), as_array(reference)
    if moving.shape[1] != reference.shape[1]:
        raise InputError(f"cannot align {moving.shape[1]}-d points onto {reference.shape[1]}-d points")
    if moving_labels is None or reference_labels is None:
        if len(moving) != len(reference):
            raise InputError(f"{len(moving)} vs {len(reference)} points: give labels to pair them")
        a, b = moving, reference
    else:
        if len(moving_labels) != len(moving) or len(reference_labels) != len(reference):
            raise InputError("give one label per point")
        ref_pos = {k: i for i, k in enumerate(_keys(reference_labels))}
        pairs = [(i, ref_pos[k]) for i, k in enumerate(_keys(moving_labels)) if k in ref_pos]
        if len(pairs) < 2:
            raise InputError(f"only {len(pairs)} shared label(s); Procrustes alignment needs at least 2")
        a = moving[[p[0] for p in pairs]]
        b = reference[[p[1] for p in pairs]]
    rot, mu_m, mu_r = procrustes_rotation(a, b, allow_reflection=allow_reflection)
    return (moving - mu_m) @ rot + mu_r


class StableMap(TransformerMixin, BaseEstimator, metaclass=OldCallForms):
    """A 2-D map fitted on reference points, into which other points are placed.

    The reference layout never moves, so static words, anchor words and the
    contextual occurrences of every layer share one camera. A scikit-learn
    estimator: ``__init__`` only stores its parameters, so
    :func:`sklearn.base.clone`, :meth:`get_params` and :meth:`set_params` work.

    Parameters
    ----------
    method : {"pca", "tsne", "umap"} or a projector instance, default "pca"
        An instance is copied with :func:`sklearn.base.clone` when the map is
        fitted: the instance given stays unfitted and two maps never share one.
    random_state : int, numpy.random.RandomState or None, default None
        Seed of the projector made from a method name (an instance keeps its own).
    params : dict, optional
        More parameters of the projector made from a method name
        (``{"perplexity": 10}``, ``{"n_components": 3}``...).
    cache : bool, default True
        Read the reference map from the map cache when it was computed before
        (:func:`~vizkit.projection.cache.fit_cached`: same vectors, method, parameters
        and int seed), else compute and store it. The projector of a map read
        from the cache is fitted on the first :meth:`transform`. ``False`` always fits.

    Attributes
    ----------
    reference_ : ndarray of shape (n_samples, n_components)
        The map of the points given to :meth:`fit`.
    projector_ : Projector
        The fitted projector that places new points.
    extent_ : ndarray of shape (2, n_components)
        Smallest and largest coordinate of the map on each axis.
    n_features_in_ : int

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> m = StableMap("pca", random_state=0).fit(rng.normal(size=(20, 5)))
    >>> m.transform(rng.normal(size=(3, 5))).shape
    (3, 2)
    """

    def __init__(self, method="pca", *, random_state=None, params: dict | None = None, cache: bool = True):
        self.method = method
        self.random_state = random_state
        self.params = params
        self.cache = cache

    @classmethod
    def _old_call(cls, args, kwargs):
        """``StableMap("pca", perplexity=10)``: loose projector parameters (deprecated) go to ``params``."""
        return args, loose_params(cls, kwargs), {}

    def _projector(self):
        from sklearn.base import clone

        from . import get_projector

        if isinstance(self.method, str):
            params = dict(self.params or {})
            if self.random_state is not None:
                if params.get("random_state") is not None:
                    raise InputError("random_state is given twice, as an argument and in params; give it once")
                params["random_state"] = self.random_state
            return get_projector(self.method, **params)
        if self.params or self.random_state is not None:
            raise InputError(f"params and random_state go with a method name; {type(self.method).__name__} keeps "
                             f"its own: set them on it ({type(self.method).__name__}(random_state=0, ...))")
        return clone(self.method)

    def fit(self, X, y=None) -> "StableMap":
        """Fit the map on the reference points ``X`` (array-like or LabelledVectors of shape (n_samples, n_features))."""
        from .cache import fit_cached

        proj = self._projector()
        if not proj.can_transform:
            raise InputError(f"{self.method} cannot place new points; use pca, tsne or umap")
        self.projector_ = fit_cached(proj, X) if self.cache else proj.fit(X)
        self.reference_ = proj.embedding_
        self.n_features_in_ = proj.n_features_in_
        lo, hi = self.reference_.min(axis=0), self.reference_.max(axis=0)
        self.extent_ = np.stack([lo, hi])
        return self

    def fit_transform(self, X, y=None) -> np.ndarray:
        """Fit on ``X`` and return its map, ``reference_``: ndarray of shape (n_samples, n_components)."""
        return self.fit(X).reference_

    def transform(self, X) -> np.ndarray:
        """Coordinates of new points in the fitted map, ndarray of shape (n_samples, n_components).

        The first call fits the projector of a map read from the cache.
        """
        if not hasattr(self, "projector_"):
            raise NotFittedError("StableMap is not fitted yet; call fit(reference) first")
        return self.projector_.transform(X)

    def place(self, X) -> np.ndarray:
        """Deprecated: :meth:`transform`."""
        deprecated("StableMap.place(X) is deprecated: use StableMap.transform(X)")
        return self.transform(X)
