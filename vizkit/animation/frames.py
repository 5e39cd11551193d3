"""Frames of the static-to-contextual animation, computed without any plotting library.

Frame 0 is the static stage: one vector for the word whatever the sentence, so
every occurrence sits on one point. Frames 1.. are the transformer's layers
0..L, one point per occurrence. All frames share one 2-D map: each layer's
occurrence vectors are centred on their layer mean and scaled to unit mean
norm (so that layers whose vectors live far apart are comparable), one
projection is fitted on all layers together, and every layer is placed into it.
Nothing spins or jumps; the static point is the centre of the map, from where
it visibly splits into its occurrences.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np

from ..errors import InputError
from ..separation import sense_separation

__all__ = ["Frame", "FrameSet", "polysemy_frames", "highlight"]


@dataclass
class Frame:
    name: str
    layer: int | None  # None for the static stage
    coords: np.ndarray  # (n_occurrences, 2)
    separation: dict  # within_sense_cos, across_sense_cos, separation (original space)


@dataclass
class FrameSet:
    """Everything a renderer needs: frames, and per-occurrence identity and text."""

    word: str
    model: str
    static_source: str
    frames: list[Frame]
    senses: list[str]
    sentences: list[str]
    spans: list[tuple[int, int]]
    extent: np.ndarray = field(default=None)  # [[xmin, ymin], [xmax, ymax]] with a margin

    @property
    def n_occurrences(self) -> int:
        return len(self.senses)

    def metrics(self) -> list[dict]:
        """One row per frame: frame, layer, within_sense_cos, across_sense_cos, separation."""
        return [{"frame": i, "layer": "static" if f.layer is None else f.layer, **f.separation}
                for i, f in enumerate(self.frames)]


def highlight(sentence: str, start: int, end: int) -> str:
    """The sentence HTML-escaped, with the target word in bold."""
    return (html.escape(sentence[:start]) + "<b>" + html.escape(sentence[start:end]) + "</b>"
            + html.escape(sentence[end:]))


def _normalise(X: np.ndarray) -> np.ndarray:
    X = X - X.mean(axis=0)
    scale = np.linalg.norm(X, axis=1).mean()
    return X / (scale if scale > 0 else 1.0)


def polysemy_frames(word: str, sentences, senses=None, *, llm=None, static: str = "llm", method: str = "pca",
                    random_state: int = 0) -> FrameSet:
    """Compute the animation frames for ``word`` in ``sentences``.

    Parameters
    ----------
    word : str
    sentences : sequence of str
    senses : sequence of str, optional
        One sense label per sentence; needed for the separation score (at least two senses).
    llm : vizkit.sources.LLM, optional
        Default: the bundled all-MiniLM-L6-v2.
    static : {"llm", "glove", "word2vec", "fasttext"}
        Which static vector the first frame stands for. Every choice gives one
        point shared by all occurrences (separation 0 by construction); the name
        is shown in the frame title.
    method : {"pca", "tsne", "umap"}
        Projection of the shared map (t-SNE/UMAP place each layer into a map
        fitted on all layers).
    """
    from ..projection import StableMap
    from ..sources import LLM

    llm = llm if llm is not None else LLM()
    if senses is None:
        senses = [None] * len(sentences)
    occ = llm.contextual(word, sentences, senses=list(senses))
    layers = sorted(set(occ.meta["layer"]))
    first = occ.where(layer=layers[0])
    occ_senses = ["" if s is None else str(s) for s in first.meta["sense"]]
    if len(set(occ_senses)) < 2:
        raise InputError(f"the animation needs sentences of at least two senses of {word!r}; "
                         f"got {sorted(set(occ_senses)) or 'no sense labels'}")
    per_layer = [occ.where(layer=l) for l in layers]
    normed = [_normalise(p.vectors.astype(np.float64)) for p in per_layer]
    n = len(first)
    params = {"random_state": random_state}
    if method == "pca":
        params["normalize"] = False
    smap = StableMap(method, **params).fit(np.vstack(normed))
    frames = []
    static_name = {"llm": f"{llm.name} input embedding"}.get(static, static)
    if static != "llm":
        from ..sources import get_source

        get_source(static).vector(word)  # a clear UnknownWordError when the static source lacks the word
    origin = np.zeros((n, 2))
    zero_sep = sense_separation(np.ones((n, 1)), occ_senses)
    frames.append(Frame(f"static ({static_name})", None, origin, zero_sep))
    coords_all = smap.reference_.reshape(len(layers), n, 2)
    for l, part, xy in zip(layers, per_layer, coords_all):
        frames.append(Frame(f"layer {l}", int(l), xy, sense_separation(part.vectors, occ_senses)))
    allxy = np.vstack([f.coords for f in frames])
    lo, hi = allxy.min(axis=0), allxy.max(axis=0)
    pad = 0.08 * np.maximum(hi - lo, 1e-9)
    return FrameSet(
        word=word, model=llm.name, static_source=static, frames=frames, senses=occ_senses,
        sentences=list(first.meta["sentence"]),
        spans=list(zip(first.meta["char_start"], first.meta["char_end"])),
        extent=np.stack([lo - pad, hi + pad]),
    )

