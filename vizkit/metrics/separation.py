"""How well occurrences of a word separate by sense, measured in the original vector space."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..vectors import unit_rows
from ..errors import InputError

__all__ = ["sense_separation", "layer_separation"]


def sense_separation(vectors, senses: Sequence) -> dict:
    """Mean cosine within senses, across senses, and their difference.

    Parameters
    ----------
    vectors : ndarray of shape (n, d) or LabelledVectors
        One row per occurrence.
    senses : sequence of length n
        The sense label of each row.

    Returns
    -------
    dict with ``within_sense_cos`` (mean cosine over pairs of distinct rows with
    the same sense), ``across_sense_cos`` (over pairs with different senses) and
    ``separation`` (within minus across; 0 when all rows coincide, higher is
    better separated).

    Examples
    --------
    >>> s = sense_separation([[1, 0], [1, 0.1], [0, 1]], ["a", "a", "b"])
    >>> round(s["separation"], 2)
    0.95
    """
    X = np.asarray(getattr(vectors, "vectors", vectors), dtype=np.float64)
    senses = np.asarray([str(s) for s in senses], dtype=object)
    if X.ndim != 2 or len(X) != len(senses):
        raise InputError(f"give one sense per vector: {len(X)} vectors, {len(senses)} senses")
    if len(set(senses)) < 2:
        raise InputError("sense separation needs at least two senses; all occurrences have the same one")
    U = unit_rows(X)
    sims = U @ U.T
    same = senses[:, None] == senses[None, :]
    off_diag = ~np.eye(len(X), dtype=bool)
    within_pairs = same & off_diag
    if not within_pairs.any():
        raise InputError("each sense has a single occurrence; need two occurrences of at least one sense")
    within = float(sims[within_pairs].mean())
    across = float(sims[~same].mean())
    return {"within_sense_cos": within, "across_sense_cos": across, "separation": within - across}


def layer_separation(occurrences) -> list[dict]:
    """:func:`sense_separation` for every layer of contextual occurrences.

    ``occurrences`` is the :class:`~vizkit.LabelledVectors` returned by
    :meth:`vizkit.sources.LLM.contextual` with senses given.
    """
    if "layer" not in occurrences.meta or "sense" not in occurrences.meta:
        raise InputError("need contextual occurrences with 'layer' and 'sense' metadata")
    rows = []
    for layer in sorted(set(occurrences.meta["layer"])):
        part = occurrences.where(layer=layer)
        rows.append({"layer": int(layer), **sense_separation(part.vectors, part.meta["sense"])})
    return rows
