"""Closest known words for an unknown one (for error messages)."""

from __future__ import annotations

import difflib
from typing import Sequence

from ._chinese import has_cjk


def close_words(word: str, vocabulary: Sequence[str], n: int = 5, limit: int = 60000) -> list[str]:
    """Up to ``n`` words of ``vocabulary`` that look like ``word``, best first.

    The vocabulary is assumed in frequency order; only the first ``limit`` words
    of a similar length are compared, which keeps this well under a second on
    400k words.
    """
    if not word:
        return []
    if has_cjk(word):
        return _sharing_characters(word, vocabulary, n, limit)
    low = word.lower()
    out: list[str] = []
    head = vocabulary[:limit] if len(vocabulary) > limit else vocabulary
    if low != word and low in set(head):
        out.append(low)
    size = len(word)
    cands = [w for w in head if abs(len(w) - size) <= 2 and w != word]
    for w in difflib.get_close_matches(low, cands, n=n, cutoff=0.6):
        if w not in out:
            out.append(w)
    return out[:n]


def _sharing_characters(word: str, vocabulary: Sequence[str], n: int, limit: int) -> list[str]:
    """Chinese: the known words that share the most characters with ``word``, the more frequent first.

    Chinese words are short and a character carries meaning (苹果 -> 苹果树, 青苹果), so
    shared characters say more than spelling distance does.
    """
    chars = set(word)
    head = vocabulary[:limit] if len(vocabulary) > limit else vocabulary
    scored = []
    for rank, w in enumerate(head):
        if w == word:
            continue
        shared = len(chars & set(w))
        if shared:
            scored.append((-shared, abs(len(w) - len(word)), rank, w))
    return [w for *_, w in sorted(scored)[:n]]
