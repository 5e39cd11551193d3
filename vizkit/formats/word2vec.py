"""word2vec's two formats (and GloVe's text): ``word v1 v2 ...`` lines after an optional ``count dim`` header,
or the binary file of the original C tool (header line, then each word, a space and ``dim`` little-endian float32).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..vectors import LabelledVectors
from ._checks import SHOWN, check_finite

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
        The file is missing, a line has another number of values, a value is not a number, a vector holds NaN
        or inf, or the file holds another number of vectors than its ``count dim`` header promises (a file cut
        short must not become a smaller map); the message names the file and the lines or words.
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
    return LabelledVectors(matrix, words)


def _header(first: str) -> tuple[int, int] | None:
    parts = first.split()
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return int(parts[0]), int(parts[1])
    return None


def _read_text(path: Path, limit: int | None):
    words, rows, lines, dim, head, wrong = [], [], [], None, None, []
    with open(path, encoding="utf-8", errors="strict", newline=None) as fh:
        try:
            for lineno, line in enumerate(fh, 1):
                if lineno == 1 and _header(line):
                    head = _header(line)
                    dim = head[1]
                    continue
                parts = line.rstrip().split(" ")
                if parts == [""]:
                    continue
                dim = dim or len(parts) - 1
                if len(parts) - 1 != dim:
                    wrong.append((lineno, len(parts) - 1, line.endswith("\n")))
                    continue
                if wrong:  # past a bad line only to count the others like it
                    continue
                try:
                    rows.append(np.array(parts[1:], dtype=np.float32))
                except ValueError:
                    raise InputError(f"{path}:{lineno}: not a 'word number number ...' line") from None
                words.append(parts[0])
                lines.append(lineno)
                if limit is not None and len(words) >= limit:
                    break
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start} of a line); "
                             "a binary word2vec file needs binary=True or a .bin name") from None
    if wrong:
        raise InputError(_wrong_widths(path, wrong, dim))
    if head is not None and (len(words) > head[0] or len(words) < min(head[0], limit or head[0])):
        raise InputError(_miscounted(path, head, len(words)))
    matrix = np.vstack(rows) if rows else np.zeros((0, dim or 0), np.float32)
    check_finite(path, matrix, words, lines=lines)
    return words, matrix


def _wrong_widths(path: Path, wrong: list[tuple[int, int, bool]], dim: int) -> str:
    """The first line with another number of values, and how many more there are (a cut file: its last line)."""
    lineno, found, ended = wrong[0]
    msg = f"{path}:{lineno}: {found} numbers where the file has {dim} per word"
    if len(wrong) > 1:
        shown = ", ".join(str(w[0]) for w in wrong[:SHOWN])
        more = f" and {len(wrong) - SHOWN:,} more" if len(wrong) > SHOWN else ""
        msg += f"; {len(wrong):,} lines are like this (lines {shown}{more})"
    elif not ended and found < dim:
        msg += " (its last line, with no line end: the file looks cut short)"
    return msg


def _miscounted(path: Path, head: tuple[int, int], found: int) -> str:
    """A header line whose count disagrees with the vectors that follow it."""
    count = head[0]
    why = ("the file is cut short, or its header's count is wrong (gensim refuses such a file too)" if found < count
           else "its header's count is wrong")
    return (f"{path}: its header line '{count} {head[1]}' promises {count:,} vectors, but the file holds {found:,}: "
            f"{why}; fix the file or its first line")


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
    check_finite(path, matrix, words, where="vector")
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
