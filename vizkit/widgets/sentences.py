"""Semantic search over the bundled sentences, with averaged word vectors or a sentence-transformer."""

from __future__ import annotations

import html

import ipywidgets as w

from .. import sentence_embeddings as core
from ..render.language import resolve, t
from . import _snapshot
from ._common import SESSION_CACHE, Status, t_html

#: the encoders the search offers
ENCODERS = ("minilm", "glove", "word2vec")


def encoder_options(lang: str | None = None):
    """The encoder buttons: ``(label, name)`` in ``lang``."""
    return [(t(f"widgets.sentences.encoder.{e}", lang), e) for e in ENCODERS]


#: the buttons in English (``encoder_options(lang)`` in another language)
ENCODER_OPTIONS = encoder_options("en")


class SentenceSearch(w.VBox):
    """Type a query; see the nearest sentences of the collection and where the query lands on their map.

    Controls: ``query``, ``encoder``, ``top``; ``results`` (HTML table),
    ``hits`` (the list of ``(index, sentence, cosine)``), ``figure`` (the map,
    sentences coloured by topic, the query as a star). The collection is encoded
    once per encoder. ``cache``: where sources and models are kept between
    widgets (default the shared ``SESSION_CACHE``).

    Parameters
    ----------
    query : str
    encoder : {"minilm", "glove", "word2vec"}
        The sentence-transformer, or the mean of a source's word vectors.
    top : int
        How many sentences to list.
    progress : bool
        Show the progress of a source trained on first use.
    cache : SessionCache, optional
        Where sources and models are kept between widgets; default the shared ``SESSION_CACHE``.
    lang : {"en", "zh"}, optional
        The language of the labels, the status line, the table's headings and the map's title
        (default: ``VIZKIT_LANG``, else the locale). Sentences and topics stay as they are.
    """

    def __init__(self, query: str = "Will it rain tomorrow?", *, encoder: str = "minilm", top: int = 5,
                 progress: bool = True, cache=None, lang: str | None = None):
        import plotly.graph_objects as go

        self.lang = lang = resolve(lang)
        self.progress = progress
        self.cache = SESSION_CACHE if cache is None else cache
        self.collection = core.collection()
        self._encoded: dict = {}
        self.hits: list = []
        self.query = w.Text(value=query, description=t("widgets.sentences.query", lang), continuous_update=False,
                            layout=w.Layout(width="460px"))
        self.encoder = w.ToggleButtons(options=encoder_options(lang), value=encoder, style={"button_width": "190px"})
        self.top = w.IntSlider(value=top, min=1, max=10, description=t("widgets.sentences.top", lang))
        self.results = w.HTML()
        self.figure = go.FigureWidget()
        self.status = Status([self.query, self.encoder, self.top], lang)
        for c in (self.query, self.encoder, self.top):
            c.observe(self._update, "value")
        super().__init__([self.query, self.encoder, self.top, self.status.widget,
                          w.HBox([self.results, self.figure])])
        self.add_class("vizkit-sentence-search")
        _snapshot.register(self)
        self._update()

    def _encoder(self):
        name = self.encoder.value
        return self.cache.llm() if name == "minilm" else self.cache.source(name, self.progress)

    def _update(self, change=None):
        from ..plot import scatter
        from ..projection import PCA

        lang = self.lang
        with self.status.busy(t("widgets.sentences.busy", lang, encoder=self.encoder.label)):
            enc = self._encoder()
            name = self.encoder.value
            if name not in self._encoded:
                X = core.encode(enc, self.collection.sentences).with_meta(topic=self.collection.topics)
                pca = PCA(normalize=True, random_state=0).fit(X)
                self._encoded[name] = (X, pca, pca.embedding_)
            X, pca, xy = self._encoded[name]
            self.hits = core.search(self.query.value, X, enc, self.top.value)
            rows = "".join(f"<tr><td>{c:.3f}</td><td>{html.escape(self.collection.topics[i])}</td>"
                           f"<td>{html.escape(s)}</td></tr>" for i, s, c in self.hits)
            caption = t_html("widgets.sentences.nearest", lang, query=f"<b>{html.escape(self.query.value)}</b>")
            heads = "".join(f"<th>{html.escape(t(k, lang))}</th>" for k in (
                "widgets.common.cosine", "widgets.sentences.topic", "widgets.sentences.sentence"))
            self.results.value = f"<table><caption>{caption}</caption><tr>{heads}</tr>{rows}</table>"
            q = pca.transform(core.encode(enc, [self.query.value]))[0]
            fig = scatter(X, xy, color="topic", hover=["topic"], show_labels=False,
                          title=t("widgets.sentences.title", lang, n=len(X), encoder=self.encoder.label))
            star = t("widgets.sentences.query", lang)
            fig.add_scatter(x=[q[0]], y=[q[1]], mode="markers+text", text=[star], name=star,
                            marker=dict(symbol="star", size=18, color="black"), textposition="top center")
            with self.figure.batch_update():
                self.figure.data = []
                self.figure.add_traces(fig.data)
                self.figure.layout = fig.layout
                self.figure.layout.width, self.figure.layout.height = 560, 460

    def snapshot_html(self) -> str:
        import plotly.graph_objects as go

        return (f"<div class='vizkit-snapshot'>{self.results.value}"
                f"{_snapshot.figure_html(go.Figure(self.figure))}</div>")
