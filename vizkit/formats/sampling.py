"""A seeded uniform sample of a set too big to map whole (``vizkit atlas --max-points N``)."""

from __future__ import annotations

from typing import Iterable

import numpy as np

from ..errors import InputError
from ..vectors import LabelledVectors

__all__ = ["sample_points"]


def sample_points(points: LabelledVectors, max_points: int, *, random_state=0,
                  keep: Iterable[str] = ()) -> LabelledVectors:
    """At most ``max_points`` rows of ``points``, drawn uniformly without replacement, in their original order.

    Parameters
    ----------
    points : LabelledVectors
    max_points : int
        At least 1. A set that has no more rows is returned as it is.
    random_state : int or numpy.random.Generator, default 0
        The same seed draws the same rows.
    keep : iterable of str
        Labels whose rows must stay (the word a page opens on): each one left out of the draw takes the place
        of a drawn row, chosen with the same generator, so a label drawn anyway changes nothing.

    Returns
    -------
    LabelledVectors
        The rows kept, with their labels and metadata, in file order (a frequency-sorted word list stays sorted).

    Examples
    --------
    >>> from vizkit.formats import from_arrays
    >>> lv = from_arrays(np.arange(20.0).reshape(10, 2))
    >>> sample_points(lv, 4, random_state=0).labels.tolist() == sample_points(lv, 4, random_state=0).labels.tolist()
    True
    >>> "7" in sample_points(lv, 3, keep=["7"]).labels
    True
    """
    if isinstance(max_points, bool) or not isinstance(max_points, (int, np.integer)) or max_points < 1:
        raise InputError(f"max_points must be a whole number of points, at least 1; got {max_points!r}")
    n = len(points)
    if n <= max_points:
        return points
    rng = random_state if isinstance(random_state, np.random.Generator) else np.random.default_rng(random_state)
    drawn = np.zeros(n, dtype=bool)
    drawn[rng.choice(n, size=int(max_points), replace=False)] = True
    keep = {str(k) for k in keep if k is not None}
    if keep:
        wanted = np.zeros(n, dtype=bool)
        wanted[np.flatnonzero(np.logical_or.reduce([points.labels == k for k in keep]))[:max_points]] = True
        missing = np.flatnonzero(wanted & ~drawn)
        if len(missing):
            spare = np.flatnonzero(drawn & ~wanted)
            drawn[spare[rng.choice(len(spare), size=len(missing), replace=False)]] = False
            drawn[missing] = True
    return points[np.flatnonzero(drawn)]
