"""Ready-made word groups for maps (the birds / countries / cities figure of the seed chapter)."""

from __future__ import annotations

from typing import Sequence

from ..vectors import LabelledVectors

GROUPS: dict[str, list[str]] = {
    "birds": ["sparrow", "eagle", "pigeon", "owl", "parrot", "crow", "swan", "hawk", "robin", "duck"],
    "countries": ["germany", "france", "italy", "spain", "china", "japan", "india", "brazil", "canada", "egypt"],
    "cities": ["berlin", "paris", "rome", "madrid", "beijing", "tokyo", "delhi", "london", "toronto", "cairo"],
    "professions": ["doctor", "nurse", "teacher", "lawyer", "engineer", "farmer", "pilot", "chef", "scientist",
                    "soldier"],
    "emotions": ["happy", "sad", "angry", "afraid", "joy", "fear", "anger", "love", "hate", "surprise"],
    "fruits": ["apple", "banana", "orange", "grape", "mango", "pear", "cherry", "lemon", "peach", "melon"],
    "numbers": ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
}

#: the groups of the seed chapter's figure
DEFAULT_GROUPS = ("birds", "countries", "cities")


def words_of(groups: Sequence[str] = DEFAULT_GROUPS) -> tuple[list[str], list[str]]:
    """(words, group of each word) for the named groups."""
    words, names = [], []
    for g in groups:
        if g not in GROUPS:
            raise ValueError(f"unknown word group {g!r}; choose from: {', '.join(GROUPS)}")
        words += GROUPS[g]
        names += [g] * len(GROUPS[g])
    return words, names


def group_vectors(source, groups: Sequence[str] = DEFAULT_GROUPS, *, on_unknown: str = "warn") -> LabelledVectors:
    """Vectors of the group words from ``source`` with a ``group`` metadata column."""
    words, names = words_of(groups)
    of = dict(zip(words, names))
    lv = source.vectors(words, on_unknown=on_unknown)
    return lv.with_meta(group=[of[w] for w in lv.labels])
