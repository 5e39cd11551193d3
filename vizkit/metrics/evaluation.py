"""Intrinsic evaluation: word similarity (WordSim-353, SimLex-999) and the Google analogy set.

The data sets are the copies shipped inside gensim's wheel (``gensim/test/test_data``).
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import MissingDependencyError

__all__ = ["dataset_path", "similarity_pairs", "word_similarity", "analogies", "evaluate", "evaluation_table",
           "evaluation_figure", "Score"]


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


def similarity_pairs(source, name: str = "wordsim353.tsv"):
    """The pairs of a word-similarity set the source covers: a DataFrame with a, b, human, cosine."""
    import pandas as pd

    rows = [(a, b, gold, source.similarity(a, b)) for a, b, gold in _pairs(name) if a in source and b in source]
    return pd.DataFrame(rows, columns=["a", "b", "human", "cosine"])


def word_similarity(source, name: str = "wordsim353.tsv") -> Score:
    """Spearman correlation between cosine similarities and human ratings."""
    from scipy.stats import spearmanr

    df = similarity_pairs(source, name)
    rho = float(spearmanr(df["cosine"], df["human"]).statistic) if len(df) > 2 else float("nan")
    return Score(name.split(".")[0], rho, len(df), len(_pairs(name)))


def analogies(source, *, restrict_vocab: int = 30000, batch: int = 512) -> Score:
    """Accuracy on the Google analogy set (``questions-words.txt``), 3CosAdd.

    Like word2vec's ``compute-accuracy`` and gensim, only questions whose four
    words are among the ``restrict_vocab`` most frequent ones are asked, and
    the answer is searched among those words with the three question words
    excluded.
    """
    words = list(source.words[:restrict_vocab])
    index = {w: i for i, w in enumerate(words)}
    unit = source.unit_matrix()[: len(words)]
    questions, syntactic, total, section = [], [], 0, ""
    for line in dataset_path("questions-words.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith(":"):
            section = line[1:].strip()
            continue
        if not line.strip():
            continue
        total += 1
        q = [w.lower() for w in line.split()]
        if len(q) == 4 and all(w in index for w in q):
            questions.append([index[w] for w in q])
            syntactic.append(section.startswith("gram"))  # gram1..gram9: plural, tense, ...; the rest semantic
    if not questions:
        return Score("analogy", float("nan"), 0, total)
    q = np.asarray(questions)
    right = np.zeros(len(q), dtype=bool)
    for start in range(0, len(q), batch):
        chunk = q[start : start + batch]
        target = unit[chunk[:, 1]] - unit[chunk[:, 0]] + unit[chunk[:, 2]]
        scores = target @ unit.T
        rows = np.arange(len(chunk))[:, None]
        scores[rows, chunk[:, :3]] = -np.inf
        right[start : start + batch] = scores.argmax(axis=1) == chunk[:, 3]
    syn = np.asarray(syntactic)
    parts = {"semantic": right[~syn], "syntactic": right[syn]}
    extra = {"restrict_vocab": restrict_vocab,
             **{k: float(v.mean()) if len(v) else float("nan") for k, v in parts.items()},
             **{f"{k}_asked": len(v) for k, v in parts.items()}}
    return Score("analogy", float(right.mean()), len(q), total, extra)


def evaluate(source) -> list[Score]:
    """WordSim-353, SimLex-999 and analogy scores of a source."""
    return [word_similarity(source, "wordsim353.tsv"), word_similarity(source, "simlex999.txt"), analogies(source)]


def evaluation_table(sources: dict):
    """``{name: source}`` -> a DataFrame with one row per source: the three scores and their coverage."""
    import pandas as pd

    rows = []
    for name, source in sources.items():
        ws, sl, an = evaluate(source)
        rows.append({"source": name, "WordSim-353": ws.value, "SimLex-999": sl.value, "analogy": an.value,
                     "analogy semantic": an.extra.get("semantic"), "analogy syntactic": an.extra.get("syntactic"),
                     "pairs covered": f"{ws.covered}/{ws.total}, {sl.covered}/{sl.total}",
                     "analogies asked": f"{an.covered}/{an.total}"})
    return pd.DataFrame(rows)


def evaluation_figure(table):
    """A grouped bar chart of :func:`evaluation_table` (plotly Figure)."""
    import plotly.graph_objects as go

    metrics = ["WordSim-353", "SimLex-999", "analogy semantic", "analogy syntactic"]
    fig = go.Figure([go.Bar(name=row["source"], x=metrics, y=[row[m] for m in metrics],
                            text=[f"{row[m]:.2f}" for m in metrics], textposition="outside")
                     for _, row in table.iterrows()])
    fig.update_layout(barmode="group", template="plotly_white", yaxis=dict(title="Spearman ρ / accuracy",
                      range=[0, 1]), title="Intrinsic evaluation: higher is better")
    return fig
