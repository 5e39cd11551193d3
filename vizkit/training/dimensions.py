"""Dimensions trade off (seed 000): the same Word2Vec trained at several widths, measured side by side.

More dimensions give a vector room for more distinctions, and cost training time and memory; on a small corpus
the extra room is not filled. :func:`dimension_sweep` trains the same model (same corpus, window, epochs and
seed) at each width through the Word2Vec source, so every model is cached and a second sweep trains nothing, and
scores each one with notebook 08's evaluation (WordSim-353, SimLex-999, the Google analogies) and the tracked
word groups' separation. :meth:`DimensionSweep.figure` draws the scores and the time against the width,
:meth:`DimensionSweep.maps` the same words' 2-D map at each width.

Examples
--------
>>> from vizkit.training import dimension_sweep
>>> corpus = [["two", "three", "four", "red", "blue", "green"], ["red", "green", "two", "four"]] * 100
>>> sweep = dimension_sweep(corpus, dims=(4, 8), groups={"n": ["two", "three", "four"], "c": ["red", "blue",
...                         "green"]}, min_count=1, epochs=2, progress=False)
>>> sweep.table["dimensions"].tolist()
[4, 8]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from ..metrics.separation import sense_separation

__all__ = ["DIMENSIONS", "DimensionSweep", "dimension_sweep"]

#: the widths of the sweep: from too narrow to more than a small corpus can fill
DIMENSIONS = (10, 25, 50, 100, 200)


@dataclass
class DimensionSweep:
    """What :func:`dimension_sweep` measured: one row per width, and the tracked words' map at each."""

    table: "object"  # pandas DataFrame: dimensions, seconds, WordSim-353, SimLex-999, analogy, separation, vocabulary
    words: list[str]
    groups: list[str]  # the group of each word
    coords: dict  # width -> (len(words), 2) PCA of the words' vectors

    def figure(self, lang: str | None = None):
        """The scores and the training time against the width (a log axis), as a plotly figure."""
        import plotly.graph_objects as go
        from plotly.subplots import make_subplots

        from ..render.language import t

        df = self.table
        fig = make_subplots(rows=1, cols=2, subplot_titles=(t("figure.sweep.scores", lang),
                                                            t("figure.sweep.seconds", lang)))
        for col in ("WordSim-353", "SimLex-999", "analogy", "separation"):
            fig.add_trace(go.Scatter(x=df["dimensions"], y=df[col], mode="lines+markers", name=col), row=1, col=1)
        fig.add_trace(go.Bar(x=df["dimensions"].astype(str), y=df["seconds"], name=t("figure.sweep.seconds", lang),
                             showlegend=False), row=1, col=2)
        fig.update_xaxes(type="log", tickvals=df["dimensions"], title_text=t("figure.sweep.width", lang), row=1, col=1)
        fig.update_xaxes(title_text=t("figure.sweep.width", lang), row=1, col=2)
        fig.update_layout(title=t("figure.sweep.title", lang), height=420, template="plotly_white")
        return fig

    def maps(self, lang: str | None = None):
        """The tracked words at each width, one 2-D PCA panel each, coloured by group."""
        import plotly.graph_objects as go
        from plotly.subplots import make_subplots

        from ..plot import PALETTE_20
        from ..render.language import t

        dims = list(self.coords)
        fig = make_subplots(rows=1, cols=len(dims), subplot_titles=[t("figure.sweep.panel", lang, d=d) for d in dims])
        names = list(dict.fromkeys(self.groups))
        for j, d in enumerate(dims):
            xy = self.coords[d]
            for g, name in enumerate(names):
                rows = [i for i, x in enumerate(self.groups) if x == name]
                fig.add_trace(go.Scatter(x=xy[rows, 0], y=xy[rows, 1], mode="markers+text", name=name,
                                         text=[self.words[i] for i in rows], textposition="top center",
                                         marker={"color": PALETTE_20[g % len(PALETTE_20)], "size": 7},
                                         legendgroup=name, showlegend=j == 0), row=1, col=j + 1)
        fig.update_xaxes(showticklabels=False)
        fig.update_yaxes(showticklabels=False)
        fig.update_layout(title=t("figure.sweep.maps", lang), height=380, template="plotly_white")
        return fig


def dimension_sweep(corpus=None, dims=DIMENSIONS, *, groups: dict | None = None, seed: int = 0,
                    progress: bool = True, **params) -> DimensionSweep:
    """Train the same Word2Vec at each width in ``dims`` and measure it.

    Parameters
    ----------
    corpus : list of token lists, optional
        Default: :func:`~vizkit.training.training_corpus` (400,000 words of the bundled English corpus).
    dims : sequence of int
        The widths, :data:`DIMENSIONS` by default.
    groups : dict name -> words, default :data:`~vizkit.training.TRACKED_GROUPS`
        The words of the maps and of the separation score.
    seed : int
    progress : bool
    **params
        gensim's training parameters; default :data:`~vizkit.training.LIVE_TRAIN_DEFAULTS` with 5 epochs.

    Returns
    -------
    DimensionSweep
        ``table`` has one row per width: ``seconds`` (the training's, measured when the model was trained and
        kept with it in the cache), the three evaluation scores, ``separation`` (mean cosine within the groups
        minus across them) and ``vocabulary``.
    """
    import pandas as pd
    from sklearn.decomposition import PCA

    from ..metrics.evaluation import evaluate
    from ..sources import Word2Vec
    from .run import LIVE_TRAIN_DEFAULTS, TRACKED_GROUPS, training_corpus

    dims = [int(d) for d in dims]
    if not dims or min(dims) < 2 or len(set(dims)) != len(dims):
        raise InputError(f"dims must be distinct widths of at least 2; got {dims}")
    if "vector_size" in params:
        raise InputError("the sweep sets vector_size itself: give the widths as dims")
    params = {**LIVE_TRAIN_DEFAULTS, "epochs": 5, **params}
    params.pop("vector_size")
    sentences = training_corpus(progress=progress) if corpus is None else corpus
    groups = TRACKED_GROUPS if groups is None else groups
    rows, coords, words, names = [], {}, None, None
    for d in dims:
        source = Word2Vec(corpus=sentences, vector_size=d, seed=seed, progress=progress, **params)
        if words is None:
            pairs = [(w, g) for g, ws in groups.items() for w in ws if w in source]
            if len({g for _, g in pairs}) < 2:
                raise InputError("fewer than two of the groups' words are in the vocabulary: nothing to separate")
            words, names = [w for w, _ in pairs], [g for _, g in pairs]
        ws, sl, an = evaluate(source)
        V = np.stack([source.vector(w) for w in words])
        rows.append({"dimensions": d, "seconds": source.train_seconds, "WordSim-353": ws.value,
                     "SimLex-999": sl.value, "analogy": an.value,
                     "separation": sense_separation(V, names)["separation"], "vocabulary": source.vocab_size})
        coords[d] = PCA(n_components=2, random_state=seed).fit_transform(V)
    return DimensionSweep(pd.DataFrame(rows), words, names, coords)
