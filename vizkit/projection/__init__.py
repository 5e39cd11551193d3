"""2-D maps behind one scikit-learn-shaped contract, and the tools that keep frames steady."""

from __future__ import annotations

from ._axes import Axes, parse_pole
from ._base import NotFittedError, Projector
from ._pca import PCA
from ._tsne import TSNE
from ._umap import UMAP
from .align import StableMap, procrustes_align, procrustes_rotation
from .cache import MAP_VERSION, cached_neighbours, fit_cached, map_key  # noqa: F401 (the map cache: see .cache)
from .knn import knn_graph
from .neighbours import kept_neighbours, nearest_neighbours, neighbour_preservation
from .quality import trustworthiness

METHODS = {"pca": PCA, "tsne": TSNE, "umap": UMAP}  # by name; Axes takes poles, so it is made directly

__all__ = ["Projector", "Axes", "parse_pole", "PCA", "TSNE", "UMAP", "StableMap", "procrustes_align", "procrustes_rotation",
           "trustworthiness", "nearest_neighbours", "neighbour_preservation", "kept_neighbours", "get_projector", "project", "METHODS",
           "NotFittedError", "knn_graph"]


def get_projector(method: str, **params) -> Projector:
    """A projector by name: ``"pca"``, ``"tsne"`` or ``"umap"``."""
    key = str(method).lower().replace("-", "")
    if key not in METHODS:
        raise ValueError(f"unknown projection method {method!r}; choose one of: {', '.join(METHODS)}")
    return METHODS[key](**params)


def project(X, method: str = "pca", **params):
    """Shortcut: ``get_projector(method, **params).fit_transform(X)``."""
    return get_projector(method, **params).fit_transform(X)
