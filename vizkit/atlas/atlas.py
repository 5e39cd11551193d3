"""The atlas state: one fitted map of many points, its labelled clusters, search and true neighbours.

Plain Python, no widget: the JupyterLab widget and the HTML export read and set this object, as
jupyter-scatter's widget is derived from its ``Scatter``. Every figure is returned, never shown.
"""

from __future__ import annotations

import html
from typing import Sequence

import numpy as np

from sklearn.base import BaseEstimator

from .._deprecation import OldCallForms, deprecated, loose_params
from ..errors import InputError
from ..projection import NotFittedError
from ..vectors import LabelledVectors, unit_rows
from .clusters import Clusters, auto_levels, cached_cluster_levels

#: the true neighbours are exact up to this many points, NN-descent above (99 % of them on 100,000 GloVe words)
EXACT_NEIGHBOURS_UP_TO = 100_000

__all__ = ["Atlas"]


class Atlas(BaseEstimator, metaclass=OldCallForms):
    """A whole embedding space as one map you can read and search.

    A scikit-learn estimator: ``__init__`` only stores its parameters (so :func:`sklearn.base.clone`,
    :meth:`get_params` and :meth:`set_params` work), :meth:`fit` takes the points.

    Parameters
    ----------
    method : {"pca", "tsne", "umap"} or a projector, default "tsne"
        A projector instance (``vizkit.projection.Axes("man:woman", "poor:rich")``) keeps its own parameters.
    n_components : int, default 2
        Dimensions of a map made from a method name: 3 makes a map to turn (drawn by the page and the widget).
    random_state : int, default 0
        Seed of the map (made from a method name) and of the clusters.
    levels : sequence of int or "auto", default (8, 32, 128)
        Cluster counts, coarse to fine, each labelled (see :mod:`vizkit.atlas.clusters`). ``"auto"`` follows
        the data's size (:func:`~vizkit.atlas.clusters.auto_levels`: 12 and 48 up to ~200k points, four levels
        up to 768 clusters at a million).
    n_neighbors : int, default 10
        Neighbours for the search and the distortion colouring.
    params : dict, optional
        More parameters of the projector made from a method name (``{"perplexity": 50}``, ``{"min_dist": 0.3}``).

    Attributes
    ----------
    points_ : LabelledVectors
        The points mapped (also ``points``).
    coords_ : ndarray of shape (n_samples, n_components)
    clusters_ : list of Clusters, coarse to fine
    map_ : StableMap (places new points without moving the others)
    k_ : int (``n_neighbors``, or fewer for a set that has fewer other points)
    n_features_in_ : int

    Examples
    --------
    >>> from vizkit.sources import GloVe                                          # doctest: +SKIP
    >>> glove = GloVe()                                                           # doctest: +SKIP
    >>> atlas = Atlas(method="tsne").fit(glove.vectors(glove.top_words(5000)))    # doctest: +SKIP
    >>> atlas.neighbours("king").head(3)                                          # doctest: +SKIP
    >>> atlas.figure(query="king", color="distortion")                            # doctest: +SKIP
    """

    def __init__(self, *, method="tsne", n_components: int = 2, random_state: int = 0,
                 levels: Sequence[int] = (8, 32, 128), n_neighbors: int = 10, params: dict | None = None):
        self.method = method
        self.n_components = n_components
        self.random_state = random_state
        self.levels = levels
        self.n_neighbors = n_neighbors
        self.params = params

    @classmethod
    def _old_call(cls, args, kwargs):
        """``Atlas(points, method=..., perplexity=...)`` (deprecated): the points kept for ``fit()``, loose
        projector parameters moved to ``params``."""
        kwargs = loose_params(cls, kwargs)
        if not args:
            return args, kwargs, {}
        if len(args) > 1:
            raise TypeError(f"Atlas takes its parameters by keyword; got {len(args)} positional arguments")
        deprecated("Atlas(points, ...).fit() is deprecated: use Atlas(...).fit(points)", stacklevel=4)
        return (), kwargs, {"_given_points": args[0]}

    # ------------------------------------------------------------------ fitting
    def fit(self, X=None, y=None) -> "Atlas":
        """Fit the map of the points ``X`` (LabelledVectors), then find and label the clusters of every level."""
        from ..projection import StableMap

        if X is None:  # the deprecated Atlas(points).fit(), warned when it was made
            X = vars(self).get("_given_points")
            if X is None:
                raise InputError("Atlas.fit needs the points to map: Atlas(method=...).fit(points)")
        if not isinstance(X, LabelledVectors):
            raise InputError(f"an Atlas maps LabelledVectors; got {type(X).__name__} "
                             "(vizkit.formats.from_arrays / from_frame / read_vectors make them)")
        if isinstance(self.method, str):
            params = dict(self.params or {}, n_components=self.n_components)
            if self.method in ("tsne", "umap") and len(X) >= 20000:
                params.setdefault("progress", True)  # bars over the neighbour search and the layout (minutes)
            self.map_ = StableMap(self.method, random_state=self.random_state, params=params).fit(X)
        else:
            if self.params or self.n_components != 2:
                raise InputError(f"params and n_components go with a method name; {type(self.method).__name__} "
                                 "keeps its own: set them on it")
            self.map_ = StableMap(self.method).fit(X)
        self.points_ = X
        self.n_features_in_ = X.vectors.shape[1]
        self.coords_ = np.asarray(self.map_.reference_)
        levels = auto_levels(len(X)) if isinstance(self.levels, str) and self.levels == "auto" else self.levels
        if isinstance(levels, str):
            raise InputError(f"levels is a list of cluster counts or 'auto'; got {levels!r}")
        self.clusters_ = cached_cluster_levels(X, self.coords_, tuple(levels), random_state=self.random_state)
        self._unit = unit_rows(np.asarray(X.vectors, dtype=np.float32))  # for every search
        self.k_ = min(self.n_neighbors, len(X) - 1)  # a small set has fewer neighbours to keep
        self._tables = None
        return self

    def fit_transform(self, X, y=None) -> np.ndarray:
        """Fit on ``X`` and return its map, ``coords_``: ndarray of shape (n_samples, n_components)."""
        return self.fit(X).coords_

    @property
    def points(self) -> LabelledVectors:
        """The points mapped, ``points_`` (before :meth:`fit`: those given to the deprecated ``Atlas(points)``)."""
        if "points_" in vars(self):
            return self.points_
        if vars(self).get("_given_points") is not None:
            return self._given_points
        raise NotFittedError("the atlas is not fitted yet; call atlas.fit(points) first")

    def _check_fitted(self):
        if not hasattr(self, "coords_"):
            raise NotFittedError("the atlas is not fitted yet; call atlas.fit(points) first")

    def transform(self, X) -> np.ndarray:
        """Map coordinates of new points (typed words, new texts) without moving the map.

        Parameters
        ----------
        X : LabelledVectors or array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_components)
        """
        self._check_fitted()
        return self.map_.transform(X)

    def place(self, X) -> np.ndarray:
        """Deprecated: :meth:`transform`."""
        deprecated("Atlas.place(X) is deprecated: use Atlas.transform(X)")
        return self.transform(X)

    # ------------------------------------------------------------------ reading
    def clusters(self, level: int = 0) -> Clusters:
        """The clusters of one level (0: the coarsest)."""
        self._check_fitted()
        if not self.clusters_:
            raise InputError("no cluster level fits this many points")
        return self.clusters_[level]

    def _tsne_graph(self) -> dict | None:
        """t-SNE's own NN-descent graph, when the true neighbours can be its first columns: a seeded t-SNE map
        of more points than are searched exactly, on cosine neighbours, with at least ``k_`` of them."""
        from ..projection import TSNE
        from ..projection.knn import knn_method

        proj = getattr(getattr(self, "map_", None), "projector_", None)
        n = len(self.points_)
        if not isinstance(proj, TSNE) or not isinstance(proj.random_state, (int, np.integer)):
            return None
        if knn_method(n, "auto", EXACT_NEIGHBOURS_UP_TO) != "nndescent":
            return None
        spec = proj.graph_spec(n)
        if spec["method"] != "nndescent" or spec["metric"] != "cosine" or spec["k"] < self.k_:
            return None
        return dict(spec, arrays=proj.take_neighbours())

    def neighbour_table(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every point's ``k_`` true neighbours, their cosines, and whether the map keeps each near (computed once).

        Exact up to :data:`EXACT_NEIGHBOURS_UP_TO` points; above, found by NN-descent
        (:func:`~vizkit.projection.knn.knn_graph`), which misses about 1 % of them; on a seeded t-SNE map they
        are the first columns of the graph t-SNE itself was computed on (one search instead of two).

        Returns
        -------
        indices : ndarray of shape (n, k_)
            Row numbers, nearest (by cosine, in the original space) first; ties by row number.
        cosines : ndarray of shape (n, k_)
        kept : ndarray of bool, shape (n, k_)
            Whether that neighbour is also among the point's ``k_`` nearest on the map.
        """
        from ..projection import kept_neighbours, nearest_neighbours
        from ..projection.cache import cached_neighbours

        self._check_fitted()
        if self._tables is None:  # the true neighbours: from the cache when these vectors were seen before
            true, cos = cached_neighbours(self.points_.vectors, self.k_, metric="cosine",
                                          progress=len(self.points_) >= 20000, method="auto",
                                          exact_up_to=EXACT_NEIGHBOURS_UP_TO, graph=self._tsne_graph())
            drawn, _ = nearest_neighbours(self.coords_, self.k_, metric="euclidean")
            self._tables = (true, cos, kept_neighbours(true, drawn))
        return self._tables

    def preservation(self) -> np.ndarray:
        """Per point, the share of its true neighbours the map keeps next to it (computed once).

        The same numbers as :func:`vizkit.projection.neighbour_preservation` on the atlas's map.
        """
        return self.neighbour_table()[2].mean(axis=1)

    def table(self, rows=None):
        """Points as a DataFrame: ``row``, ``label``, ``x``, ``y``, ``cluster`` (the coarsest level's label),
        ``kept`` (the share of true neighbours the map keeps near) and every metadata column.

        Parameters
        ----------
        rows : array-like of int, optional
            Which rows (default: all), e.g. a selection.
        """
        import pandas as pd

        self._check_fitted()
        rows = np.arange(len(self.points_)) if rows is None else np.asarray(rows, dtype=np.int64)
        frame = pd.DataFrame({"row": rows, "label": self.points_.labels[rows],
                              **{axis: self.coords_[rows, j] for j, axis in enumerate("xyz"[:self.coords_.shape[1]])}})
        if self.clusters_:
            coarse = self.clusters_[0]
            frame["cluster"] = np.asarray(coarse.labels, dtype=object)[coarse.assignment[rows]]
        frame["kept"] = self.preservation()[rows]
        for name, values in self.points_.meta.items():
            frame[name] = np.asarray(values, dtype=object)[rows]
        return frame

    def find(self, label: str) -> np.ndarray:
        """Row numbers of every point labelled ``label`` (an unknown label names the closest ones)."""
        self._check_fitted()
        rows = np.flatnonzero(self.points_.labels == label)
        if rows.size == 0:
            self.points_[label]  # raises UnknownWordError with suggestions
        return rows

    def neighbours(self, query, k: int | None = None):
        """The ``k`` nearest points to ``query`` in the original space, and whether the map keeps them near.

        Parameters
        ----------
        query : str or array-like of shape (d,)
            A label of the atlas (its rows are left out) or a vector in the same space.
        k : int, optional
            Default: the atlas's ``n_neighbors``.

        Returns
        -------
        pandas.DataFrame
            ``label``, ``cosine``, ``row``, ``map_rank`` (1 = the nearest on the map to the query's map
            position), ``kept`` (``map_rank <= k``) and the map coordinates ``x``, ``y``.
        """
        import pandas as pd

        self._check_fitted()
        k = k or self.k_
        unit = self._unit
        if isinstance(query, str):
            own = self.find(query)
            vec = unit[own].mean(axis=0)
            where = self.coords_[own].mean(axis=0)
        else:
            vec = np.asarray(query, dtype=np.float32)
            if vec.shape != (unit.shape[1],):
                raise InputError(f"query vector has shape {vec.shape}; expected ({unit.shape[1]},)")
            own = np.array([], dtype=np.int64)
            where = self.transform(vec[None, :])[0]
        cos = unit @ (vec / (np.linalg.norm(vec) or 1))
        cos[own] = -np.inf
        k = min(k, len(cos) - len(own))
        top = np.argpartition(-cos, k - 1)[:k]
        top = top[np.lexsort((top, -cos[top]))]
        dist = ((self.coords_ - where) ** 2).sum(axis=1)
        dist[own] = np.inf
        map_rank = np.empty(len(dist), dtype=np.int64)
        map_rank[np.lexsort((np.arange(len(dist)), dist))] = np.arange(1, len(dist) + 1)
        frame = pd.DataFrame({"label": self.points_.labels[top], "cosine": cos[top].astype(float), "row": top,
                              "map_rank": map_rank[top], "kept": map_rank[top] <= k})
        for j, axis in enumerate("xyz"[:self.coords_.shape[1]]):
            frame[axis] = self.coords_[top, j]
        return frame

    # ------------------------------------------------------------------ figure
    def figure(self, *, color: str | None = "cluster", query=None, k: int | None = None, level: int = 0,
               labels: bool = True, title: str | None = None):
        """The atlas as a plotly figure (WebGL above 3000 points).

        Parameters
        ----------
        color : {"cluster", "distortion"}, a metadata column, or None
            ``"distortion"`` colours each point by :meth:`preservation` (yellow: the map keeps its
            neighbours; dark: it tears them apart).
        query : str or vector, optional
            Highlight it and its ``k`` true neighbours (ringed; the title says how many the map kept).
        level : int
            Which cluster level colours and labels the map.
        labels : bool
            Write the cluster labels at their centres.
        """
        import plotly.graph_objects as go

        from ..plot import scatter

        self._check_fitted()
        if self.coords_.shape[1] != 2:
            raise InputError(f"Atlas.figure draws 2-D maps; this one has {self.coords_.shape[1]} dimensions: "
                             "draw it with vizkit.atlas.write_page or vizkit.widgets.AtlasView")
        clusters = self.clusters_[level] if self.clusters_ else None
        extra = {}
        if color == "cluster" and clusters is not None:
            colour = [clusters.labels[c] for c in clusters.assignment]
        elif color == "distortion":
            colour = self.preservation()
            extra = dict(color_title=f"of {self.k_} neighbours kept", color_range=(0.0, 1.0))
        else:
            colour = color
        name = self.method if isinstance(self.method, str) else type(self.method).__name__
        fig = scatter(self.points_, self.coords_, color=colour, show_labels=False, webgl=True, **extra,
                      title=title or f"{len(self.points_):,} points, {name}")
        if labels and clusters is not None:
            for c, text in enumerate(clusters.labels):
                fig.add_annotation(x=clusters.centres[c, 0], y=clusters.centres[c, 1], text=html.escape(text, quote=False),
                                   showarrow=False,
                                   font=dict(size=12, color="#222"), bgcolor="rgba(255,255,255,0.6)")
        if query is not None:
            near = self.neighbours(query, k)
            kept = int(near["kept"].sum())
            shown = [html.escape(str(label), quote=False) for label in near["label"]]
            fig.add_trace(go.Scattergl(x=near["x"], y=near["y"], mode="markers+text", text=shown,
                                       textposition="top center", name="true neighbours",
                                       marker=dict(size=12, color="rgba(0,0,0,0)",
                                                   line=dict(width=2, color=np.where(near["kept"], "#2ca02c",
                                                                                     "#d62728").tolist())),
                                       hovertext=[f"{lab}: cosine {c:.3f}" for lab, c in
                                                  zip(shown, near["cosine"])], hoverinfo="text"))
            if isinstance(query, str):
                own = self.coords_[self.find(query)]
                fig.add_trace(go.Scattergl(x=own[:, 0], y=own[:, 1], mode="markers+text",
                                           text=[html.escape(query, quote=False)] * len(own), textposition="bottom center",
                                           name=html.escape(query, quote=False),
                                           marker=dict(symbol="star", size=16, color="#000")))
            what = html.escape(query, quote=False) if isinstance(query, str) else "the query"
            fig.update_layout(title=f"{fig.layout.title.text}: {what} "
                                    f"and its {len(near)} nearest, {kept} kept near on the map")
        return fig

