"""Curated sentences for polysemous words, and user sentence files.

The bundled set (``vizkit/datasets/data/polysemy.tsv``) has 14 words (bank, bat, spring,
crane, mouse, bass, pitch, plant, rock, match, apple, bark, seal, bow), two
senses each and eight natural sentences per sense, each labelled with its sense.
The first three "bank" sentences are the seed chapter's.

A second set (``clue_order.tsv``) is for the encoder-vs-decoder experiment:
for bank, bat and mouse, eight sentences per sense where the clue to the sense
comes after the word ("Yesterday the bank approved my loan application.") and
eight where it comes before ("I deposited my paycheck at the bank."). The
clue-after sentences of the two senses share their words up to and including
the target ("Yesterday the bank ..." in both), so a left-to-right model sees the
same text at the word whatever the sense.

Chinese (``polysemy_zh.tsv``, ``clue_order_zh.tsv``): 苹果 (水果 / 公司: the fruit
or Apple; the first two sentences are seed 003's 这个苹果很甜。 and
我使用的是苹果手机。), 打 (击打 / 通话), 东西 (物品 / 方向: a thing, or east-west)
and 杜鹃 (鸟 / 花: the cuckoo or the azalea), eight sentences per sense, and the
same clue-before / clue-after design (sixteen per sense). A Chinese word is
found by its characters, inside longer words too (苹果手机, 杜鹃花).
Pass ``language="zh"`` to :func:`bundled_words` and :func:`clue_order`;
:func:`load` finds a word in either language.
"""

from __future__ import annotations

import csv
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from . import bundled_text
from .._text import read_lines
from ..errors import InputError, VizkitWarning

__all__ = ["SentenceSet", "LANGUAGES", "bundled_words", "bundled_anchors", "load", "clue_order", "CLUE_ORDERS", "read_sentence_file", "parse_lines", "to_lines", "from_list"]


class DuplicateSentenceWarning(VizkitWarning):
    """Repeated sentences were dropped."""


@dataclass
class SentenceSet:
    """Sentences that contain ``word``, with an optional sense label for each."""

    word: str
    sentences: list[str]
    senses: list[str | None] = field(default_factory=list)

    def __post_init__(self):
        if not self.senses:
            self.senses = [None] * len(self.sentences)
        if len(self.senses) != len(self.sentences):
            raise InputError(f"{len(self.senses)} senses for {len(self.sentences)} sentences")
        if not self.sentences:
            raise InputError(f"no sentences for {self.word!r}")

    def __len__(self) -> int:
        return len(self.sentences)

    @property
    def sense_names(self) -> list[str]:
        return list(dict.fromkeys(s for s in self.senses if s is not None))


#: the languages of the bundled sentence sets, and the suffix of their files
LANGUAGES = {"en": "", "zh": "_zh"}


def _rows(name: str = "polysemy", language: str | None = "en"):
    """The rows of the bundled ``<name>.tsv`` (English), ``<name>_zh.tsv`` (Chinese), or both (``None``)."""
    if language is not None and language not in LANGUAGES:
        raise InputError(f"language must be one of {', '.join(LANGUAGES)} or None; got {language!r}")
    rows = []
    for lang in LANGUAGES if language is None else [language]:
        text = bundled_text(f"{name}{LANGUAGES[lang]}.tsv")
        rows.extend(csv.DictReader(text.splitlines(), delimiter="\t"))
    return rows


def bundled_words(language: str | None = "en") -> list[str]:
    """The polysemous words that ship with vizkit: English (default), Chinese (``"zh"``) or all (``None``)."""
    return list(dict.fromkeys(r["word"] for r in _rows(language=language)))


def bundled_anchors(word: str) -> dict[str, list[str]]:
    """Anchor words of each sense of a bundled word (``{"money": ["money", "loan", ...], ...}``).

    They are drawn as faint reference points in the animation. Empty for a word
    that is not bundled.
    """
    word = word.lower().strip()
    return {r["sense"]: r["anchors"].split(",") for r in _rows("anchors") if r["word"] == word}


def load(word: str) -> SentenceSet:
    """The bundled sentences of ``word`` with their senses."""
    rows = [r for r in _rows(language=None) if r["word"] == word.lower().strip()]
    if not rows:
        raise InputError(f"no bundled sentences for {word!r}; bundled words: {', '.join(bundled_words(None))}. "
                         "Pass your own sentences instead.")
    return SentenceSet(word.lower().strip(), [r["sentence"] for r in rows], [r["sense"] for r in rows])


