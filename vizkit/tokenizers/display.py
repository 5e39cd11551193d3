"""Tokens shown as coloured HTML spans, several tokenizers side by side, and the comparison table."""

from __future__ import annotations

import html
from typing import Sequence

from ..errors import InputError
from ._registry import DEFAULT, get_tokenizer
from ._token import Token, Tokenizer

#: the tricky text of seed 004 ("Comparing Trained LLM Tokenizers"), exactly as given there
SEED_TEXT = ("\nEnglish and CAPITALIZATION\n🎵 鸟\nshow_tokens False None elif == >= else: "
             "two tabs:\"    \" Three tabs: \"       \"\n12.0*50=600\n")
#: the seed's "tabs" arrive as spaces; this line has real tab characters
TAB_TEXT = "if ok:\n\treturn [\"\t\t\"]\n"

#: the book's background colours (``colors_list`` of ``show_tokens``), as CSS rgb()
PALETTE = ("rgb(102,194,165)", "rgb(252,141,98)", "rgb(141,160,203)", "rgb(231,138,195)",
           "rgb(166,216,84)", "rgb(255,217,47)")


_SPAN = ("display:inline;background:{bg};color:#111;border-radius:3px;padding:1px 1px;margin:0 1px 0 0;"
         "{extra}")


def _visible(s: str) -> str:
    """HTML of a token's text with whitespace made visible: · for a space, → for a tab, ↵ and a break for a newline."""
    out = []
    for ch in s:
        if ch == " ":
            out.append("<span style='opacity:.45'>·</span>")
        elif ch == "\t":
            out.append("<span style='opacity:.6'>→</span>")
        elif ch == "\n":
            out.append("<span style='opacity:.6'>↵</span><br>")
        elif ch == "\r":
            out.append("<span style='opacity:.6'>␍</span>")
        else:
            out.append(html.escape(ch))
    return "".join(out)


def tokens_html(tokens: Sequence[Token], *, show: str = "piece", palette: Sequence[str] = PALETTE,
                ids: bool = False) -> str:
    """Tokens as coloured ``<span>`` elements (the book's colours, cycling), one per token.

    Parameters
    ----------
    tokens : list of Token
    show : {"piece", "text"}
        Show each token's vocabulary entry (``##ization``, ``capital`` lowercased by
        BERT uncased, ``[UNK]``) or the input text it covers.
    ids : bool
        Write the id under each token as well (it is always in the hover title).

    Returns
    -------
    str
        An HTML fragment: ``<div class="vizkit-tokens">`` with one
        ``<span class="vizkit-token" data-id=...>`` per token. Whitespace is shown
        as · (space), → (tab) and ↵ (newline, followed by a line break); special
        tokens are outlined, unknown ones red, partial (cut character) ones dashed.
    """
    if show not in ("piece", "text"):
        raise InputError(f"show must be 'piece' or 'text', not {show!r}")
    spans = []
    for k, t in enumerate(tokens):
        extra = ""
        if t.special:
            extra += "outline:1px solid #333;font-weight:bold;"
        if t.unknown:
            extra += "color:#b00020;font-weight:bold;"
        if t.partial:
            extra += "border:1px dashed #333;"
        label = t.piece if show == "piece" else t.text
        kind = " special" if t.special else " unknown" if t.unknown else " partial" if t.partial else ""
        title = f"id {t.id}: {t.piece!r}" + (f" <- {t.text!r}" if t.text != t.piece and not t.special else "")
        title += " (added special token)" if t.special else " (unknown)" if t.unknown else \
            " (part of a character)" if t.partial else ""
        body = _visible(label) if label else "<span style='opacity:.45'>∅</span>"
        if ids:
            extra += "display:inline-block;text-align:center;vertical-align:top;line-height:1.3;"
            body += f"<br><small style='font-size:70%;opacity:.7'>{t.id}</small>"
        spans.append(f"<span class='vizkit-token{kind}' data-id='{t.id}' title='{html.escape(title, quote=True)}' "
                     f"style='{_SPAN.format(bg=palette[k % len(palette)], extra=extra)}'>{body}</span>")
    return ("<div class='vizkit-tokens' style='font-family:ui-monospace,Menlo,Consolas,monospace;"
            "line-height:2.1;white-space:normal'>" + "".join(spans) + "</div>")


def _tokenizers(names) -> list[Tokenizer]:
    names = list(DEFAULT if names is None else [names] if isinstance(names, (str, Tokenizer)) else names)
    if not names:
        raise InputError("give at least one tokenizer")
    return [get_tokenizer(n) for n in names]


def compare_html(text: str, names: Sequence[str | Tokenizer] | None = None, *, show: str = "piece",
                 ids: bool = False, lang: str | None = None) -> str:
    """The same text under several tokenizers: one titled row of coloured tokens each (default: :data:`DEFAULT`),
    the headings in ``lang``."""
    from ..render.language import t_html

    rows = []
    for tok in _tokenizers(names):
        tokens = tok.tokenize(text)
        about = t_html("widgets.tokenizers.head", lang, algorithm=html.escape(tok.algorithm),
                       vocab=f"{tok.vocab_size:,}", n=len(tokens))
        head = (f"<div style='font-family:sans-serif;margin-top:.6em'><b>{html.escape(tok.label)}</b> "
                f"<span style='color:#555'>{about}</span></div>")
        rows.append(f"<div class='vizkit-tokenizer' data-name='{html.escape(tok.name, quote=True)}'>{head}"
                    f"{tokens_html(tokens, show=show, ids=ids)}</div>")
    return "<div class='vizkit-compare'>" + "".join(rows) + "</div>"


def comparison_table(text: str, names: Sequence[str | Tokenizer] | None = None):
    """One row per tokenizer: algorithm, vocabulary size, token counts and special tokens, as a DataFrame.

    Columns: ``tokenizer``, ``algorithm``, ``vocabulary``, ``tokens`` (all ids
    the model gets), ``added special`` (the special tokens put around the text),
    ``unknown`` (tokens that lost the input), ``partial`` (tokens holding part of
    a character), ``chars per token`` (input characters / tokens of the input),
    ``lowercases``, ``special tokens`` (of the vocabulary) and ``files from``.
    """
    import pandas as pd

    rows = []
    for tok in _tokenizers(names):
        tokens = tok.tokenize(text)
        body = [t for t in tokens if not t.special]
        rows.append({
            "tokenizer": tok.name, "algorithm": tok.algorithm, "vocabulary": tok.vocab_size, "tokens": len(tokens),
            "added special": " ".join(t.piece for t in tokens if t.special),
            "unknown": sum(t.unknown for t in tokens), "partial": sum(t.partial for t in tokens),
            "chars per token": round(len(text) / len(body), 2) if body else 0.0, "lowercases": tok.lowercase,
            "special tokens": " ".join(tok.special_tokens), "files from": tok.source,
        })
    return pd.DataFrame(rows)
