"""The projection contract shared by PCA, t-SNE and UMAP: scikit-learn's estimator contract."""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.base import BaseEstimator

from ..errors import InputError, ParameterAdjustedWarning, VizkitError


class NotFittedError(VizkitError, AttributeError):
    """``transform`` was called before ``fit``."""


def as_array(X) -> np.ndarray:
    """Vectors of ``X`` (an array or :class:`~vizkit.LabelledVectors`) as a checked float array."""
    X = getattr(X, "vectors", X)
    try:
        arr = np.asarray(X, dtype=np.float64)
    except (ValueError, TypeError):
        raise InputError("vectors must be a 2-D array of numbers with rows of equal length") from None
    if arr.ndim != 2:
        raise InputError(f"vectors must be a 2-D array of shape (n_points, n_dims); got shape {arr.shape}")
    if arr.shape[0] == 0:
        raise InputError("there are no points to project")
    if not np.isfinite(arr).all():
        rows = np.flatnonzero(~np.isfinite(arr).all(axis=1))
        raise InputError(f"{len(rows)} row(s) contain NaN or inf (rows {rows[:5].tolist()}); drop or fix them")
    return arr


class Projector(BaseEstimator):
    """Base of the 2-D maps: ``fit`` / ``transform`` / ``fit_transform`` with ``random_state``.

    A scikit-learn estimator: ``__init__`` only stores its arguments (all but
    the first keyword-only), :meth:`get_params` reads their names from the
    ``__init__`` signature and :meth:`set_params` changes them, so
    :func:`sklearn.base.clone`, grid searches and pipelines work on every
    projector. What ``fit`` learns lives in attributes ending in ``_``
    (``embedding_``, ``n_features_in_``; ``perplexity_``, ``n_neighbors_``
    where a parameter was adjusted).

    Subclasses implement ``_fit(X) -> embedding`` and, when the method can place
    new points into a fitted map, ``_transform(X) -> coords``; their
    ``__init__`` stores each argument under its own name and nothing else.

    Parameters
    ----------
    n_components : int, default 2
        Dimensions of the map.
    random_state : int, numpy.random.RandomState or None, default None
        The same int seed gives the same map.

    Examples
    --------
    >>> from sklearn.base import clone
    >>> from vizkit.projection import TSNE
    >>> clone(TSNE(perplexity=5, random_state=0)).get_params()["perplexity"]
    5
    """

    #: fewest points the method can lay out
    min_points = 2
    #: whether ``transform`` can place new points into a fitted map
    can_transform = True

    def __init__(self, n_components: int = 2, *, random_state=None):
        self.n_components = n_components
        self.random_state = random_state

    def __repr__(self) -> str:
        # every parameter (scikit-learn's repr shows only those that differ from the default), in the order stored
        params = self.get_params(deep=False)
        params = ", ".join(f"{k}={params[k]!r}" for k in vars(self) if k in params)
        return f"{type(self).__name__}({params})"

    def _check_n(self, n: int):
        if n < self.min_points:
            raise InputError(
                f"{type(self).__name__} needs at least {self.min_points} points; got {n}. "
                "Add more words (a single point has no map)."
            )

    def _adjust(self, name: str, value, used, why: str):
        """Warn once that ``name=value`` is replaced by ``used`` (shown to 2 decimals), and return ``used``."""
        shown = f"{used:.2f}".rstrip("0").rstrip(".") if isinstance(used, float) else used
        warnings.warn(f"{name}={value} cannot work here ({why}); using {name}={shown}",
                      ParameterAdjustedWarning, stacklevel=4)
        return used

    def _seed(self) -> int:
        """An int seed derived from ``random_state`` (None gives a fresh one)."""
        from sklearn.utils import check_random_state

        if isinstance(self.random_state, (int, np.integer)):
            return int(self.random_state)
        return int(check_random_state(self.random_state).randint(0, 2**31 - 1))

    def fit(self, X, y=None) -> "Projector":
        X = as_array(X)
        self.__dict__.pop("_unfitted", None)
        self._check_n(len(X))
        self.n_features_in_ = X.shape[1]
        self.embedding_ = np.asarray(self._fit(X), dtype=np.float64)
        return self

    def fit_transform(self, X, y=None) -> np.ndarray:
        """Fit and return the 2-D coordinates, ndarray of shape (n_samples, n_components)."""
        return self.fit(X).embedding_

    def transform(self, X) -> np.ndarray:
        """Place new points into the fitted map (same axes as ``embedding_``)."""
        if not hasattr(self, "embedding_"):
            raise NotFittedError(f"{type(self).__name__} is not fitted yet; call fit() first")
        if not self.can_transform:
            raise VizkitError(f"{type(self).__name__} cannot place new points; use PCA, openTSNE or UMAP")
        X = as_array(X)
        if X.shape[1] != self.n_features_in_:
            raise InputError(f"map was fitted on {self.n_features_in_}-d vectors; got {X.shape[1]}-d")
        self._build_model()
        return np.asarray(self._transform(X), dtype=np.float64)

    # ------------------------------------------------------------ a map read from the cache
    def _restore(self, X, embedding: np.ndarray, attributes: dict) -> None:
        """Take a stored map of ``X`` as this projector's fit; the model is fitted when ``transform`` needs it.

        Called by :func:`vizkit.projection.cache.fit_cached`; ``attributes`` are the
        other attributes the fit set (``n_features_in_``, ``perplexity_``...).
        """
        for name, value in attributes.items():
            setattr(self, name, value)
        self.embedding_ = embedding
        self._unfitted = X

    def _build_model(self) -> None:
        """Make the model of a restored map (once), keeping the stored coordinates.

        See :meth:`_model_from`: t-SNE and UMAP build it from the vectors and
        the stored map; PCA fits again (the same map, bitwise: the cache key
        holds the seed and the library versions), and :meth:`_adopt` makes it
        place new points against the stored coordinates all the same.
        """
        X = self.__dict__.pop("_unfitted", None)
        if X is None:
            return
        stored = self.embedding_
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ParameterAdjustedWarning)  # given when the map was restored
            self._model_from(as_array(X), stored)
        self.embedding_ = stored

    def _model_from(self, X: np.ndarray, embedding: np.ndarray) -> None:
        """Make the model that places new points, for a map ``embedding`` of ``X`` read from the cache.

        By default the map is fitted again and the model takes the stored
        coordinates (:meth:`_adopt`); methods whose model needs only the
        vectors and the map (t-SNE's affinities, UMAP's neighbours) build it
        without the optimisation.
        """
        self._fit(X)
        self._adopt(embedding)

    def _adopt(self, embedding: np.ndarray) -> None:
        """Make the fitted model place new points against ``embedding`` (a no-op for a linear map)."""

    def _fit(self, X):  # pragma: no cover - abstract
        raise NotImplementedError

    def _transform(self, X):  # pragma: no cover - abstract
        raise NotImplementedError
