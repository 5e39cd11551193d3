"""The atlas in JupyterLab: search a whole map, colour it, and lasso points back into Python as a DataFrame."""

from __future__ import annotations

import html

import ipywidgets as w
import numpy as np

from ..atlas import Atlas
from ..plot.colours import group_order
from . import _snapshot
from ._common import Status


class AtlasView(w.VBox):
    """A fitted :class:`~vizkit.atlas.Atlas` as a two-way widget.

    Thin over the atlas: every control is an attribute whose ``value`` can be set from Python (``search``,
    ``color``, ``level``) and redraws as a user's change would; ``figure`` (a plotly ``FigureWidget``) holds
    the map. A lasso or box selection on the map is read back with :meth:`selection` as a DataFrame (rows
    of the atlas: label, map position, cluster, the share of neighbours kept, metadata); :meth:`select`
    sets it from Python.

    Parameters
    ----------
    atlas : Atlas or LabelledVectors
        A fitted atlas, or points to fit one on (``method``, ``levels`` then go to :class:`Atlas`).
    search : str
        A label to find: it is highlighted with its true neighbours, listed with their cosines and whether
        the map kept them near, and the view zooms to them.
    color : {"cluster", "distortion"} or a metadata column
    level : int
        The cluster level that colours and labels the map (0: the coarsest).

    Examples
    --------
    >>> from vizkit.sources import GloVe                                      # doctest: +SKIP
    >>> glove = GloVe()                                                       # doctest: +SKIP
    >>> view = AtlasView(glove.vectors(glove.top_words(20000)))                # doctest: +SKIP
    >>> view.search.value = "king"                                            # doctest: +SKIP
    >>> view.selection()          # after a lasso on the map                  # doctest: +SKIP
    """

    def __init__(self, atlas, *, search: str = "", color: str = "cluster", level: int = 0, **atlas_params):
        import plotly.graph_objects as go

        self.atlas = atlas if isinstance(atlas, Atlas) else Atlas(atlas, **atlas_params)
        if not hasattr(self.atlas, "coords_"):
            self.atlas.fit()
        points = self.atlas.points
        self._selected = np.array([], dtype=np.int64)
        self._rows: list[np.ndarray] = []
        self.search = w.Combobox(value=search, placeholder="find a word", description="search",
                                 options=[], ensure_option=False, continuous_update=False)
        self.color = w.Dropdown(options=["cluster", "distortion"] + sorted(points.meta), value=color,
                                description="colour")
        self.level = w.Dropdown(options=[(f"{len(c)} clusters", i) for i, c in enumerate(self.atlas.clusters_)],
                                value=level, description="labels")
        self.neighbours = w.HTML()
        self.selected = w.HTML()
        self.figure = go.FigureWidget()
        self.status = Status([self.search, self.color, self.level])
        for control in (self.search, self.color, self.level):
            control.observe(self._redraw, "value")
        super().__init__([w.HBox([self.search, self.color, self.level]), self.status.widget,
                          w.HBox([self.figure, w.VBox([self.neighbours, self.selected],
                                                      layout=w.Layout(width="300px"))])])
        self.add_class("vizkit-atlas")
        _snapshot.register(self)
        self._redraw()

    # ------------------------------------------------------------------ drawing
    def _query(self):
        word = self.search.value.strip()
        return word or None

    def _redraw(self, change=None):
        with self.status.busy("drawing the atlas"):
            query = self._query()
            if query is not None:
                self.atlas.find(query)  # an unknown word: the error names the closest labels
            fig = self.atlas.figure(color=self.color.value, query=query, level=self.level.value)
            self._rows = self._trace_rows(len(fig.data) - (2 if query is not None and isinstance(query, str) else 0))
            with self.figure.batch_update():
                self.figure.data = []
                self.figure.add_traces(fig.data)
                self.figure.layout = fig.layout
                self.figure.layout.dragmode = "lasso"
                if query is not None:
                    self._zoom(query)
            for trace in self.figure.data[:len(self._rows)]:
                trace.on_selection(self._on_selection)
            self._list_neighbours(query)
        if self.status.error and query is not None:
            self.neighbours.value = ""

    def _trace_rows(self, n_base: int) -> list[np.ndarray]:
        """The atlas rows behind each base trace, in the order ``vizkit.plot.scatter`` draws them."""
        n = len(self.atlas.points)
        if self.color.value == "distortion" or n_base == 1:
            return [np.arange(n)]
        if self.color.value == "cluster":
            c = self.atlas.clusters(self.level.value)
            groups = np.array([c.labels[a] for a in c.assignment], dtype=object)
        else:
            groups = np.array(["" if v is None else str(v) for v in self.atlas.points.meta[self.color.value]],
                              dtype=object)
        return [np.flatnonzero(groups == g) for g in group_order(list(groups))]

    def _zoom(self, query: str):
        near = self.atlas.neighbours(query)
        xy = np.vstack([near[["x", "y"]].to_numpy(), self.atlas.coords_[self.atlas.find(query)]])
        lo, hi = xy.min(axis=0), xy.max(axis=0)
        pad = np.maximum((hi - lo) * 0.3, 1e-3 + 0.02 * np.ptp(self.atlas.coords_, axis=0))
        self.figure.layout.xaxis.range = [float(lo[0] - pad[0]), float(hi[0] + pad[0])]
        self.figure.layout.yaxis.range = [float(lo[1] - pad[1]), float(hi[1] + pad[1])]

    def _list_neighbours(self, query):
        if query is None:
            self.neighbours.value = ""
            return
        near = self.atlas.neighbours(query)
        rows = "".join(f"<tr><td>{html.escape(str(r.label))}</td><td>{r.cosine:.3f}</td>"
                       f"<td>{'kept' if r.kept else 'torn'}</td></tr>" for r in near.itertuples())
        self.neighbours.value = (f"<b>nearest to {html.escape(query)}</b> (cosine in {self.atlas.points.dim}-d; "
                                 f"kept = near on the map too)<table>{rows}</table>")

    # ------------------------------------------------------------------ selection
    def _on_selection(self, trace, points, selector=None):
        index = list(self.figure.data).index(trace)
        picked = self._rows[index][np.asarray(points.point_inds, dtype=np.int64)]
        others = self._selected[~np.isin(self._selected, self._rows[index])]  # what other traces selected
        self.select(np.concatenate([others, picked]))

    def select(self, rows) -> None:
        """Set the selection to these atlas rows (as a lasso would)."""
        self._selected = np.unique(np.asarray(rows, dtype=np.int64))
        self.selected.value = f"{len(self._selected)} selected: view.selection() gives them as a DataFrame"

    def selection(self):
        """The selected points as a pandas DataFrame: label, x, y, cluster, kept, and every metadata column."""
        import pandas as pd

        rows = self._selected
        points = self.atlas.points
        c = self.atlas.clusters(self.level.value) if self.atlas.clusters_ else None
        frame = pd.DataFrame({"row": rows, "label": points.labels[rows], "x": self.atlas.coords_[rows, 0],
                              "y": self.atlas.coords_[rows, 1]})
        if c is not None:
            frame["cluster"] = [c.labels[a] for a in c.assignment[rows]]
        frame["kept"] = self.atlas.preservation()[rows]
        for name, values in points.meta.items():
            frame[name] = values[rows]
        return frame

    # ------------------------------------------------------------------ static page
    def snapshot_html(self) -> str:
        """The current map (interactive) and neighbour list, for a page without a kernel."""
        import plotly.graph_objects as go

        fig = go.Figure(self.figure)
        return _snapshot.figure_html(fig) + self.neighbours.value
