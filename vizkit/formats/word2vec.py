"""word2vec's two formats (and GloVe's text): ``word v1 v2 ...`` lines after an optional ``count dim`` header,
or the binary file of the original C tool (header line, then each word, a space and ``dim`` little-endian float32).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..vectors import LabelledVectors

__all__ = ["read_word2vec", "write_word2vec"]


def read_word2vec(path: str | os.PathLike, *, binary: bool | None = None, limit: int | None = None) -> LabelledVectors:
    """Read a word2vec text or binary file, or a GloVe text file (no header).

    Parameters
    ----------
    path : str or Path
    binary : bool, optional
        Default: binary when the name ends in ``.bin``.
    limit : int, optional
        Read only the first ``limit`` vectors.

    Returns
    -------
    LabelledVectors
        One row per word, in file order.

    Raises
    ------
    InputError
        The file is missing, a line has another number of values, a value is not a number, or a binary file
        ends early (the message names the file and the line or word).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such vectors file: {path}")
    if limit is not None and limit < 1:
        raise InputError(f"limit must be at least 1; got {limit}")
    if binary is None:
        binary = path.suffix.lower() == ".bin"
    words, matrix = (_read_binary if binary else _read_text)(path, limit)
    if not len(words):
        raise InputError(f"{path} holds no vectors")
    if not np.isfinite(matrix).all():
        bad = int(np.flatnonzero(~np.isfinite(matrix).all(axis=1))[0])
        raise InputError(f"{path}: the vector of {words[bad]!r} contains NaN or inf")
    return LabelledVectors(matrix, words)


def _header(first: str) -> tuple[int, int] | None:
    parts = first.split()
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return int(parts[0]), int(parts[1])
    return None


def _read_text(path: Path, limit: int | None):
    words, rows, dim = [], [], None
    with open(path, encoding="utf-8", errors="strict", newline=None) as fh:
        try:
            for lineno, line in enumerate(fh, 1):
                if lineno == 1 and _header(line):
                    dim = _header(line)[1]
                    continue
                parts = line.rstrip().split(" ")
                if parts == [""]:
                    continue
                dim = dim or len(parts) - 1
                if len(parts) - 1 != dim:
                    raise InputError(f"{path}:{lineno}: {len(parts) - 1} numbers where the file has {dim} per word")
                try:
                    rows.append(np.array(parts[1:], dtype=np.float32))
                except ValueError:
                    raise InputError(f"{path}:{lineno}: not a 'word number number ...' line") from None
                words.append(parts[0])
                if limit is not None and len(words) >= limit:
                    break
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start} of a line); "
                             "a binary word2vec file needs binary=True or a .bin name") from None
    matrix = np.vstack(rows) if rows else np.zeros((0, dim or 0), np.float32)
    return words, matrix


def _read_binary(path: Path, limit: int | None):
    data = path.read_bytes()
    end = data.find(b"\n")
    head = _header(data[:end].decode("ascii", "replace")) if end > 0 else None
    if head is None:
        raise InputError(f"{path}: a binary word2vec file starts with a 'count dim' line; this one does not "
                         "(a text file needs binary=False or a .txt name)")
    count, dim = head
    if limit is not None:
        count = min(count, limit)
    pos, width = end + 1, 4 * dim
    words, matrix = [], np.empty((count, dim), dtype=np.float32)
    for i in range(count):
        while pos < len(data) and data[pos:pos + 1] in (b"\n", b"\r"):
            pos += 1
        space = data.find(b" ", pos)
        if space < 0 or space + 1 + width > len(data):
            raise InputError(f"{path} ends after {i} of the {head[0]} vectors its header announces")
        try:
            words.append(data[pos:space].decode("utf-8"))
        except UnicodeDecodeError:
            words.append(data[pos:space].decode("latin-1"))
        matrix[i] = np.frombuffer(data, dtype="<f4", count=dim, offset=space + 1)
        pos = space + 1 + width
    return words, matrix


def write_word2vec(vectors: LabelledVectors, path: str | os.PathLike, *, binary: bool = False) -> Path:
    """Write the vectors in word2vec's text (default) or binary format, with the ``count dim`` header.

    gensim reads either with ``KeyedVectors.load_word2vec_format(path, binary=...)``.

    Raises
    ------
    InputError
        A label is empty or holds whitespace (the format separates the word from its numbers by a space).
    """
    path = Path(path)
    for label in vectors.labels:
        if not label or any(c.isspace() for c in label):
            raise InputError(f"the label {label!r} cannot be written in word2vec format (empty or with whitespace); "
                             "write the Projector format instead (vizkit.formats.write_projector)")
    matrix = np.asarray(vectors.vectors, dtype=np.float32)
    n, dim = matrix.shape
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as fh:
        fh.write(f"{n} {dim}\n".encode())
        for label, row in zip(vectors.labels, matrix):
            if binary:
                fh.write(label.encode("utf-8") + b" " + row.astype("<f4").tobytes() + b"\n")
            else:
                fh.write((label + " " + " ".join(f"{v:.7g}" for v in row) + "\n").encode("utf-8"))
    os.replace(tmp, path)
    return path