CLUE_ORDERS = ("after", "before")
"""Where the clue to the sense stands in the clue-order sentences: after the word, or before it."""


def clue_order(word: str | None = None, *, language: str | None = "en") -> dict[str, SentenceSet] | list[str]:
    """The clue-order sentences of ``word``: ``{"after": SentenceSet, "before": SentenceSet}``.

    Without a word, the words that have them in ``language``: ``["bank", "bat", "mouse"]``
    (English, the default), ``["苹果", "打", "东西", "杜鹃"]`` (``"zh"``), or both (``None``).
    A word is looked for in both languages.
    """
    if word is None:
        return list(dict.fromkeys(r["word"] for r in _rows("clue_order", language)))
    word = word.lower().strip()
    rows = [r for r in _rows("clue_order", None) if r["word"] == word]
    if not rows:
        raise InputError(f"no clue-order sentences for {word!r}; they exist for "
                         f"{', '.join(clue_order(language=None))}")
    return {clue: SentenceSet(word, [r["sentence"] for r in rows if r["clue"] == clue],
                              [r["sense"] for r in rows if r["clue"] == clue]) for clue in CLUE_ORDERS}


def _dedupe(word, sentences, senses) -> SentenceSet:
    seen, keep_s, keep_t, dropped = set(), [], [], 0
    for sent, sense in zip(sentences, senses):
        key = " ".join(sent.split()).lower()
        if key in seen:
            dropped += 1
            continue
        seen.add(key)
        keep_s.append(sent)
        keep_t.append(sense)
    if dropped:
        warnings.warn(f"{dropped} repeated sentence(s) dropped", DuplicateSentenceWarning, stacklevel=3)
    return SentenceSet(word, keep_s, keep_t)


def from_list(word: str, sentences: Sequence[str], senses: Sequence[str | None] | None = None) -> SentenceSet:
    """A sentence set from Python lists; blank sentences are refused, repeats dropped with a warning."""
    sentences = [str(s).strip() for s in sentences]
    if senses is None:
        senses = [None] * len(sentences)
    if len(senses) != len(sentences):
        raise InputError(f"{len(senses)} senses for {len(sentences)} sentences")
    pairs = [(s, t) for s, t in zip(sentences, senses) if s]
    if not pairs:
        raise InputError("the sentence list is empty")
    return _dedupe(word, [p[0] for p in pairs], [p[1] for p in pairs])


def parse_lines(lines: Sequence[str], word: str, *, separators: Sequence[str] = ("\t",),
                where: str = "the sentence list") -> SentenceSet:
    """Sentences from ``sense<SEP>sentence`` lines (the sense is optional).

    The first separator of ``separators`` found in a line splits it (the file
    format uses a tab; the player's text box also accepts ``sense | sentence``).
    Blank lines and lines starting with ``#`` are skipped.
    """
    sentences, senses = [], []
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        sep = next((s for s in separators if s in line), None)
        if sep is not None:
            sense, sent = line.split(sep, 1)
            sense = sense.strip() or None
        else:
            sense, sent = None, line
        sentences.append(sent.strip())
        senses.append(sense)
    if not sentences:
        forms = " or ".join("'sense<TAB>sentence'" if sep == "\t" else f"'sense {sep} sentence'" for sep in separators)
        raise InputError(f"{where} has no sentences (expected {forms} lines)")
    return from_list(word, sentences, senses)


def to_lines(sentences: SentenceSet, separator: str = "\t") -> list[str]:
    """The inverse of :func:`parse_lines`: one ``sense<SEP>sentence`` line per sentence."""
    return [f"{sense}{separator}{sent}" if sense else sent for sent, sense in zip(sentences.sentences, sentences.senses)]


def read_sentence_file(path: str | Path, word: str) -> SentenceSet:
    """Read ``sense<TAB>sentence`` lines (the sense is optional: a line without a tab is a bare sentence).

    Blank lines and lines starting with ``#`` are skipped. The file must be
    UTF-8 (a byte-order mark is fine); otherwise an :class:`~vizkit.errors.InputError`
    names the line and the byte.
    """
    return parse_lines(read_lines(path, what="sentence file"), word, where=f"sentence file {path}")
