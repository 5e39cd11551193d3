"""Widgets for the embedding layer: text -> tokens -> rows, and an embedding parameter calculator."""

from __future__ import annotations

import html

import ipywidgets as w

from ..render.language import resolve, t
from ..transformer import embedding_layer as core
from ..transformer.embedding_params import PRESETS, embedding_params, row_text
from . import _snapshot
from ._common import SESSION_CACHE, Status, t_html

#: the parts of the input embedding the view shows (keys of ``EmbeddingParts``)
PART_NAMES = ("token", "position", "summed", "layer0")


def part_options(lang: str | None = None):
    """The ``show`` menu: ``(label, part)`` in ``lang``."""
    return [(t(f"widgets.embedding_layer.part.{p}", lang), p) for p in PART_NAMES]


#: the menu in English (``part_options(lang)`` in another language)
PARTS = part_options("en")


class EmbeddingLayerView(w.VBox):
    """Type a text; see its tokens, their ids and the rows they select, as a table and a heatmap.

    ``text`` (Textarea) and ``part`` (Dropdown) are the controls; ``figure`` is
    the heatmap, ``table`` the token / id table (HTML), ``parts`` the numbers.
    ``cache``: where the model is kept between widgets (default the shared
    ``SESSION_CACHE``).

    Parameters
    ----------
    text : str
        The text to tokenize.
    model : str, optional
        A contextual model (default: the bundled all-MiniLM-L6-v2).
    part : {"token", "position", "summed", "layer0"}
        The rows the heatmap shows.
    cache : SessionCache, optional
        Where the model is kept between widgets; default the shared ``SESSION_CACHE``.
    lang : {"en", "zh"}, optional
        The language of the labels, the status line and the table's headings
        (default: ``VIZKIT_LANG``, else the locale). Tokens stay as the tokenizer cuts them.
    """

    def __init__(self, text: str = "The bank approved my loan application", *, model: str | None = None,
                 part: str = "token", cache=None, lang: str | None = None):
        import plotly.graph_objects as go

        self.lang = lang = resolve(lang)
        self.model = model
        self.cache = SESSION_CACHE if cache is None else cache
        self.parts = None
        self.text = w.Textarea(value=text, description=t("widgets.embedding_layer.text", lang),
                               continuous_update=False, layout=w.Layout(width="600px", height="60px"))
        self.part = w.Dropdown(options=part_options(lang), value=part,
                               description=t("widgets.embedding_layer.part", lang))
        self.table = w.HTML()
        self.figure = go.FigureWidget()
        self.status = Status([self.text, self.part], lang)
        self.text.observe(self._update, "value")
        self.part.observe(self._draw, "value")
        super().__init__([self.text, self.part, self.status.widget, w.HBox([self.table, self.figure])])
        self.add_class("vizkit-embedding-layer")
        _snapshot.register(self)
        self._update()

    def _update(self, change=None):
        lang = self.lang
        with self.status.busy(t("widgets.embedding_layer.busy", lang)):
            llm = self.cache.llm(self.model)
            self.parts = core.input_embedding(llm, self.text.value)
            rows = "".join(f"<tr><td>{i}</td><td><code>{html.escape(tok)}</code></td><td>{d}</td></tr>"
                           for i, (tok, d) in enumerate(zip(self.parts.tokens, self.parts.ids)))
            caption = t_html("widgets.embedding_layer.caption", lang, n=len(self.parts.ids),
                             vocab=llm.model.config.vocab_size, hidden=llm.model.config.hidden_size)
            heads = "".join(f"<th>{html.escape(t(f'widgets.embedding_layer.{h}', lang))}</th>"
                            for h in ("position", "token", "id"))
            self.table.value = f"<table><caption>{caption}</caption><tr>{heads}</tr>{rows}</table>"
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

        text = t_html("widgets.embedding_layer.snapshot", self.lang, text=f"<i>{html.escape(self.text.value)}</i>")
        return (f"<div class='vizkit-snapshot'><p>{text}</p>"
                + self.table.value + _snapshot.figure_html(go.Figure(self.figure)) + "</div>")


class ParamsCalculator(w.VBox):
    """Embedding weights of a model: pick a preset or type vocabulary size, width and context length.

    Parameters
    ----------
    preset : str
        A key of ``vizkit.transformer.embedding_params.PRESETS`` (``"gpt3"``); a number typed by hand
        makes the model ``"custom"``.
    lang : {"en", "zh"}, optional
        The language of the labels and the table (default: ``VIZKIT_LANG``, else the locale).
        Preset names stay as they are.
    """

    def __init__(self, preset: str = "gpt3", *, lang: str | None = None):
        self.lang = lang = resolve(lang)
        cfg = PRESETS[preset]
        self.preset = w.Dropdown(options=[(p, p) for p in PRESETS] + [(t("widgets.params.custom", lang), "custom")],
                                 value=preset, description=t("widgets.params.model", lang))
        self.vocab_size = w.IntText(description=t("widgets.params.vocab_size", lang))
        self.hidden_size = w.IntText(description=t("widgets.params.hidden_size", lang))
        self.context = w.IntText(description=t("widgets.params.context", lang))
        self.positions = w.ToggleButtons(options=[(t(f"widgets.params.positions.{k}", lang), k)
                                                  for k in ("learned", "rotary")],
                                         description=t("widgets.params.positions", lang))
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
        lang = self.lang
        rows = "".join(f"<tr><td>{html.escape(row_text(p, lang))}</td><td>{html.escape(row_text(s, lang))}</td>"
                       f"<td style='text-align:right'>{n:,}</td></tr>" for p, s, n in counts.rows())
        heads = "".join(f"<th>{html.escape(t(f'widgets.params.{h}', lang))}</th>" for h in ("part", "shape", "weights"))
        self.result.value = f"<table><tr>{heads}</tr>{rows}</table>"

    def snapshot_html(self) -> str:
        model = t_html("widgets.params.snapshot", self.lang, model=html.escape(self.preset.label))
        return f"<div class='vizkit-snapshot'><p>{model}</p>{self.result.value}</div>"
