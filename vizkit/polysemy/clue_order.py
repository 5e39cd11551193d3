"""The decisive encoder-vs-decoder experiment: does the model separate the senses when the clue comes after the word?

At the position of *bank* in "Yesterday the bank approved my loan application."
a left-to-right decoder has read "Yesterday the bank" and nothing else: the clue
(*loan*) is still to come. A bidirectional encoder reads the whole sentence at
every position. The bundled clue-order sentences
(:func:`vizkit.datasets.sentence_sets.clue_order`) give, for bank, bat and
mouse, eight sentences per sense with the clue after the word (the two senses'
sentences share the words up to the target) and eight with the clue before it.

For each model, word and clue order the experiment measures the sense
separation of the word's occurrences at every layer (mean cosine within senses
minus across, in the model's own space; :func:`vizkit.metrics.sense_separation`)
and reports the best layer. The expected picture, measured on the bundled
models: the encoder separates the senses either way; the decoder separates them
only when the clue is on the left, and not at all (separation <= 0) when it is
on the right.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Sequence

from ..errors import InputError
from .side_by_side import _llm, default_models

__all__ = ["ClueOrder", "clue_order_experiment"]


@dataclass
class ClueOrder:
    """The experiment's results: one row per model, word and clue order."""

    rows: list[dict] = field(default_factory=list)

    def table(self) -> list[dict]:
        """model, reads, word, clue, best_layer, best_separation, n_layers (the per-layer curve left out)."""
        return [{k: v for k, v in r.items() if k != "per_layer"} for r in self.rows]

    def best(self, model: str, clue: str, word: str | None = None) -> list[float]:
        """The best-layer separations of ``model`` for ``clue`` ("after" or "before"), one per word."""
        return [r["best_separation"] for r in self.rows
                if r["model"] == model and r["clue"] == clue and (word is None or r["word"] == word)]

    def to_markdown(self) -> str:
        """The table as Markdown: one row per model and word, the clue-after and clue-before separations."""
        lines = ["| model | reads | word | clue after | clue before |", "|---|---|---|---|---|"]
        seen = list(dict.fromkeys((r["model"], r["reads"], r["word"]) for r in self.rows))
        for model, reads, word in seen:
            after, before = (self.best(model, clue, word)[0] for clue in ("after", "before"))
            lines.append(f"| {model} | {reads} | {word} | {after:+.3f} | {before:+.3f} |")
        return "\n".join(lines)

    def figure(self):
        """Plotly: each model's separation per layer (x: relative depth), solid clue before, dashed clue after."""
        import plotly.graph_objects as go

        from ..plot import group_colours

        fig = go.Figure()
        colours = group_colours(list(dict.fromkeys(r["word"] for r in self.rows)))
        models = list(dict.fromkeys(r["model"] for r in self.rows))
        for r in self.rows:
            n = len(r["per_layer"]) - 1
            fig.add_trace(go.Scatter(
                x=[l / n for l in range(n + 1)], y=r["per_layer"], mode="lines+markers",
                name=html.escape(f"{r['word']}, clue {r['clue']} ({r['model']})"),
                legendgroup=r["model"], legendgrouptitle_text=html.escape(r["model"]),
                line=dict(color=colours[r["word"]], dash="dot" if r["clue"] == "after" else "solid"),
                marker=dict(symbol="circle" if models.index(r["model"]) == 0 else "square", size=6)))
        fig.add_hline(y=0, line=dict(color="#999", width=1))
        fig.update_layout(
            title="Sense separation per layer: clue before the word (solid) or after it (dotted)",
            xaxis_title="relative depth (0: embedding layer, 1: last layer)",
            yaxis_title="sense separation (within − across)", template="plotly_white", height=480)
        return fig


def clue_order_experiment(words: Sequence[str] | None = None, *, models=None,
                          progress: bool = False) -> ClueOrder:
    """Run the clue-before / clue-after experiment on the bundled sentences.

    Parameters
    ----------
    words : sequence of str, optional
        Words with clue-order sentences; default all of them (bank, bat, mouse).
    models : sequence of str or LLM, optional
        Names, folders or :class:`~vizkit.sources.LLM` objects. Default MiniLM and SmolLM2,
        or for Chinese words M3E-small and Gemma 3 270M.

    Returns
    -------
    ClueOrder
        One row per model, word and clue: ``model``, ``reads`` ("both ways" or
        "left to right"), ``word``, ``clue``, ``best_layer`` and
        ``best_separation`` (over layers 1..L; layer 0 has no context),
        ``n_layers`` and ``per_layer`` (layers 0..L).
    """
    from ..datasets.sentence_sets import CLUE_ORDERS, clue_order
    from ..metrics.separation import layer_separation

    words = clue_order() if words is None else [w.lower().strip() for w in words]
    sets = {w: clue_order(w) for w in words}
    llms = [_llm(m) for m in (default_models("".join(words)) if models is None else models)]
    if not llms:
        raise InputError("give at least one model")
    rows = []
    for llm in llms:
        reads = "left to right" if llm.causal else "both ways"
        for w in words:
            for clue in CLUE_ORDERS:
                s = sets[w][clue]
                occ = llm.contextual(w, s.sentences, senses=s.senses, progress=progress)
                per_layer = [r["separation"] for r in layer_separation(occ)]
                best = max(range(1, len(per_layer)), key=lambda l: per_layer[l])
                rows.append({"model": llm.name, "reads": reads, "word": w, "clue": clue, "best_layer": best,
                             "best_separation": per_layer[best], "n_layers": len(per_layer) - 1,
                             "per_layer": per_layer})
    return ClueOrder(rows)
