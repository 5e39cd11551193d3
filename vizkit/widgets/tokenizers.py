"""Type a text and see it cut into tokens by several real tokenizers, colour by colour."""

from __future__ import annotations

import html

import ipywidgets as w

from .. import tokenizers as core
from . import _snapshot
from ._common import Status


class TokenizerView(w.VBox):
    """The same text under several tokenizers: coloured tokens and a table of counts.

    Controls: ``text`` (a Textarea), ``tokenizers`` (a SelectMultiple of names,
    in the order of :func:`vizkit.tokenizers.available`), ``show`` (``"piece"``:
    the vocabulary entries, ``"text"``: the input each token covers), ``ids``
    (write the ids under the tokens) and ``add`` (a Hugging Face id or folder
    to add to the list; needs the network unless cached). Results:
    ``output`` (HTML of coloured tokens), ``table`` (HTML) and ``frame`` (the
    :func:`~vizkit.tokenizers.comparison_table` DataFrame).

    Examples
    --------
    >>> view = TokenizerView("elif x == 1:", tokenizers=["gpt2", "gpt4"])   # doctest: +SKIP
    >>> view.text.value = "🎵"                                             # doctest: +SKIP
    >>> view.frame["tokens"].tolist()                                      # doctest: +SKIP
    [3, 3]
    """

    def __init__(self, text: str = core.SEED_TEXT, *, tokenizers=core.DEFAULT, show: str = "piece",
                 ids: bool = False):
        names = [tokenizers] if isinstance(tokenizers, str) else list(tokenizers)
        options = [(label, name) for name, label in core.available().items()]
        options += [(n, n) for n in names if n not in core.REGISTRY]
        self.frame = None
        self.text = w.Textarea(value=text, continuous_update=False, rows=6, placeholder="type a text",
                               layout=w.Layout(width="640px"))
        self.tokenizers = w.SelectMultiple(options=options, value=tuple(names), rows=min(len(options), 8),
                                           description="tokenizers", layout=w.Layout(width="420px"))
        self.show = w.ToggleButtons(options=[("vocabulary pieces", "piece"), ("input text", "text")], value=show)
        self.ids = w.Checkbox(value=ids, description="show ids")
        self.add = w.Text(value="", placeholder="Hugging Face id or folder", description="add",
                          continuous_update=False, layout=w.Layout(width="420px"))
        self.output = w.HTML()
        self.table = w.HTML()
        self.status = Status([self.text, self.tokenizers, self.show, self.ids, self.add])
        for c in (self.text, self.tokenizers, self.show, self.ids):
            c.observe(self._update, "value")
        self.add.observe(self._add, "value")
        super().__init__([self.text, w.HBox([self.tokenizers, w.VBox([self.show, self.ids, self.add])]),
                          self.status.widget, self.output, self.table])
        self.add_class("vizkit-tokenizer-view")
        _snapshot.register(self)
        self._update()

    def _update(self, change=None):
        with self.status.busy("tokenizing"):
            names = list(self.tokenizers.value)
            if not names:
                self.output.value, self.table.value, self.frame = "", "", None
                self.status.show("choose at least one tokenizer", "warn")
                return
            for name in names:
                if name in core.REGISTRY:
                    self.status.show(f"loading {core.REGISTRY[name][0]} …", "busy")
                core.get_tokenizer(name)
            self.output.value = core.compare_html(self.text.value, names, show=self.show.value, ids=self.ids.value)
            self.frame = core.comparison_table(self.text.value, names)
            self.table.value = self.frame.drop(columns=["files from"]).to_html(index=False, escape=True)

    def _add(self, change=None):
        name = self.add.value.strip()
        if not name:
            return
        with self.status.busy(f"loading tokenizer {name}"):
            tok = core.get_tokenizer(name)
            if name not in [v for _, v in self.tokenizers.options]:
                self.tokenizers.options = list(self.tokenizers.options) + [(tok.label, name)]
            self.tokenizers.value = tuple(self.tokenizers.value) + (name,)

    def snapshot_html(self) -> str:
        text = html.escape(self.text.value)
        return (f"<div class='vizkit-snapshot'><pre style='border:1px solid #ccc;padding:.4em'>{text}</pre>"
                f"{self.output.value}{self.table.value}</div>")
