"""The atlas in JupyterLab: the offline page's renderer as a two-way widget, its data sent as binary buffers.

The browser side is the page's own renderer (``vizkit/atlas/static/atlas.js``), so the widget and the exported
page search, colour, label and select alike. The data go over the comm as the page's binary blocks (uint16
coordinates, 3-byte neighbour rows...), not as a plotly figure of JSON lists: 400,000 points are a few MB.
"""

from __future__ import annotations

import json

import anywidget
import numpy as np
import traitlets as t

from ..atlas import Atlas
from ..atlas.page import page_data, page_fragment, static_text
from ..errors import InputError
from . import _snapshot

PLOTLY_LOADER = """
const Plotly = (() => {
  if (globalThis.Plotly && globalThis.Plotly.newPlot) return globalThis.Plotly;
  const module = {exports: {}};
  new Function("module", "exports", "define", PLOTLY_SOURCE + "\\n")(module, module.exports, undefined);
  return module.exports;
})();
"""

GLUE = """
function render({ model, el }) {
  let api = null, ready = false;
  const sync = () => {
    if (!ready) return;
    const q = model.get("query");
    if (q && q !== api.state().query) api.search(q);
    if (model.get("color") !== api.state().color) api.setColor(model.get("color"));
    if (model.get("level") !== api.state().level) api.setLevel(model.get("level"));
    const want = model.get("selected"), have = api.state().selected;
    if (want.length !== have.length || want.some((r, i) => r !== have[i])) api.select(want);
  };
  const mount = () => {  // a new layout (semantic axes set from Python) sends a new header and blocks
    if (api) Plotly.purge(api.plot);
    ready = false;
    const given = model.get("blocks"), blocks = {};
    for (const name of Object.keys(given)) blocks[name] = given[name];
    el.style.height = model.get("height") + "px";
    const mine = vizkitAtlas.create(el, model.get("header"), Promise.resolve(blocks), {
      Plotly: Plotly,
      onSearch: (query) => { if (model.get("query") !== query) { model.set("query", query); model.save_changes(); } },
      onSelect: (rows) => { model.set("selected", rows.slice()); model.save_changes(); },
    });
    api = mine;
    el.vizkitAtlas = mine;  // for tests and the curious: the same handle as the page's window.vizkit
    mine.ready.then(() => {
      if (api !== mine) return;
      ready = true;
      sync();
      model.set("rendered", true);
      model.save_changes();
    });
  };
  for (const name of ["query", "color", "level", "selected"]) model.on("change:" + name, sync);
  model.on("change:header", mount);
  mount();
}
export default { render };
"""


def _front_end() -> str:
    """The widget's front end: plotly.js (loaded as a CommonJS module, never from a CDN), the renderer, the glue."""
    from plotly.offline import get_plotlyjs

    return "const PLOTLY_SOURCE = " + json.dumps(get_plotlyjs()) + ";\n" + PLOTLY_LOADER + static_text("atlas.js") + GLUE


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

    Examples
    --------
    >>> from vizkit.sources import GloVe                                      # doctest: +SKIP
    >>> glove = GloVe()                                                       # doctest: +SKIP
    >>> view = AtlasView(glove.vectors(glove.top_words(20000)))                # doctest: +SKIP
    >>> view.query = "king"                                                   # doctest: +SKIP
    >>> view.selection()          # after a lasso on the map                  # doctest: +SKIP
    """

    _esm = _front_end()
    _css = static_text("atlas.css")
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
                 height: int = 640, title: str | None = None, **atlas_params):
        atlas = atlas if isinstance(atlas, Atlas) else Atlas(**atlas_params).fit(atlas)
        if not hasattr(atlas, "coords_"):
            atlas.fit()
        self.atlas = self._layout = atlas
        self._title = title
        header, blocks = page_data(atlas, title=title, color="cluster")
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
        header, blocks = page_data(atlas, title=title, color="cluster")
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
        """The live map for a page without a kernel: the page's renderer on the same data (plotly.js is
        loaded once by the page)."""
        css = f"<style>{static_text('atlas.css')}</style>"
        return css + f'<div class="vizkit-snapshot" style="height:{self.height}px">' + page_fragment(
            self.atlas, root_id=f"vizkit-atlas-{self.model_id}", title=self.header.get("title"),
            color=self.color if not self.color.startswith("cluster") else "cluster",
            query=self.query or None, hash=False) + "</div>"


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
