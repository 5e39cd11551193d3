"""Sentences of a document, as character spans: a small rule-based splitter (no model, no download).

A sentence ends at ``.``, ``!`` or ``?`` (with closing quotes or brackets) followed
by white space and a capital letter, digit or opening quote, except after a few
common abbreviations (Mr., Dr., e.g., ...); at ``。！？`` (no space needed); and at
a blank line. A document without such marks (the bundled corpus: one lower-cased
sentence per line) is one sentence.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "no", "fig", "inc",
                  "ltd", "co", "mt", "u.s", "u.k", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                  "oct", "nov", "dec"}
_END = re.compile(r"""[.!?]+["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9\u3400-\u9fff])|[。！？]+["'”’」』)]*\s*|\n\s*\n""")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?]*[\"'”’)\]]*\s*$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[(start, end), ...]`` of the sentences of ``text``, leading and trailing white space left out.

    Examples
    --------
    >>> t = "Dr. Smith went to the bank. It was closed! 我去了银行。它关门了。"
    >>> [t[a:b] for a, b in split_sentences(t)]
    ['Dr. Smith went to the bank.', 'It was closed!', '我去了银行。', '它关门了。']
    """
    spans, start = [], 0
    for m in _END.finditer(text):
        if text[m.start()] == ".":
            before = _WORD_BEFORE.search(text[start:m.start() + 1])
            if before and before.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out
