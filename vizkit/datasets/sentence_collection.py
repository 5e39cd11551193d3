"""The bundled sentence collection: 60 sentences with a topic each, for the sentence-embedding notebook."""

from __future__ import annotations

import csv
from dataclasses import dataclass

from . import bundled_text


@dataclass
class Collection:
    """Sentences with a topic label each."""

    sentences: list[str]
    topics: list[str]


def collection() -> Collection:
    """The bundled collection: 60 sentences, 10 each on sports, cooking, technology, animals, weather, finance."""
    text = bundled_text("sentences.tsv")
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t"))
    return Collection([r["sentence"] for r in rows], [r["topic"] for r in rows])
