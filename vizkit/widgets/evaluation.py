"""Which word pairs does an embedding get wrong? Human similarity ratings against cosines, pair by pair."""

from __future__ import annotations

import html

import ipywidgets as w

from ..metrics import evaluation
from ..render.language import resolve, t
from . import _snapshot
from ._common import SESSION_CACHE, Status, source_loading
from .explorer import source_options

#: the rated pair sets: file name -> the name of its message
_DATASET_KEYS = {"wordsim353.tsv": "wordsim353", "simlex999.txt": "simlex999"}


def dataset_options(lang: str | None = None):
    """The ``set`` menu: ``(label, file name)`` in ``lang``."""
    return [(t(f"widgets.similarity.dataset.{k}", lang), f) for f, k in _DATASET_KEYS.items()]


#: the menu in English (``dataset_options(lang)`` in another language)
DATASETS = dataset_options("en")


class SimilarityView(w.VBox):
    """A scatter of human ratings (x) against the source's cosines (y) for every covered pair.

    Controls: ``dataset``, ``source``; ``figure`` holds the scatter, its title the
    Spearman correlation; ``pairs`` the DataFrame drawn. ``cache``: where sources
    are kept between widgets (default the shared ``SESSION_CACHE``).

    Parameters
    ----------
    source : str
        A name of ``vizkit.sources.SOURCES``.
    dataset : {"simlex999.txt", "wordsim353.tsv"}
        The rated pairs.
    progress : bool
        Show the progress of a source trained on first use.
    cache : SessionCache, optional
        Where sources are kept between widgets; default the shared ``SESSION_CACHE``.
    lang : {"en", "zh"}, optional
        The language of the labels, the status line and the figure's title and axes
        (default: ``VIZKIT_LANG``, else the locale). Words and source names stay as they are.
    """

    def __init__(self, source: str = "glove", *, dataset: str = "simlex999.txt", progress: bool = True,
                 cache=None, lang: str | None = None):
        import plotly.graph_objects as go

        self.lang = lang = resolve(lang)
        self.progress = progress
        self.cache = SESSION_CACHE if cache is None else cache
        self.pairs = None
        self.dataset = w.Dropdown(options=dataset_options(lang), value=dataset,
                                  description=t("widgets.similarity.dataset", lang))
        self.source = w.Dropdown(options=source_options(lang), value=source,
                                 description=t("widgets.common.source", lang))
        self.figure = go.FigureWidget()
        self.status = Status([self.dataset, self.source], lang)
        for c in (self.dataset, self.source):
            c.observe(self._update, "value")
        super().__init__([w.HBox([self.source, self.dataset]), self.status.widget, self.figure])
        self.add_class("vizkit-similarity")
        _snapshot.register(self)
        self._update()

    def _update(self, change=None):
        from scipy.stats import spearmanr

        name, lang = self.source.value, self.lang
        with self.status.busy(t("widgets.similarity.busy", lang) if name in self.cache
                              else source_loading(name, lang)):
            src = self.cache.source(name, self.progress)
            df = evaluation.similarity_pairs(src, self.dataset.value)
            rho = spearmanr(df["cosine"], df["human"]).statistic
            self.pairs = df
            hover = [f"{html.escape(a)} – {html.escape(b)}<br>"
                     + html.escape(t("widgets.similarity.hover", lang, human=f"{h:.2f}", cosine=f"{c:.2f}"))
                     for a, b, h, c in df.itertuples(index=False)]
            with self.figure.batch_update():
                self.figure.data = []
                self.figure.add_scatter(x=df["human"], y=df["cosine"], mode="markers", hovertext=hover,
                                        hoverinfo="text", marker=dict(size=6, opacity=0.6))
                self.figure.layout = dict(
                    title=t("widgets.similarity.title", lang, source=src.name, dataset=self.dataset.label,
                            rho=f"{rho:.3f}", n=len(df)),
                    xaxis_title=t("widgets.similarity.x", lang), yaxis_title=t("widgets.similarity.y", lang),
                    template="plotly_white", height=480)

    def snapshot_html(self) -> str:
        import plotly.graph_objects as go

        return f"<div class='vizkit-snapshot'>{_snapshot.figure_html(go.Figure(self.figure))}</div>"
