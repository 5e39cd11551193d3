"""Widgets for the embedding layer: text -> tokens -> rows, and an embedding parameter calculator."""

from __future__ import annotations

import html

import ipywidgets as w

from ..transformer import embedding_layer as core
from ..transformer.embedding_params import PRESETS, embedding_params
from . import _snapshot
from ._common import SESSION_CACHE, Status

PARTS = [("token embedding rows", "token"), ("position embedding rows", "position"),
         ("token + position + type (summed)", "summed"), ("after LayerNorm = hidden layer 0", "layer0")]


class EmbeddingLayerView(w.VBox):
    """Type a text; see its tokens, their ids and the rows they select, as a table and a heatmap.

    ``text`` (Textarea) and ``part`` (Dropdown) are the controls; ``figure`` is
    the heatmap, ``table`` the token / id table (HTML), ``parts`` the numbers.
    ``cache``: where the model is kept between widgets (default the shared
    ``SESSION_CACHE``).
    """

    def __init__(self, text: str = "The bank approved my loan application", *, model: str | None = None,
                 part: str = "token", cache=None):
        import plotly.graph_objects as go

        self.model = model
        self.cache = SESSION_CACHE if cache is None else cache
        self.parts = None
        self.text = w.Textarea(value=text, description="text", continuous_update=False,
                               layout=w.Layout(width="600px", height="60px"))
        self.part = w.Dropdown(options=PARTS, value=part, description="show")
        self.table = w.HTML()
        self.figure = go.FigureWidget()
        self.status = Status([self.text, self.part])
        self.text.observe(self._update, "value")
        self.part.observe(self._draw, "value")
        super().__init__([self.text, self.part, self.status.widget, w.HBox([self.table, self.figure])])
        self.add_class("vizkit-embedding-layer")
        _snapshot.register(self)
        self._update()

    def _update(self, change=None):
        with self.status.busy("tokenizing and looking up the rows"):
            llm = self.cache.llm(self.model)
            self.parts = core.input_embedding(llm, self.text.value)
            rows = "".join(f"<tr><td>{i}</td><td><code>{html.escape(t)}</code></td><td>{d}</td></tr>"
                           for i, (t, d) in enumerate(zip(self.parts.tokens, self.parts.ids)))
            self.table.value = (f"<table><caption>{len(self.parts.ids)} tokens → ids → rows of the "
                                f"{llm.model.config.vocab_size} x {llm.model.config.hidden_size} matrix</caption>"
                                f"<tr><th>position</th><th>token</th><th>id (row)</th></tr>{rows}</table>")
            self._draw()

    def _draw(self, change=None):
        if self.parts is None:
            return
        new = core.rows_heatmap(self.parts, self.part.value)
        with self.figure.batch_update():
            self.figure.data = []
            self.figure.add_traces(new.data)
            self.figure.layout = new.layout

    def snapshot_html(self) -> str:
        import plotly.graph_objects as go

        return (f"<div class='vizkit-snapshot'><p>text: <i>{html.escape(self.text.value)}</i></p>"
                + self.table.value + _snapshot.figure_html(go.Figure(self.figure)) + "</div>")


class ParamsCalculator(w.VBox):
    """Embedding weights of a model: pick a preset or type vocabulary size, width and context length."""

    def __init__(self, preset: str = "gpt3"):
        cfg = PRESETS[preset]
        self.preset = w.Dropdown(options=list(PRESETS) + ["custom"], value=preset, description="model")
        self.vocab_size = w.IntText(description="vocab size")
        self.hidden_size = w.IntText(description="width (dim)")
        self.context = w.IntText(description="context")
        self.positions = w.ToggleButtons(options=[("learned positions", "learned"), ("rotary (no weights)", "rotary")],
                                         description="positions")
        self.result = w.HTML()
        self._hold = False
        self.preset.observe(self._preset_changed, "value")
        for c in (self.vocab_size, self.hidden_size, self.context, self.positions):
            c.observe(self._compute, "value")
        super().__init__([self.preset, w.HBox([self.vocab_size, self.hidden_size, self.context]), self.positions,
                          self.result])
        self.add_class("vizkit-params")
        _snapshot.register(self)
        self._fill(cfg)

    def _fill(self, cfg):
        counts = embedding_params(cfg)
        self._hold = True
        self.vocab_size.value, self.hidden_size.value = counts.vocab_size, counts.hidden_size
        self.context.value, self.positions.value = counts.context_length, counts.position_kind
        self._hold = False
        self._render(counts)

    def _preset_changed(self, change):
        if change["new"] != "custom":
            self._fill(PRESETS[change["new"]])

    def _compute(self, change=None):
        """A number typed by hand: the model becomes "custom"."""
        if self._hold:
            return
        self._hold = True
        self.preset.value = "custom"
        self._hold = False
        learned = self.positions.value == "learned"
        self._render(embedding_params({"model_type": "gpt2" if learned else "llama",
                                       "vocab_size": self.vocab_size.value, "hidden_size": self.hidden_size.value,
                                       "max_position_embeddings": self.context.value}))

    def _render(self, counts):
        self.counts = counts
        rows = "".join(f"<tr><td>{html.escape(p)}</td><td>{html.escape(s)}</td><td style='text-align:right'>{n:,}"
                       f"</td></tr>" for p, s, n in counts.rows())
        self.result.value = f"<table><tr><th>part</th><th>shape</th><th>weights</th></tr>{rows}</table>"

    def snapshot_html(self) -> str:
        return f"<div class='vizkit-snapshot'><p>model: {html.escape(self.preset.value)}</p>{self.result.value}</div>"
