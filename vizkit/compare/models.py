"""The same words under several models (GloVe, Word2Vec, an LLM's static embeddings), comparable point by point.

Each model's vectors have their own dimension and their own axes, so their maps
cannot be overlaid as they come. :func:`compare_models` maps each model on its
own (PCA, t-SNE or UMAP, seeded, through the map cache), scales each map to a
unit root-mean-square radius, and rotates every map onto the first model's (the
reference) by orthogonal Procrustes over shared anchor words
(:func:`~vizkit.projection.procrustes_align`). A word's distance between two
aligned maps is how far the models disagree about where it belongs.

The maps are pictures; the agreement is measured in the vectors: for each word,
the share of its ``k`` nearest neighbours (cosine, among the compared words)
in a model that are also its ``k`` nearest in the reference. 1 everywhere for
a model compared with itself.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np

from ..errors import InputError, UnknownWordWarning

__all__ = ["ModelMaps", "compare_models"]


@dataclass
class ModelMaps:
    """Aligned maps of ``words`` under ``models`` (the first is the reference).

    Attributes
    ----------
    words : list of str
        The words every model knows, in the order given.
    models : list of str
    coords : ndarray of shape (n_models, n_words, 2)
        Each model's map, centred, scaled to unit RMS radius, rotated onto the reference's.
    agreement : ndarray of shape (n_models, n_words)
        Per word, the share of its ``k`` nearest neighbours in that model that are also its nearest in
        the reference (1 for the reference itself).
    anchors : list of str
        The words the rotations were fitted on.
    """

    words: list[str]
    models: list[str]
    coords: np.ndarray
    agreement: np.ndarray
    k: int
    method: str
    anchors: list[str] = field(default_factory=list)

    @property
    def moved(self) -> np.ndarray:
        """ndarray of shape (n_models, n_words): each word's distance from its place on the reference map."""
        return np.linalg.norm(self.coords - self.coords[0], axis=2)

    def table(self):
        """One row per model and word: ``model, word, x, y, moved, agreement`` (a pandas DataFrame)."""
        import pandas as pd

        n = len(self.words)
        return pd.DataFrame({
            "model": np.repeat(self.models, n), "word": self.words * len(self.models),
            "x": self.coords[:, :, 0].ravel(), "y": self.coords[:, :, 1].ravel(),
            "moved": self.moved.ravel(), "agreement": self.agreement.ravel(),
        })


def _scaled(coords: np.ndarray) -> np.ndarray:
    centred = coords - coords.mean(axis=0)
    rms = np.sqrt((centred ** 2).sum(axis=1).mean())
    return centred / (rms if rms > 0 else 1.0)


def compare_models(sources, words: Sequence[str], *, method: str = "pca", anchors: Sequence[str] | None = None,
                   n_neighbors: int = 10, random_state: int = 0, **params) -> ModelMaps:
    """Map ``words`` under every model of ``sources`` and align the maps onto the first one's.

    Parameters
    ----------
    sources : mapping of name to Source, or sequence of Source
        The models (a :class:`~vizkit.sources.Source` each: ``GloVe()``, ``Word2Vec()``, ``LLM().static``...);
        the first is the reference. Names default to each source's ``name``.
    words : sequence of str
        Words missing from any model are left out, with one :class:`~vizkit.errors.UnknownWordWarning`.
    method : {"pca", "tsne", "umap"}
        How each model is mapped on its own (seeded; maps come from the map cache when made before).
    anchors : sequence of str, optional
        Words the rotations are fitted on (default: all the words).
    n_neighbors : int, default 10
        ``k`` of the agreement.

    Returns
    -------
    ModelMaps

    Examples
    --------
    >>> from vizkit.sources import GloVe
    >>> g = GloVe()
    >>> same = compare_models({"a": g, "b": g}, ["king", "queen", "man", "woman", "paris", "france"], n_neighbors=2)
    >>> same.agreement.min(), float(same.moved.max()) < 1e-9
    (1.0, True)
    """
    from ..projection import get_projector, kept_neighbours, nearest_neighbours, procrustes_align
    from ..projection.cache import fit_cached

    named = dict(sources) if isinstance(sources, Mapping) else {getattr(s, "name", f"model {i + 1}"): s
                                                                for i, s in enumerate(sources)}
    if len(named) < 2:
        raise InputError(f"comparing models needs at least two; got {len(named)}")
    known = [w for w in dict.fromkeys(words) if all(w in src for src in named.values())]
    missing = [w for w in dict.fromkeys(words) if w not in known]
    if missing:
        warnings.warn(f"left out {len(missing)} word(s) not known to every model: {', '.join(missing[:10])}",
                      UnknownWordWarning, stacklevel=2)
    k = int(n_neighbors)
    if len(known) < max(4, k + 1):
        raise InputError(f"comparing models needs at least {max(4, k + 1)} words every model knows "
                         f"(n_neighbors={k}); got {len(known)}")
    anchors = known if anchors is None else [a for a in anchors if a in known]
    if len(anchors) < 3:
        raise InputError("the alignment needs at least 3 anchor words every model knows")
    maps, agreement, reference_nn = [], [], None
    for name, src in named.items():
        vecs = src.vectors(known)
        projector = fit_cached(get_projector(method, random_state=random_state, **params), vecs)
        coords = _scaled(np.asarray(projector.embedding_, dtype=np.float64)[:, :2])
        nn, _ = nearest_neighbours(vecs, k)
        if reference_nn is None:
            reference_nn, reference = nn, coords
        else:
            # the rotation fitted on the anchors' pairs, applied to every word
            coords = procrustes_align(coords, reference[[known.index(a) for a in anchors]], moving_labels=known,
                                      reference_labels=anchors)
        maps.append(coords)
        agreement.append(kept_neighbours(reference_nn, nn).mean(axis=1))
    return ModelMaps(words=known, models=list(named), coords=np.stack(maps), agreement=np.stack(agreement), k=k,
                     method=method, anchors=list(anchors))

