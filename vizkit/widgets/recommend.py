"""The recommender view: pick a film, read the films with the closest item2vec vectors, see them on the map."""

from __future__ import annotations

import html

import ipywidgets as w

from .. import recommend
from ..render.language import resolve, t
from . import _snapshot
from ._common import SESSION_CACHE, Status, side_by_side, t_html

#: the session-cache key of the default model
DEFAULT_MODEL = ("item2vec", "movielens-100k")


def _default_model(cache, progress: bool):
    """MovieLens 100k and item2vec with the default parameters, built once per session (and cached on disk)."""
    def build():
        from ..datasets.movielens import movielens_100k

        return recommend.train_item2vec(movielens_100k(progress=progress), progress=progress)

    return cache.get(DEFAULT_MODEL, build)


def table_html(recs, query: str, lang: str | None = None) -> str:
    """Recommendations (a :func:`~vizkit.recommend.similar_items` frame) as a small HTML table, headed in ``lang``."""
    rows = "".join(
        f"<tr><td>{rank}</td><td style='text-align:left'>{html.escape(r.title)}</td>"
        f"<td style='color:#666;text-align:left'>{html.escape(r.genres)}</td>"
        f"<td style='text-align:right'>{r.cosine:.3f}</td></tr>"
        for rank, r in zip(recs.index, recs.itertuples())
    )
    film, genres = html.escape(t("widgets.recommender.film", lang)), html.escape(t("widgets.recommender.genres", lang))
    cosine = html.escape(t("widgets.common.cosine", lang))
    return (f"<div class='vizkit-recs'><b>{t_html('widgets.recommender.similar', lang, film=html.escape(query))}</b>"
            "<table style='border-collapse:collapse;font-size:12px'>"
            f"<tr><th>#</th><th style='text-align:left'>{film}</th><th style='text-align:left'>{genres}</th>"
            f"<th>{cosine}</th></tr>{rows}</table></div>")


