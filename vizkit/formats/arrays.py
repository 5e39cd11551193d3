"""Vectors already in memory or in NumPy's file: an array with labels, a ``.npy`` + labels file, a pandas DataFrame."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from .._text import read_lines
from ..errors import InputError
from ..vectors import LabelledVectors
from ._checks import check_finite

__all__ = ["from_arrays", "read_npy", "from_frame"]


def from_arrays(vectors, labels=None, meta=None) -> LabelledVectors:
    """Vectors from an ``(n, d)`` array; labels default to the row numbers ``"0"``, ``"1"``...

    Examples
    --------
    >>> from_arrays([[0.0, 1.0], [1.0, 0.0]]).labels.tolist()
    ['0', '1']
    """
    matrix = np.asarray(vectors)
    if matrix.ndim != 2:
        raise InputError(f"vectors must be a 2-D array of shape (n, d); got shape {matrix.shape}")
    if labels is None:
        labels = [str(i) for i in range(matrix.shape[0])]
    return LabelledVectors(matrix, labels, meta)


def read_npy(path: str | os.PathLike, labels: str | os.PathLike | None = None, *,
             limit: int | None = None) -> LabelledVectors:
    """An ``(n, d)`` array saved with ``numpy.save``, and optionally a text file with one label per line.

    The array is memory-mapped, so ``limit`` reads only the rows it keeps. Object arrays (pickles) are refused,
    and so are a labels file with another number of lines than the array has rows (all of them, ``limit`` or
    not) and rows holding NaN or inf (the message gives their row numbers, from 0, and how many).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such vectors file: {path}")
    try:
        matrix = np.load(path, mmap_mode="r", allow_pickle=False)
    except ValueError as exc:
        raise InputError(f"{path} is not a plain numeric .npy array ({exc})") from None
    if matrix.ndim != 2 or not np.issubdtype(matrix.dtype, np.number):
        raise InputError(f"{path} holds an array of shape {matrix.shape} and dtype {matrix.dtype}; "
                         "expected numbers of shape (n, d)")
    names = None
    if labels is not None:
        names = read_lines(labels, what="labels file")
        if names and names[-1] == "" and len(names) == matrix.shape[0] + 1:
            names.pop()
        if len(names) != matrix.shape[0]:
            raise InputError(f"{labels} has {len(names)} labels for the {matrix.shape[0]} rows of {path}; "
                             "give one label per line")
    if limit is not None:
        matrix, names = matrix[:limit], names[:limit] if names is not None else None
    check_finite(path, matrix, names, where="row", first=0)
    return from_arrays(np.array(matrix, dtype=np.float32 if matrix.dtype != np.float64 else np.float64), names)


def from_frame(frame, *, vector=None, label=None) -> LabelledVectors:
    """A pandas DataFrame as vectors: one column holding a vector per row, or the numeric columns given.

    Parameters
    ----------
    frame : pandas.DataFrame
    vector : str or sequence of str, optional
        A column whose cells are vectors (lists or arrays), or the list of numeric columns that make the vector.
        Default: the one column whose cells are lists/arrays, if there is exactly one.
    label : str, optional
        The column of labels (default: a ``label``, ``word`` or ``text`` column if there is one, else the index).

    Returns
    -------
    LabelledVectors
        Every other column becomes metadata.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"word": ["cat", "dog"], "vec": [[1.0, 0.0], [0.0, 1.0]], "kind": ["pet", "pet"]})
    >>> lv = from_frame(df)
    >>> lv.labels.tolist(), lv.dim, sorted(lv.meta)
    (['cat', 'dog'], 2, ['kind'])
    """
    if not hasattr(frame, "columns"):
        raise InputError(f"from_frame takes a pandas DataFrame; got {type(frame).__name__}")
    columns = [str(c) for c in frame.columns]
    if vector is None:
        listy = [c for c in frame.columns if len(frame) and isinstance(frame[c].iloc[0], (list, tuple, np.ndarray))]
        if len(listy) != 1:
            raise InputError(f"say which column holds the vectors (vector='...') or which numeric columns make them "
                             f"(vector=[...]); columns are {columns}")
        vector = listy[0]
    if isinstance(vector, str):
        if vector not in frame.columns:
            raise InputError(f"no column {vector!r}; columns are {columns}")
        try:
            matrix = np.stack([np.asarray(v, dtype=np.float32) for v in frame[vector]])
        except ValueError:
            raise InputError(f"the vectors of column {vector!r} do not all have the same length") from None
        used = {vector}
    else:
        missing = [c for c in vector if c not in frame.columns]
        if missing:
            raise InputError(f"no column {missing[0]!r}; columns are {columns}")
        matrix = frame[list(vector)].to_numpy(dtype=np.float32)
        used = set(vector)
    if label is None:
        label = next((c for c in ("label", "word", "text") if c in frame.columns and c not in used), None)
    if label is not None and label not in frame.columns:
        raise InputError(f"no column {label!r}; columns are {columns}")
    labels = frame[label].astype(str).tolist() if label is not None else [str(i) for i in frame.index]
    used.add(label)
    meta = {str(c): frame[c].to_numpy(dtype=object) for c in frame.columns if c not in used}
    return LabelledVectors(matrix, labels, meta)
