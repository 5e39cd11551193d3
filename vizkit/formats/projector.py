"""TensorFlow Embedding Projector files: ``vectors.tsv`` (one tab-separated vector per line) and ``metadata.tsv``.

The Projector's rule for the metadata file: with a single column there is no header (each line is one
label); with several columns the first line names them. Lines match the vectors' lines one to one.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import numpy as np

from .._text import read_text
from ..errors import InputError
from ..vectors import LabelledVectors

__all__ = ["read_projector", "write_projector"]


def read_projector(vectors: str | os.PathLike, metadata: str | os.PathLike | None = None, *,
                   label_column: str | None = None) -> LabelledVectors:
    """Read a Projector ``vectors.tsv`` and, optionally, its ``metadata.tsv``.

    Parameters
    ----------
    vectors : str or Path
        One vector per line, numbers separated by tabs, no header.
    metadata : str or Path, optional
        One line per vector: a label alone (no header), or several tab-separated columns under a header line.
        Without it the labels are the row numbers ``"0"``, ``"1"``...
    label_column : str, optional
        The column that gives the labels (default: the first); the other columns become metadata.

    Returns
    -------
    LabelledVectors

    Raises
    ------
    InputError
        A line with another number of values than the first, a value that is not a number, a metadata
        file with another number of lines than the vectors, an unknown ``label_column``.
    """
    matrix = _read_matrix(Path(vectors))
    n = matrix.shape[0]
    if metadata is None:
        if label_column is not None:
            raise InputError("label_column needs a metadata file")
        return LabelledVectors(matrix, [str(i) for i in range(n)])
    path = Path(metadata)
    lines = read_text(path, what="metadata file").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    rows = [line.rstrip("\r").split("\t") for line in lines]
    if rows and all(len(r) == 1 for r in rows):  # a single column: no header
        if label_column is not None:
            raise InputError(f"{path} has a single column (no header), so there is no column {label_column!r}")
        if len(rows) != n:
            raise InputError(f"{path} has {len(rows)} labels for {n} vectors; give one line per vector")
        return LabelledVectors(matrix, [r[0] for r in rows])
    header, body = rows[0], rows[1:]
    if len(body) != n:
        extra = " (its first line is the header, as the Projector reads files with several columns)"
        raise InputError(f"{path} has {len(body)} rows for {n} vectors{extra}")
    for lineno, r in enumerate(body, 2):
        if len(r) != len(header):
            raise InputError(f"{path}:{lineno}: {len(r)} columns where the header has {len(header)}")
    columns = {name: np.array([r[i] for r in body], dtype=object) for i, name in enumerate(header)}
    label = header[0] if label_column is None else label_column
    if label not in columns:
        raise InputError(f"{path} has no column {label!r}; columns are {header}")
    labels = columns.pop(label)
    return LabelledVectors(matrix, list(labels), columns)


def _read_matrix(path: Path) -> np.ndarray:
    import pandas as pd

    if not path.is_file():
        raise InputError(f"no such vectors file: {path}")
    try:
        frame = pd.read_csv(path, sep="\t", header=None, dtype=np.float32, quoting=csv.QUOTE_NONE,
                            engine="c", skip_blank_lines=True, na_filter=False)
    except pd.errors.EmptyDataError:
        raise InputError(f"{path} holds no vectors") from None
    except (ValueError, pd.errors.ParserError) as exc:
        raise InputError(f"{path}: {_where(path, exc)}; each line must be numbers separated by tabs") from None
    matrix = frame.to_numpy(dtype=np.float32)
    if not np.isfinite(matrix).all():
        row = int(np.flatnonzero(~np.isfinite(matrix).all(axis=1))[0])
        raise InputError(f"{path}:{row + 1}: NaN, inf or a missing value")
    return np.ascontiguousarray(matrix)


def _where(path: Path, exc: Exception) -> str:
    """The first line that is not a row of numbers like the first line, as ``line N: ...``."""
    width = None
    with open(path, encoding="utf-8", errors="replace") as fh:
        for lineno, line in enumerate(fh, 1):
            parts = line.rstrip("\r\n").split("\t")
            if parts == [""]:
                continue
            width = width or len(parts)
            if len(parts) != width:
                return f"line {lineno} has {len(parts)} values where the first line has {width}"
            try:
                [float(p) for p in parts]
            except ValueError:
                return f"line {lineno} holds a value that is not a number"
    return str(exc).splitlines()[0]


def _clean(value) -> str:
    """A metadata value on one line, without tabs (the Projector has no quoting)."""
    return " ".join(str(value).split()) if value is not None else ""


def write_projector(vectors: LabelledVectors, folder: str | os.PathLike, *, columns=None,
                    prefix: str = "") -> tuple[Path, Path]:
    """Write ``vectors.tsv`` and ``metadata.tsv`` for projector.tensorflow.org ("Load" button).

    Parameters
    ----------
    vectors : LabelledVectors
    folder : str or Path
        Created when missing.
    columns : sequence of str, optional
        Metadata columns to write after the label (default: all). With none, ``metadata.tsv`` is the labels
        alone, without a header, as the Projector expects for one column.
    prefix : str
        Put before the file names (``"glove_"`` gives ``glove_vectors.tsv``).

    Returns
    -------
    (Path, Path)
        The vectors file and the metadata file.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    names = list(vectors.meta) if columns is None else list(columns)
    missing = [c for c in names if c not in vectors.meta]
    if missing:
        raise InputError(f"no metadata column {missing[0]!r}; columns are {sorted(vectors.meta)}")
    vpath, mpath = folder / f"{prefix}vectors.tsv", folder / f"{prefix}metadata.tsv"
    buf = io.StringIO()
    np.savetxt(buf, np.asarray(vectors.vectors, dtype=np.float32), delimiter="\t", fmt="%.7g")
    vpath.write_text(buf.getvalue(), encoding="utf-8", newline="\n")
    if names:
        header = "\t".join(["label"] + [_clean(c) for c in names])
        lines = [header] + ["\t".join([_clean(vectors.labels[i])] + [_clean(vectors.meta[c][i]) for c in names])
                            for i in range(len(vectors))]
    else:
        lines = [_clean(label) for label in vectors.labels]
    mpath.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return vpath, mpath