class RecommenderView(w.VBox):
    """A film picker, a top-N slider, the recommendations table and the item map with the pick highlighted.

    Every control is an attribute whose ``value`` can be set from Python:
    ``movie`` (a Combobox of film labels), ``top`` (an IntSlider) and
    ``color`` ("genre" or "year"). ``table`` (HTML) lists the recommendations,
    ``recommendations`` holds them as a DataFrame and ``figure`` (a plotly
    ``FigureWidget``) is the map; a click on a film picks it. The map is
    projected once; a new pick only moves the star and the rings.

    Parameters
    ----------
    model : ItemVectors, optional
        Default: item2vec trained on MovieLens 100k with
        :data:`~vizkit.recommend.ITEM2VEC_DEFAULTS` (about 30 s the first time,
        then read from the cache).
    movie : str or int
        The film picked first.
    top : int
    method : {"tsne", "umap", "pca"}
        The projection of the map.
    color : {"genre", "year"}
    cache : SessionCache, optional
        Where the default model is kept between widgets; default the shared ``SESSION_CACHE``.
    lang : {"en", "zh"}, optional
        The language of the labels, the status line and the table's headings
        (default: ``VIZKIT_LANG``, else the locale). Titles and genres stay as MovieLens gives them.

    Examples
    --------
    >>> view = RecommenderView(movie="Toy Story (1995)", progress=False)     # doctest: +SKIP
    >>> view.movie.value = "Lion King, The (1994)"                           # doctest: +SKIP
    >>> view.recommendations.title.iloc[0]                                   # doctest: +SKIP
    """

    def __init__(self, model=None, *, movie="Star Wars (1977)", top: int = 10, method: str = "tsne",
                 color: str = "genre", random_state: int = 0, progress: bool = True, cache=None,
                 lang: str | None = None):
        import plotly.graph_objects as go

        self.lang = lang = resolve(lang)
        self.method = method
        self.cache = SESSION_CACHE if cache is None else cache
        self.random_state = random_state
        self.recommendations = None
        self.coords = None
        self.movie = w.Combobox(placeholder=t("widgets.recommender.film.placeholder", lang),
                                description=t("widgets.recommender.film", lang), ensure_option=True,
                                layout=w.Layout(width="420px"))
        self.top = w.IntSlider(value=top, min=1, max=30, description=t("widgets.recommender.top", lang),
                               continuous_update=False)
        self.color = w.ToggleButtons(options=[(t(f"widgets.recommender.color.{c}", lang), c)
                                              for c in ("genre", "year")], value=color,
                                     description=t("atlas.color.aria", lang),  # "colour by": the atlas's words
                                     style={"button_width": "120px"})
        self.table = w.HTML(layout=w.Layout(width="430px"))
        self.figure = go.FigureWidget()
        self.status = Status([self.movie, self.top, self.color], lang)
        super().__init__([w.HBox([self.movie, self.top]), self.color, self.status.widget,
                          side_by_side(self.figure, self.table)])
        self.add_class("vizkit-recommender")
        _snapshot.register(self)

        self.model = model
        with self.status.busy(t("widgets.recommender.loading" if model is None else "widgets.recommender.preparing",
                                lang)):
            if self.model is None:
                self.model = _default_model(self.cache, progress)
            self.movie.options = sorted((self.model.label(i) for i in self.model.ids), key=str.lower)
            self.movie.value = self.model.label(self.model.find(movie))
        self.movie.observe(self._pick, "value")
        self.top.observe(self._pick, "value")
        self.color.observe(self._redraw, "value")
        self._redraw()

    # ------------------------------------------------------------- reactions
    def _redraw(self, change=None):
        """Draw the whole map (projected once per kernel and setting), then the pick."""
        if self.model is None:
            return
        with self.status.busy(t("widgets.recommender.computing", self.lang, method=self.method, n=len(self.model))):
            self.coords = recommend.item_coords(self.model, self.method, random_state=self.random_state)
            new = recommend.item_map(self.model, method=self.method, color=self.color.value,
                                     random_state=self.random_state)
            with self.figure.batch_update():
                self.figure.data = []
                self.figure.add_traces(new.data)
                self.figure.layout = new.layout
                self.figure.layout.width = 820
            for trace in self.figure.data[:-2]:
                trace.on_click(self._on_click)
        self._pick()

    def _pick(self, change=None):
        """List the picked film's neighbours and move the star and rings (the item traces stay)."""
        value = self.movie.value
        if not value or self.model is None or self.coords is None:
            return
        if value not in self.movie.options:  # set from Python as "star wars" or 50: show the listed label
            with self.status.busy(t("widgets.recommender.looking_up", self.lang, film=value)):
                self.movie.value = self.model.label(self.model.find(value))  # observed: draws the pick
            return
        with self.status.busy(t("widgets.recommender.finding", self.lang, film=value)):
            self.recommendations = recommend.similar_items(self.model, value, self.top.value)
            self.table.value = table_html(self.recommendations, value, self.lang)
            rings, star = recommend.highlight_traces(self.model, self.coords, value, self.top.value)
            with self.figure.batch_update():
                for old, new in zip(self.figure.data[-2:], (rings, star)):
                    old.x, old.y, old.text, old.hovertext = new.x, new.y, new.text, new.hovertext

    def _on_click(self, trace, points, state=None):
        """A click on a film picks it."""
        if points.point_inds:
            text = trace.hovertext[points.point_inds[0]]
            label = html.unescape(text.split("</b>", 1)[0].removeprefix("<b>"))
            if label in self.movie.options:
                self.movie.value = label

    # ------------------------------------------------------------- static page
    def snapshot_html(self) -> str:
        """The current map (interactive) and recommendations, for a page without a kernel."""
        import plotly.graph_objects as go

        settings = t_html("widgets.recommender.snapshot", self.lang, film=f"<b>{html.escape(self.movie.value)}</b>",
                          top=self.top.value, color=html.escape(self.color.label))
        return (f"<div class='vizkit-snapshot'><p>{settings}</p>"
                + _snapshot.figure_html(go.Figure(self.figure)) + self.table.value + "</div>")
