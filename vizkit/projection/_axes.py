"""Semantic axes: a map whose x and y are directions between word poles (``man:woman``, ``poor:rich``)."""

from __future__ import annotations

import numpy as np

from ..errors import InputError
from ..vectors import unit_rows
from ._base import Projector, as_array


def parse_pole(spec) -> tuple[list, list]:
    """``"man:woman"``, ``"man,he:woman,she"`` or ``(a, b)`` -> (negative end's words or vectors, positive end's)."""
    if isinstance(spec, str):
        if spec.count(":") != 1:
            raise InputError(f"an axis is 'negative:positive' (e.g. 'man:woman'); got {spec!r}")
        a, b = spec.split(":")
        ends = [[w.strip() for w in a.split(",") if w.strip()], [w.strip() for w in b.split(",") if w.strip()]]
    else:
        try:
            a, b = spec
        except (TypeError, ValueError):
            raise InputError(f"an axis is 'negative:positive' or a pair (negative, positive); got {spec!r}") from None
        ends = [[a] if isinstance(a, str) or np.ndim(a) == 1 else list(a),
                [b] if isinstance(b, str) or np.ndim(b) == 1 else list(b)]
    if not ends[0] or not ends[1]:
        raise InputError(f"both ends of the axis {spec!r} need at least one word")
    return ends[0], ends[1]


class Axes(Projector):
    """x and y are directions between two poles each: where a word lies between *man* and *woman*, *poor* and *rich*.

    Each pole is the mean of its words' unit vectors; an axis is the unit direction from its negative pole
    to its positive one, ``d = (p+ - p-) / |p+ - p-|``; a point's coordinate is the scalar projection of
    its unit vector on it, ``x = (v / |v|) . d`` (a cosine-weighted position: positive leans to the
    positive pole). With ``orthogonal=True`` the y direction has its x part removed first, so the two
    readings do not double-count one direction. Without ``y`` the second axis is the direction of most
    variance left after x (PCA of the residual).

    Parameters
    ----------
    x : str or (negative, positive)
        ``"man:woman"``, ``"man,he,him:woman,she,her"``, or a pair of words, word lists or vectors.
    y : same as ``x``, optional
    source : Source, optional
        Where to look the pole words up (default: the labels of the points being fitted).
    orthogonal : bool, default True
    random_state : ignored (the map is deterministic); kept for the projection contract.

    Examples
    --------
    >>> from vizkit.vectors import LabelledVectors
    >>> lv = LabelledVectors([[1, 0, 0], [0, 1, 0], [0.8, 0.2, 0.1]], ["he", "she", "king"])
    >>> xy = Axes("he:she").fit_transform(lv)
    >>> bool(xy[2, 0] < 0)  # king leans to the "he" end
    True
    """

    n_components = 2
    min_points = 1

    def __init__(self, x="man:woman", y=None, *, source=None, orthogonal: bool = True, random_state=None):
        self.x = x
        self.y = y
        self.source = source
        self.orthogonal = orthogonal
        self.random_state = random_state

    def fit(self, X, y=None) -> "Axes":
        self._table = X if hasattr(X, "labels") else None  # pole words are looked up among the labelled points
        try:
            return super().fit(X)
        finally:
            self._table = None

    def _pole(self, items, dim: int) -> np.ndarray:
        vecs = []
        for item in items:
            if isinstance(item, str):
                if self.source is not None:
                    vec = np.asarray(self.source.vector(item), dtype=np.float64)
                elif self._table is not None:
                    vec = np.asarray(self._table[item].vectors, dtype=np.float64).mean(axis=0)
                else:
                    raise InputError(f"pole word {item!r} needs labelled points or source=...")
            else:
                vec = np.asarray(item, dtype=np.float64)
            if vec.shape != (dim,):
                raise InputError(f"a pole vector has shape {vec.shape}; the points are {dim}-d")
            vecs.append(unit_rows(vec))
        return np.mean(vecs, axis=0)

    def _direction(self, spec, dim: int) -> np.ndarray:
        neg, pos = parse_pole(spec)
        d = self._pole(pos, dim) - self._pole(neg, dim)
        norm = np.linalg.norm(d)
        if norm < 1e-9:
            raise InputError(f"the two poles of {spec!r} are the same direction; choose poles that differ")
        return d / norm

    def _fit(self, X):
        dim = X.shape[1]
        dx = self._direction(self.x, dim)
        if self.y is None:
            U = unit_rows(X)
            resid = U - np.outer(U @ dx, dx)
            resid -= resid.mean(axis=0)
            if len(X) > 1 and np.abs(resid).max() > 0:
                dy = np.linalg.svd(resid, full_matrices=False)[2][0]
                dy = dy * np.sign(dy[np.abs(dy).argmax()])  # a fixed orientation
            else:
                dy = np.zeros(dim)
        else:
            dy = self._direction(self.y, dim)
            if self.orthogonal:
                dy = dy - (dy @ dx) * dx
                if np.linalg.norm(dy) < 1e-9:
                    raise InputError(f"the y axis {self.y!r} is the x axis {self.x!r}; choose another")
                dy /= np.linalg.norm(dy)
        self.directions_ = np.stack([dx, dy])
        self.axis_cosine_ = float(dx @ dy)
        return unit_rows(X) @ self.directions_.T

    def _transform(self, X):
        return unit_rows(as_array(X)) @ self.directions_.T

    def axis_titles(self) -> tuple[str, str]:
        """``("man <-> woman", ...)`` for the figure's axes."""
        def name(spec):
            if spec is None:
                return "most variance left"
            neg, pos = parse_pole(spec)
            show = lambda end: ", ".join(w if isinstance(w, str) else "vector" for w in end)  # noqa: E731
            return f"{show(neg)} \u2190 \u2192 {show(pos)}"
        return name(self.x), name(self.y)
