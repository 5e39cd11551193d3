"""The embedding explorer: a word map with its controls, a neighbours table and analogy arrows."""

from __future__ import annotations

import html
import warnings

import ipywidgets as w

from .. import explore
from ..explore import neighbours_html  # noqa: F401 - the neighbours table, in the widget's language
from ..datasets.wordlists import DEFAULT_GROUPS, GROUPS
from ..render.language import resolve, t
from ..sources import SOURCES
from . import _snapshot
from ._common import SESSION_CACHE, Status, source_label, source_loading, t_html, t_or


def source_options(lang: str | None = None):
    """The source menu: ``(label, name)`` of every source of ``vizkit.sources.SOURCES``, in its order.

    The labels are in ``lang`` (default: ``VIZKIT_LANG``, else the locale); the names are the sources'.
    """
    return [(source_label(name, lang), name) for name in SOURCES]


def method_name(method: str, lang: str | None = None) -> str:
    """The name of a projection method in the menu and the title: ``"t-SNE"``; the semantic axes in ``lang``."""
    return t_or(f"widgets.explorer.method.{method}", explore.METHOD_NAMES[method], lang)


def param_name(name: str, lang: str | None = None) -> str:
    """A projection parameter's name (``perplexity``, ``n_neighbors``) as the slider and the title say it."""
    return t_or(f"widgets.explorer.param.{name}", name, lang)


