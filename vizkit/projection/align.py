"""Keeping frames steady: orthogonal Procrustes alignment and a map with fixed reference points."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..errors import InputError
from ._base import as_array


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


class StableMap:
    """A 2-D map fitted on reference points, into which other points are placed.

    The reference layout never moves, so static words, anchor words and the
    contextual occurrences of every layer share one camera.

    Parameters
    ----------
    method : {"pca", "tsne", "umap"} or a projector instance
        An instance is copied with :func:`sklearn.base.clone` when the map is
        fitted: the instance given stays unfitted and two maps never share one.
    cache : bool, default True
        Read the reference map from the map cache when it was computed before
        (:func:`~vizkit.projection.fit_cached`: same vectors, method, parameters
        and int seed), else compute and store it. The projector of a map read
        from the cache is fitted on the first :meth:`place`. ``False`` always fits.
    **params
        Passed to the projector made from a method name (``random_state``, ``perplexity``...).

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> m = StableMap("pca").fit(rng.normal(size=(20, 5)))
    >>> m.place(rng.normal(size=(3, 5))).shape
    (3, 2)
    """

    def __init__(self, method="pca", *, cache: bool = True, **params):
        self.method = method
        self.cache = cache
        self.params = params

    def fit(self, reference) -> "StableMap":
        from sklearn.base import clone

        from . import get_projector
        from .cache import fit_cached

        proj = get_projector(self.method, **self.params) if isinstance(self.method, str) else clone(self.method)
        if not proj.can_transform:
            raise InputError(f"{self.method} cannot place new points; use pca, tsne or umap")
        self.projector_ = fit_cached(proj, reference) if self.cache else proj.fit(reference)
        self.reference_ = proj.embedding_
        lo, hi = self.reference_.min(axis=0), self.reference_.max(axis=0)
        self.extent_ = np.stack([lo, hi])
        return self

    def place(self, X) -> np.ndarray:
        """Coordinates of new points in the fitted map (the first call fits a projector read from the cache)."""
        if not hasattr(self, "projector_"):
            raise InputError("StableMap is not fitted yet; call fit(reference) first")
        return self.projector_.transform(X)
