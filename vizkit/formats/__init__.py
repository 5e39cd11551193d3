"""Your own embeddings in the file formats people already use: TensorFlow Projector TSV, word2vec, NumPy, DataFrames.

Every reader returns a :class:`~vizkit.vectors.LabelledVectors` (labels may repeat, metadata per row), the
type every map, search and animation of vizkit takes; every writer writes what the other tools read back.

=====================  ==========================================================================
module                 format
=====================  ==========================================================================
:mod:`.projector`      TensorFlow Embedding Projector: ``vectors.tsv`` + ``metadata.tsv``
:mod:`.word2vec`       word2vec / GloVe text (``word v1 v2 ...``, optional ``count dim`` header), word2vec binary
:mod:`.arrays`         ``.npy`` + a labels file, NumPy arrays, a pandas DataFrame
:mod:`.texts`          texts to embed: CSV / TSV, Parquet, JSON Lines, plain text
=====================  ==========================================================================

:func:`read_vectors` picks the reader from the file name; :func:`sample_points` keeps a seeded uniform sample
of a set too big to map whole (``vizkit atlas --max-points``).

Examples
--------
>>> import tempfile, pathlib
>>> from vizkit.vectors import LabelledVectors
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> lv = LabelledVectors([[1.0, 0.0], [0.0, 1.0]], ["cat", "dog"], {"kind": ["pet", "pet"]})
>>> v, m = write_projector(lv, folder)
>>> read_vectors(v).meta["kind"].tolist()
['pet', 'pet']
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from .arrays import from_arrays, from_frame, read_npy
from .projector import read_projector, write_projector
from .sampling import sample_points
from .texts import read_texts
from .word2vec import read_word2vec, write_word2vec

__all__ = ["read_vectors", "read_projector", "write_projector", "read_word2vec", "write_word2vec", "read_npy",
           "from_arrays", "from_frame", "read_texts", "sample_points"]

_WORD2VEC_TEXT = {".txt", ".vec", ".w2v", ".glove"}
_WORD2VEC_BINARY = {".bin"}


def read_vectors(path: str | os.PathLike, *, metadata: str | os.PathLike | None = None,
                 labels: str | os.PathLike | None = None, label_column: str | None = None,
                 limit: int | None = None):
    """Read embeddings from a file, the format chosen by its name.

    ============================  =====================================================
    file                          read as
    ============================  =====================================================
    ``*.tsv``                     TensorFlow Projector vectors; ``metadata`` (default: a
                                  ``metadata.tsv`` beside it, when there is one)
    ``*.npy``                     one vector per row; ``labels`` a text file, one label
                                  per line (default: ``<name>.labels.txt`` or
                                  ``labels.txt`` beside it; else row numbers)
    ``*.txt``, ``*.vec``, ...     word2vec / GloVe text
    ``*.bin``                     word2vec binary
    ============================  =====================================================

    Parameters
    ----------
    path : str or Path
    metadata : str or Path, optional
        Projector metadata file (``.tsv`` vectors only).
    labels : str or Path, optional
        Labels file (``.npy`` vectors only; with other files it is refused, not ignored).
    label_column : str, optional
        Which metadata column gives the labels (Projector files with a header; default: the first).
    limit : int, optional
        Read only the first ``limit`` vectors (word2vec files are usually sorted by frequency).

    Returns
    -------
    LabelledVectors

    Raises
    ------
    InputError
        The file is missing, of an unknown kind, or malformed (the message names the file and line): a
        word2vec file holding another number of vectors than its header promises, a labels file with
        another number of lines than the vectors, rows of NaN or inf.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such vectors file: {path}")
    suffix = path.suffix.lower()
    if labels is not None and suffix != ".npy":
        raise InputError(f"a labels file goes with .npy vectors; {path.name} holds its own labels"
                         + (" (a .tsv's are in its metadata file)" if suffix == ".tsv" else " (the first word of "
                            "each line)" if suffix in _WORD2VEC_TEXT else ""))
    if suffix == ".tsv":
        if metadata is None and path.name != "metadata.tsv" and (path.parent / "metadata.tsv").is_file():
            metadata = path.parent / "metadata.tsv"
        lv = read_projector(path, metadata, label_column=label_column)
        return lv[:limit] if limit is not None else lv
    if suffix == ".npy":
        if labels is None:
            for guess in (path.with_name(path.stem + ".labels.txt"), path.with_name("labels.txt")):
                if guess.is_file():
                    labels = guess
                    break
        return read_npy(path, labels, limit=limit)
    if suffix in _WORD2VEC_TEXT:
        return read_word2vec(path, binary=False, limit=limit)
    if suffix in _WORD2VEC_BINARY:
        return read_word2vec(path, binary=True, limit=limit)
    raise InputError(f"{path}: unknown vectors file kind {suffix or '(no extension)'!r}; give a .tsv (TensorFlow "
                     f"Projector), .npy (+ labels file), .txt/.vec (word2vec or GloVe text) or .bin (word2vec binary)")