class EmbeddingExplorer(w.VBox):
    """Words of a few groups on a 2-D or 3-D map, under a chosen source and projection.

    Every control is an attribute (``source``, ``method``, ``param``, ``three_d``,
    ``groups``, ``words``, ``query``, ``analogy_a/b/c``, ``show_analogy``);
    setting its ``value`` from Python redraws exactly as a click would, and
    ``figure`` (a plotly ``FigureWidget``) holds the result. Maps are cached:
    returning to an earlier setting does not project again (``n_projections``
    counts the maps made, each computed or, when made before, even in another
    session, read from the map cache on disk). ``projector``
    is the fitted projection of the map; a perplexity or n_neighbors too large
    for the words is lowered, and the title shows the value used
    (``projector.perplexity_``, ``projector.n_neighbors_``).

    Parameters
    ----------
    source : str
        A name of ``vizkit.sources.SOURCES`` (``"glove"``, ``"word2vec"``, ``"fasttext"``, ``"llm"``).
    groups : sequence of str
        Ready-made word groups (``vizkit.datasets.wordlists.GROUPS``).
    words : str
        More words, separated by commas or spaces (group "your words").
    method : {"pca", "tsne", "umap", "axes"}
        ``"axes"``: semantic axes between the poles typed in ``x_axis`` and ``y_axis``
        (``axes=("man:woman", None)`` to start; an empty y is the direction of most variance left).
    compare : bool
        Show the words under the chosen source and the others (GloVe, Word2Vec, the LLM) in one frame,
        each model's map turned onto the chosen one's (:func:`vizkit.compare.compare_models`);
        ``comparison`` then holds the aligned maps and the per-word agreement.
    three_d : bool
        Map the words to 3-D (the projection with ``n_components=3``) and draw them in a scene turned
        with the mouse (:func:`vizkit.plot.scatter3d`); a click on a point still lists its neighbours.
        The semantic axes and the model comparison stay 2-D (their axes are the poles, their frame is
        flat): there the toggle is disabled and the status line says the map is drawn flat.
    param : int, optional
        Perplexity (t-SNE) or n_neighbors (UMAP); default 10.
    query : str
        The word whose nearest neighbours are listed (a click on a point sets it).
    analogy : (str, str, str)
        ``a - b + c``; drawn as arrows when ``show_analogy``.
    cache : SessionCache, optional
        Where sources are kept between widgets; default the shared ``SESSION_CACHE``.
    lang : {"en", "zh"}, optional
        The language of the labels, the status line, the neighbours table and the map's title
        (default: ``VIZKIT_LANG``, else the locale). Words, groups and source names stay as they are.

    Examples
    --------
    >>> ex = EmbeddingExplorer(progress=False)
    >>> ex.method.value = "tsne"
    >>> [t.name for t in ex.figure.data][:3]
    ['birds', 'countries', 'cities']
    """

    def __init__(self, source: str = "glove", *, groups=DEFAULT_GROUPS, words: str = "", method: str = "pca",
                 param: int | None = None, query: str = "king", analogy=("king", "man", "woman"),
                 show_analogy: bool = False, axes=("man:woman", None), compare: bool = False, three_d: bool = False,
                 random_state: int = 0, progress: bool = True, cache=None, lang: str | None = None):
        import plotly.graph_objects as go

        self.lang = lang = resolve(lang)
        self.random_state = random_state
        self.progress = progress
        self.cache = SESSION_CACHE if cache is None else cache
        self.n_projections = 0
        self._maps: dict = {}
        self._hold = False
        self.points = self.coords = self.projector = self.analogy = None
        self.missing: list[str] = []

        self.source = w.Dropdown(options=source_options(lang), value=source,
                                 description=t("widgets.common.source", lang))
        self.method = w.ToggleButtons(options=[(method_name(m, lang), m) for m in explore.MAIN_PARAM],
                                      value=method, description=t("widgets.explorer.projection", lang),
                                      style={"button_width": "70px"})
        self.param = w.IntSlider(min=2, max=50, value=10, continuous_update=False)
        self.x_axis = w.Text(value=axes[0], description=t("widgets.explorer.x_axis", lang), continuous_update=False,
                             placeholder="man:woman", layout=w.Layout(width="300px"))
        self.y_axis = w.Text(value=axes[1] or "", description=t("widgets.explorer.y_axis", lang),
                             continuous_update=False, placeholder=t("widgets.explorer.y_axis.placeholder", lang),
                             layout=w.Layout(width="300px"))
        self.axes_row = w.HBox([self.x_axis, self.y_axis])
        self.compare = w.Checkbox(value=compare, description=t("widgets.explorer.compare", lang), indent=False)
        self.comparison = None  # the ModelMaps drawn while ``compare`` is on
        self.three_d = w.Checkbox(value=three_d, description=t("widgets.explorer.three_d", lang), indent=False,
                                  layout=w.Layout(width="70px"))
        self.groups = w.SelectMultiple(options=list(GROUPS), value=tuple(groups), rows=len(GROUPS),
                                       description=t("widgets.explorer.groups", lang))
        self.words = w.Textarea(value=words, placeholder=t("widgets.explorer.words.placeholder", lang),
                                continuous_update=False, description=t("widgets.explorer.words", lang),
                                layout=w.Layout(width="320px", height="90px"))
        self.query = w.Text(value=query, description=t("widgets.explorer.query", lang), continuous_update=False,
                            layout=w.Layout(width="260px"))
        self.neighbours = w.HTML()
        self.analogy_a, self.analogy_b, self.analogy_c = (
            w.Text(value=v, continuous_update=False, layout=w.Layout(width="90px")) for v in analogy)
        self.show_analogy = w.Checkbox(value=show_analogy, description=t("widgets.explorer.show_analogy", lang),
                                       indent=False)
        self.analogy_result = w.HTML()
        self.figure = go.FigureWidget()
        self.status = Status([self.source, self.method, self.param, self.groups, self.words], lang)

        self._set_param_control(method, param)
        for c in (self.source, self.method, self.groups, self.words, self.analogy_a, self.analogy_b,
                  self.analogy_c, self.show_analogy, self.x_axis, self.y_axis, self.compare, self.three_d):
            c.observe(self._redraw, "value")
        self.method.observe(self._method_changed, "value")
        self.param.observe(self._redraw, "value")
        self.query.observe(self._show_neighbours, "value")

        analogy_row = w.HBox([w.Label(t("widgets.explorer.analogy", lang)), self.analogy_a, w.Label("−"),
                              self.analogy_b, w.Label("+"), self.analogy_c, self.show_analogy, self.analogy_result])
        side = w.VBox([self.query, self.neighbours], layout=w.Layout(width="280px"))
        super().__init__([
            w.HBox([self.source, self.method, self.three_d, self.compare]), self.param, self.axes_row,
            w.HBox([self.groups, self.words]),
            analogy_row,
            self.status.widget, w.HBox([self.figure, side]),
        ])
        self.add_class("vizkit-explorer")
        _snapshot.register(self)
        self._redraw()
        self._show_neighbours()

    # ------------------------------------------------------------- reactions
    def _set_param_control(self, method, value=None):
        spec = explore.MAIN_PARAM[method]
        self.axes_row.layout.display = None if method == "axes" else "none"  # the pole boxes of "axes" only
        self.param.layout.display = "none" if method == "axes" else None
        self._hold = True
        try:
            if spec is None:
                self.param.description, self.param.disabled = t("widgets.explorer.param.none", self.lang), True
            else:
                name, lo, hi, default = spec
                self.param.description, self.param.disabled = param_name(name, self.lang), False
                self.param.min, self.param.max = lo, hi
                self.param.value = default if value is None else value
        finally:
            self._hold = False

    def _method_changed(self, change):
        self._set_param_control(change["new"])
        self._redraw()

    def _redraw(self, change=None):
        if self._hold or (change is not None and change["owner"] is self.method):
            return  # the method's own handler redraws once its parameter is set
        name = self.source.value
        lang = self.lang
        with self.status.busy(t("widgets.explorer.drawing", lang) if name in self.cache
                              else source_loading(name, lang)):
            src = self.cache.source(name, self.progress)
            self.analogy = None
            if self.show_analogy.value:
                self.analogy = explore.analogy_of(src, self.analogy_a.value, self.analogy_b.value,
                                                  self.analogy_c.value)
            points, missing = explore.word_points(src, self.groups.value, self.words.value, self.analogy)
            method = self.method.value
            param = None if explore.MAIN_PARAM[method] is None else self.param.value
            axes = (self.x_axis.value.strip(), self.y_axis.value.strip() or None)
            flat = method == "axes" or self.compare.value  # the modes whose map is 2-D whatever the toggle
            self.three_d.disabled = flat
            dims = 3 if self.three_d.value and not flat else 2
            key = (name, tuple(points.labels), method, param, dims, self.random_state) + (
                axes if method == "axes" else ())
            if key not in self._maps:
                if method not in ("pca", "axes"):
                    key3 = "widgets.explorer.computing" + (".3d" if dims == 3 else "")
                    self.status.show(t(key3, lang, method=method_name(method, lang), n=len(points)) + " …",
                                     "busy")
                if dims == 3:
                    self._maps[key] = explore.map_projector(points, method, param, self.random_state,
                                                            n_components=3)
                else:
                    self._maps[key] = explore.map_projector(points, method, param, self.random_state, axes=axes,
                                                            source=src)
                self.n_projections += 1
            self.projector = self._maps[key]
            self.points, self.coords, self.missing = points, self.projector.embedding_, missing
            self.comparison = None
            if self.compare.value:  # made once per setting, like the maps
                ckey = ("compare",) + key
                if ckey not in self._maps:
                    self._maps[ckey] = self._compare_models(name, points, method, param)
                self.comparison = self._maps[ckey]
            self._draw()
            if change is not None and change["owner"] is self.source:
                self._update_neighbours(src)
            if self.three_d.value and flat:
                self.status.show(t("widgets.explorer.flat." + ("axes" if method == "axes" else "compare"), lang))
            if missing:
                self.status.show(t("widgets.explorer.missing", lang, source=src.name, words=", ".join(missing)),
                                 "warn")
        self.analogy_result.value = html.escape(self._analogy_text()) if self.analogy else ""

    def _analogy_text(self) -> str:
        """``king − man + woman ≈ queen (cosine 0.86)`` in the widget's language."""
        a = self.analogy
        return t("widgets.explorer.analogy.result", self.lang, a=a.a, b=a.b, c=a.c, result=a.result,
                 score=f"{a.score:.2f}")

    def _map_label(self) -> str:
        """:func:`vizkit.explore.map_label` in the widget's language: the method and the parameter value used."""
        method = self.method.value
        label = method_name(method, self.lang)
        if explore.MAIN_PARAM[method] and self.projector is not None:
            name = explore.MAIN_PARAM[method][0]
            used = getattr(self.projector, name + "_", getattr(self.projector, name))
            label = t("widgets.explorer.title.param", self.lang, method=label, param=param_name(name, self.lang),
                      value=f"{used:.2f}".rstrip("0").rstrip("."))
        return label

    def _compare_models(self, name, points, method, param):
        """The words under the shown source and the other two (GloVe, Word2Vec, LLM), aligned on the shown one."""
        from ..compare import compare_models

        if method == "axes":
            method, param = "pca", None  # the models are laid out by a map; the axes are the shown model's
        names = [name] + [n for n in ("glove", "word2vec", "llm") if n != name]
        sources = {}
        for n in names:
            src = self.cache.source(n, self.progress)
            sources[f"{src.name} ({src.dim}-d)"] = src
        params = {explore.MAIN_PARAM[method][0]: int(param)} if explore.MAIN_PARAM[method] and param else {}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # parameters lowered for few words, words one model lacks: shown below
            return compare_models(sources, list(dict.fromkeys(points.labels)), method=method,
                                  n_neighbors=min(5, len(set(points.labels)) - 1), random_state=self.random_state,
                                  **params)

    def _draw(self):
        if self.points is None:
            return
        if self.comparison is not None:
            from ..compare import models_figure

            new = models_figure(self.comparison)
        else:
            src = self.cache.source(self.source.value, self.progress)
            title = t("widgets.explorer.title", self.lang, source=src.name, dim=src.dim,
                      method=self._map_label())  # the parameter value really used
            if self.coords.shape[1] == 3:
                title = t("widgets.explorer.title.3d", self.lang, title=title)
            new = explore.map_figure(self.points, self.coords, analogy=self.analogy,
                                     highlight=self.query.value.strip().lower() or None, title=title)
            if self.method.value == "axes":  # the axes mean something: name them, show their scale
                x_title, y_title = self.projector.axis_titles()
                new.update_layout(xaxis=dict(visible=True, title=x_title, showticklabels=True),
                                  yaxis=dict(visible=True, title=y_title, showticklabels=True))
        with self.figure.batch_update():
            self.figure.data = []
            self.figure.add_traces(new.data)
            self.figure.layout = new.layout
        if self.comparison is None:  # a click on a word lists its neighbours (the groups' traces only)
            for trace in self.figure.data:
                trace.on_click(self._on_click)

    def _on_click(self, trace, points, state=None):
        """A click on a point lists that word's neighbours."""
        groups = self.points.meta["group"]
        words = [lab for lab, g in zip(self.points.labels, groups) if g == trace.name]
        if points.point_inds and points.point_inds[0] < len(words):
            self.query.value = words[points.point_inds[0]]

    def _update_neighbours(self, src):
        word = self.query.value.strip().lower()
        self.neighbours.value = ""
        if word:
            self.neighbours.value = neighbours_html(src.most_similar(word, top=10), word, self.lang)

    def _show_neighbours(self, change=None):
        with self.status.busy(t("widgets.explorer.finding", self.lang, word=self.query.value.strip())):
            self._update_neighbours(self.cache.source(self.source.value, self.progress))
            self._draw()

    # ------------------------------------------------------------- static page
    def snapshot_html(self) -> str:
        """The current map (interactive) with the settings, neighbours and analogy, for a page without a kernel."""
        import plotly.graph_objects as go

        groups = ", ".join(self.groups.value)
        settings = t_html("widgets.explorer.snapshot", self.lang, source=f"<b>{html.escape(self.source.label)}</b>",
                          projection=f"<b>{html.escape(self.figure.layout.title.text or '')}</b>",
                          groups=html.escape(groups))
        if self.words.value.strip():
            settings += " · " + t_html("widgets.explorer.snapshot.words", self.lang,
                                       words=html.escape(self.words.value.strip()))
        extra = f"<p>{html.escape(self._analogy_text())}</p>" if self.analogy else ""
        return (f"<div class='vizkit-snapshot'><p>{settings}</p>"
                + _snapshot.figure_html(go.Figure(self.figure)) + extra + self.neighbours.value + "</div>")
