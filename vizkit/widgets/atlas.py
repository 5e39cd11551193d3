"""The atlas in JupyterLab: the offline page's renderer as a two-way widget, its data sent as binary buffers.

The browser side is the page's own renderer (``vizkit/atlas/static/atlas.js``), so the widget and the exported
page search, colour, label and select alike. The data go over the comm as the page's binary blocks (uint16
coordinates, 3-byte neighbour rows...), not as a plotly figure of JSON lists: 400,000 points are a few MB.
"""

from __future__ import annotations

import anywidget
import numpy as np
import traitlets as t

from ..atlas import Atlas
from ..atlas.page import RENDERER_2D, SCRIPTS, page_data, page_fragment
from ..errors import InputError
from ..render import assets
from ..render.language import resolve
from . import _snapshot

def _front_end() -> str:
    """The widget's front end as one ES module: the map's renderers (regl-scatterplot for 2-D, plotly.js's gl3d
    bundle for 3-D; vendored, never from a CDN), the page's front end, the glue (``js/atlas-widget.js``)."""
    return assets.bundle(*SCRIPTS, "atlas-widget.js", plotly="gl3d", vendored=(RENDERER_2D,))


class AtlasView(anywidget.AnyWidget):
    """A fitted :class:`~vizkit.atlas.Atlas` as a two-way JupyterLab widget (the exported page, live).

    Every state is a trait that Python reads and sets, and the map redraws as after a user's action:

    - ``view.query = "king"``: find it, list its true neighbours with cosines (kept/torn), ring them, zoom;
      a search typed in the box comes back in ``view.query``;
    - ``view.color = "distortion"`` (or ``"cluster:1"``, a metadata column);
    - ``view.level = "1"`` (which clusters label the map; ``"auto"`` by zoom, ``"none"``);
    - ``view.axes = ("man:woman", "poor:rich")``: the same points laid out on semantic axes (``None``: back);
    - a lasso or box on the map comes back as ``view.selected`` (row numbers) and :meth:`selection` (a
      DataFrame); :meth:`select` sets it from Python.

    Parameters
    ----------
    atlas : Atlas or LabelledVectors
        A fitted atlas, or points to fit one on (``method``, ``levels``... go to :class:`Atlas`).
    search, color, level : the first state
    height : int
        Pixels.
    lang : {"en", "zh"}, optional
        The language of the controls (default: ``VIZKIT_LANG``, else the locale).

    Examples
    --------
    >>> from vizkit.sources import GloVe                                      # doctest: +SKIP
    >>> glove = GloVe()                                                       # doctest: +SKIP
    >>> view = AtlasView(glove.vectors(glove.top_words(20000)))                # doctest: +SKIP
    >>> view.query = "king"                                                   # doctest: +SKIP
    >>> view.selection()          # after a lasso on the map                  # doctest: +SKIP
    """

    _esm = _front_end()
    _css = assets.text("atlas.css")
    header = t.Dict().tag(sync=True)
    blocks = t.Dict().tag(sync=True)  # name -> bytes: sent as binary buffers
    height = t.Int(640).tag(sync=True)
    query = t.Unicode("").tag(sync=True)
    color = t.Unicode("cluster:0").tag(sync=True)
    level = t.Unicode("auto").tag(sync=True)
    selected = t.List(t.Int()).tag(sync=True)
    rendered = t.Bool(False).tag(sync=True)
    axes = t.Any(None)  # Python only: semantic axes ("man:woman", "poor:rich") to lay the same points out on

    def __init__(self, atlas, *, search: str = "", color: str = "cluster", level: str | int = "auto",
                 height: int = 640, title: str | None = None, lang: str | None = None, **atlas_params):
        atlas = atlas if isinstance(atlas, Atlas) else Atlas(**atlas_params).fit(atlas)
        if not hasattr(atlas, "coords_"):
            atlas.fit()
        self.atlas = self._layout = atlas
        self._title = title
        self._lang = resolve(lang)
        header, blocks = page_data(atlas, title=title, color="cluster", lang=self._lang)
        super().__init__(header=header, blocks=blocks, height=height)
        self.color = color
        self.level = str(level)
        self.query = search
        _snapshot.register(self)

    @t.observe("axes")
    def _relayout(self, change):
        """Lay the same points out on semantic axes (``("man:woman", "poor:rich")``, or one axis), or back (None)."""
        from ..projection import Axes

        if change["new"] is None:
            atlas, title = self._layout, self._title
        else:
            x, y = (change["new"], None) if isinstance(change["new"], str) else change["new"]
            base = self._layout
            atlas = Atlas(method=Axes(x, y), levels=base.levels, n_neighbors=base.n_neighbors,
                          random_state=base.random_state).fit(base.points)
            title = f"{self._layout_title()}: {x} | {y or 'most variance left'}"
        header, blocks = page_data(atlas, title=title, color="cluster", lang=self._lang)
        self.atlas = atlas
        with self.hold_sync():
            self.blocks = blocks
            self.header = header
            self.color = _colour_name(header, self.color if self.color in _colourings(header) else "cluster")

    def _layout_title(self) -> str:
        return self._title or f"{len(self._layout.points):,} points"

    @t.validate("query")
    def _known(self, proposal):
        if proposal["value"]:
            self.atlas.find(proposal["value"])  # unknown: UnknownWordError naming the closest labels
        return proposal["value"]

    @t.validate("color")
    def _colour(self, proposal):
        return _colour_name(self.header, proposal["value"])

    def select(self, rows) -> None:
        """Select these atlas rows, as a lasso would (the map highlights them)."""
        rows = np.unique(np.asarray(rows, dtype=np.int64))
        if rows.size and (rows.min() < 0 or rows.max() >= len(self.atlas.points)):
            raise InputError(f"rows must be in [0, {len(self.atlas.points) - 1}]")
        self.selected = rows.tolist()

    def neighbours(self):
        """The current query's true neighbours (``Atlas.neighbours``), or None."""
        return self.atlas.neighbours(self.query) if self.query else None

    def selection(self):
        """The selected points as a DataFrame: row, label, x, y, cluster, kept, and every metadata column."""
        return self.atlas.table(self.selected)

    def snapshot_html(self) -> str:
        """The live map for a page without a kernel: the page's renderer on the same data (a 2-D map brings
        regl-scatterplot; a 3-D one uses the plotly.js the page loads once)."""
        css = assets.style("atlas.css")
        return css + f'<div class="vizkit-snapshot" style="height:{self.height}px">' + page_fragment(
            self.atlas, root_id=f"vizkit-atlas-{self.model_id}", title=self.header.get("title"),
            color=self.color if not self.color.startswith("cluster") else "cluster",
            query=self.query or None, hash=False, lang=self._lang) + "</div>"


def _colourings(header: dict) -> list[str]:
    return ([f"cluster:{i}" for i in range(len(header["levels"]))] + ["distortion"]
            + [c["name"] for c in header["columns"] if c["kind"] != "text"])


def _colour_name(header: dict, name: str) -> str:
    """``"cluster"`` is the coarsest level's ``"cluster:0"``; other names must be a colouring the page has."""
    choices = _colourings(header)
    if name == "cluster":
        return choices[0]  # cluster:0, or distortion when no level fits
    if name in choices:
        return name
    raise InputError(f"unknown colour {name!r}; choose one of: {', '.join(choices)}")
