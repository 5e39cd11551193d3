"""Checks every vectors reader makes before it hands rows on: no NaN or inf, each bad row named where it is."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import InputError

#: how many bad rows a message lists before it says "and N more"
SHOWN = 5


def nonfinite_rows(matrix: np.ndarray, *, chunk: int = 1 << 16) -> np.ndarray:
    """Positions of the rows holding NaN or inf, in order (a chunk at a time: no full-size mask of a big file)."""
    bad = [start + np.flatnonzero(~np.isfinite(matrix[start:start + chunk]).all(axis=1))
           for start in range(0, matrix.shape[0], chunk)]
    return np.concatenate(bad) if bad else np.zeros(0, dtype=np.int64)


def check_finite(path: Path, matrix: np.ndarray, labels: Sequence[str] | None = None, *,
                 where: str = "line", first: int = 1, lines: Sequence[int] | None = None) -> None:
    """Refuse a file whose vectors hold NaN or inf: the file, how many rows, where the first few are.

    Parameters
    ----------
    path : Path
    matrix : ndarray of shape (n, d)
    labels : sequence of str, optional
        The rows' labels, shown beside their places.
    where : str
        What a place is called in the file: ``"line"`` (text files) or ``"row"`` (``.npy``).
    first : int
        The number of the first row (1 for lines, 0 for NumPy rows).
    lines : sequence of int, optional
        The place of each row when rows are not one a line from ``first`` (a header, blank lines).

    Raises
    ------
    InputError
        ``"points.npy: 2 of its 1,000 vectors hold NaN or inf, at rows 3 ('c') and 7 ('g') ..."``.
    """
    bad = nonfinite_rows(matrix)
    if not len(bad):
        return
    places = [f"{lines[i] if lines is not None else first + int(i)}"
              + (f" ({labels[i]!r})" if labels is not None else "") for i in bad[:SHOWN]]
    listed = ", ".join(places[:-1]) + (" and " if len(places) > 1 else "") + places[-1]
    more = f", and {len(bad) - SHOWN:,} more" if len(bad) > SHOWN else ""
    plural = "s" if len(bad) > 1 else ""
    counted = " (numbered from 0, as NumPy does)" if where == "row" else ""
    fix = ("keep the finite rows with X[np.isfinite(X).all(axis=1)] (and their labels)" if where == "row"
           else "fix or delete those lines")
    raise InputError(f"{path}: {len(bad):,} of its {matrix.shape[0]:,} vectors hold NaN or inf, at {where}{plural} "
                     f"{listed}{more}{counted}; {fix}")
