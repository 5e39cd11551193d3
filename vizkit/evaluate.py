"""Intrinsic evaluation: word similarity (WordSim-353, SimLex-999) and the Google analogy set.

The data sets are the copies shipped inside gensim's wheel (``gensim/test/test_data``).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import MissingDependencyError

__all__ = ["dataset_path", "word_similarity", "analogies", "evaluate", "Score"]


def dataset_path(name: str) -> Path:
    """Path of an evaluation file in gensim's test data (no gensim import needed)."""
    spec = importlib.util.find_spec("gensim")
    if spec is None or not spec.submodule_search_locations:
        raise MissingDependencyError(
            "the evaluation sets come with gensim: pip install 'vizkit[word2vec]'"
        )
    path = Path(list(spec.submodule_search_locations)[0]) / "test" / "test_data" / name
    if not path.exists():
        raise FileNotFoundError(f"{name} is not in gensim's test data at {path}")
    return path


@dataclass
class Score:
    """One evaluation result: the score, and how much of the set the source covered."""

    name: str
    value: float
    covered: int
    total: int
    extra: dict = field(default_factory=dict)

    @property
    def coverage(self) -> float:
        return self.covered / self.total if self.total else 0.0


def _pairs(name: str):
    path = dataset_path(name)
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        try:
            out.append((parts[0].lower(), parts[1].lower(), float(parts[2])))
        except (IndexError, ValueError):
            continue  # header lines
    return out


def word_similarity(source, name: str = "wordsim353.tsv") -> Score:
    """Spearman correlation between cosine similarities and human ratings."""
    from scipy.stats import spearmanr

    pairs = _pairs(name)
    model, human = [], []
    for a, b, gold in pairs:
        if a in source and b in source:
            model.append(source.similarity(a, b))
            human.append(gold)
    rho = float(spearmanr(model, human).statistic) if len(model) > 2 else float("nan")
    return Score(name.split(".")[0], rho, len(model), len(pairs))


def analogies(source, *, restrict_vocab: int = 30000, batch: int = 512) -> Score:
    """Accuracy on the Google analogy set (``questions-words.txt``), 3CosAdd.

    Like word2vec's ``compute-accuracy`` and gensim, only questions whose four
    words are among the ``restrict_vocab`` most frequent ones are asked, and
    the answer is searched among those words with the three question words
    excluded.
    """
    words = list(source.words[:restrict_vocab])
    index = {w: i for i, w in enumerate(words)}
    unit = source._unit()[: len(words)]
    questions, total = [], 0
    for line in dataset_path("questions-words.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith(":") or not line.strip():
            continue
        total += 1
        q = [w.lower() for w in line.split()]
        if len(q) == 4 and all(w in index for w in q):
            questions.append([index[w] for w in q])
    if not questions:
        return Score("analogy", float("nan"), 0, total)
    q = np.asarray(questions)
    correct = 0
    for start in range(0, len(q), batch):
        chunk = q[start : start + batch]
        target = unit[chunk[:, 1]] - unit[chunk[:, 0]] + unit[chunk[:, 2]]
        scores = target @ unit.T
        rows = np.arange(len(chunk))[:, None]
        scores[rows, chunk[:, :3]] = -np.inf
        correct += int((scores.argmax(axis=1) == chunk[:, 3]).sum())
    return Score("analogy", correct / len(q), len(q), total, {"restrict_vocab": restrict_vocab})


def evaluate(source) -> list[Score]:
    """WordSim-353, SimLex-999 and analogy scores of a source."""
    return [word_similarity(source, "wordsim353.tsv"), word_similarity(source, "simlex999.txt"), analogies(source)]
