"""Type a text and see it cut into tokens by several real tokenizers, colour by colour."""

from __future__ import annotations

import html

import ipywidgets as w

from .. import tokenizers as core
from ..tokenizers import compare_html  # noqa: F401 - the widget's output
from ..render.language import resolve, t
from . import _snapshot
from ._common import Status, t_or


def table_columns(columns, lang: str | None = None) -> dict[str, str]:
    """The headings of the :func:`~vizkit.tokenizers.comparison_table` columns in ``lang``."""
    return {c: t_or(f"widgets.tokenizers.column.{c.replace(' ', '_')}", c, lang) for c in columns}


class TokenizerView(w.VBox):
    """The same text under several tokenizers: coloured tokens and a table of counts.

    Controls: ``text`` (a Textarea), ``tokenizers`` (a SelectMultiple of names,
    in the order of :func:`vizkit.tokenizers.available`), ``show`` (``"piece"``:
    the vocabulary entries, ``"text"``: the input each token covers), ``ids``
    (write the ids under the tokens) and ``add`` (a Hugging Face id or folder
    to add to the list; needs the network unless cached). Results:
    ``output`` (HTML of coloured tokens), ``table`` (HTML) and ``frame`` (the
    :func:`~vizkit.tokenizers.comparison_table` DataFrame, its columns named as in English).

    Parameters
    ----------
    text : str
    tokenizers : str or sequence of str
        Names of :func:`vizkit.tokenizers.available` or Hugging Face ids.
    show : {"piece", "text"}
    ids : bool
    lang : {"en", "zh"}, optional
        The language of the labels, the status line, each tokenizer's heading and the table's
        headings (default: ``VIZKIT_LANG``, else the locale). Tokens and tokenizer names stay as they are.

    Examples
    --------
    >>> view = TokenizerView("elif x == 1:", tokenizers=["gpt2", "gpt4"])   # doctest: +SKIP
    >>> view.text.value = "🎵"                                             # doctest: +SKIP
    >>> view.frame["tokens"].tolist()                                      # doctest: +SKIP
    [3, 3]
    """

    def __init__(self, text: str = core.SEED_TEXT, *, tokenizers=core.DEFAULT, show: str = "piece",
                 ids: bool = False, lang: str | None = None):
        self.lang = lang = resolve(lang)
        names = [tokenizers] if isinstance(tokenizers, str) else list(tokenizers)
        options = [(label, name) for name, label in core.available().items()]
        options += [(n, n) for n in names if n not in core.REGISTRY]
        self.frame = None
        self.text = w.Textarea(value=text, continuous_update=False, rows=6,
                               placeholder=t("widgets.tokenizers.text.placeholder", lang),
                               layout=w.Layout(width="640px"))
        self.tokenizers = w.SelectMultiple(options=options, value=tuple(names), rows=min(len(options), 8),
                                           description=t("widgets.tokenizers.tokenizers", lang),
                                           layout=w.Layout(width="420px"))
        self.show = w.ToggleButtons(options=[(t(f"widgets.tokenizers.show.{k}", lang), k) for k in ("piece", "text")],
                                    value=show)
        self.ids = w.Checkbox(value=ids, description=t("widgets.tokenizers.ids", lang))
        self.add = w.Text(value="", placeholder=t("widgets.tokenizers.add.placeholder", lang),
                          description=t("widgets.tokenizers.add", lang), continuous_update=False,
                          layout=w.Layout(width="420px"))
        self.output = w.HTML()
        self.table = w.HTML()
        self.status = Status([self.text, self.tokenizers, self.show, self.ids, self.add], lang)
        for c in (self.text, self.tokenizers, self.show, self.ids):
            c.observe(self._update, "value")
        self.add.observe(self._add, "value")
        super().__init__([self.text, w.HBox([self.tokenizers, w.VBox([self.show, self.ids, self.add])]),
                          self.status.widget, self.output, self.table])
        self.add_class("vizkit-tokenizer-view")
        _snapshot.register(self)
        self._update()

    def _update(self, change=None):
        lang = self.lang
        with self.status.busy(t("widgets.tokenizers.busy", lang)):
            names = list(self.tokenizers.value)
            if not names:
                self.output.value, self.table.value, self.frame = "", "", None
                self.status.show(t("widgets.tokenizers.none", lang), "warn")
                return
            for name in names:
                if name in core.REGISTRY:
                    self.status.show(t("widgets.tokenizers.loading", lang, tokenizer=core.REGISTRY[name][0]), "busy")
                core.get_tokenizer(name)
            self.output.value = compare_html(self.text.value, names, show=self.show.value, ids=self.ids.value,
                                             lang=lang)
            self.frame = core.comparison_table(self.text.value, names)
            shown = self.frame.drop(columns=["files from"])
            self.table.value = shown.rename(columns=table_columns(shown.columns, lang)).to_html(index=False,
                                                                                                  escape=True)

    def _add(self, change=None):
        name = self.add.value.strip()
        if not name:
            return
        with self.status.busy(t("widgets.tokenizers.adding", self.lang, name=name)):
            tok = core.get_tokenizer(name)
            if name not in [v for _, v in self.tokenizers.options]:
                self.tokenizers.options = list(self.tokenizers.options) + [(tok.label, name)]
            self.tokenizers.value = tuple(self.tokenizers.value) + (name,)

    def snapshot_html(self) -> str:
        text = html.escape(self.text.value)
        return (f"<div class='vizkit-snapshot'><pre style='border:1px solid #ccc;padding:.4em'>{text}</pre>"
                f"{self.output.value}{self.table.value}</div>")
