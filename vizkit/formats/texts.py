"""Texts to embed, from the files people keep them in: CSV / TSV, Parquet, JSON Lines, or plain text (one per line)."""

from __future__ import annotations

import os
from pathlib import Path

from .._text import read_lines
from ..errors import InputError

__all__ = ["read_texts"]

_GUESS = ("text", "sentence", "content", "body", "title")


def read_texts(path: str | os.PathLike, *, column: str | None = None):
    """The texts of a file as a pandas DataFrame with a ``text`` column (other columns kept as metadata).

    Parameters
    ----------
    path : str or Path
        ``.csv``, ``.tsv``, ``.parquet``, ``.jsonl`` / ``.ndjson`` (one JSON object per line), or ``.txt``
        (one text per line, empty lines skipped).
    column : str, optional
        The column holding the texts (default: the first of ``text``, ``sentence``, ``content``, ``body``,
        ``title`` that the file has).

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    InputError
        Missing file, unknown kind, no text column (the message lists the columns), or empty texts.
    """
    import pandas as pd

    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such texts file: {path}")
    suffix = path.suffix.lower()
    if suffix == ".txt":
        lines = [line for line in read_lines(path, what="texts file") if line.strip()]
        if not lines:
            raise InputError(f"{path} holds no texts")
        return pd.DataFrame({"text": lines})
    try:
        if suffix in (".csv", ".tsv"):
            frame = pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",", dtype=str, keep_default_na=False)
        elif suffix == ".parquet":
            frame = pd.read_parquet(path)
        elif suffix in (".jsonl", ".ndjson"):
            frame = pd.read_json(path, lines=True, dtype=False)
        else:
            raise InputError(f"{path}: unknown texts file kind {suffix!r}; give .csv, .tsv, .parquet, .jsonl or .txt")
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f"cannot read {path}: {str(exc).splitlines()[0]}") from None
    columns = [str(c) for c in frame.columns]
    if column is None:
        column = next((c for c in _GUESS if c in frame.columns), None)
        if column is None:
            raise InputError(f"{path} has no column named {' / '.join(_GUESS)}; say which holds the texts "
                             f"(column='...'); columns are {columns}")
    elif column not in frame.columns:
        raise InputError(f"{path} has no column {column!r}; columns are {columns}")
    texts = frame[column].astype(str)
    if (texts.str.strip() == "").any():
        row = int((texts.str.strip() == "").to_numpy().nonzero()[0][0])
        raise InputError(f"{path}: row {row + 1} has an empty {column!r}; drop or fill the empty texts")
    frame = frame.drop(columns=[column])
    frame.insert(0, "text", texts.to_numpy())
    return frame.reset_index(drop=True)
