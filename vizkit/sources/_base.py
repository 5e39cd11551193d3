"""The interface every embedding source answers, and a table-backed implementation."""

from __future__ import annotations

import warnings
from typing import Protocol, Sequence, runtime_checkable

import numpy as np

from .._suggest import close_words
from ..vectors import LabelledVectors, cosine, rank_by_cosine, unit_rows
from ..errors import InputError, UnknownWordError, UnknownWordWarning

__all__ = ["Source", "TableSource", "ContextualModel"]


@runtime_checkable
class ContextualModel(Protocol):
    """A model that gives each occurrence of a word in a sentence its own vector, at every layer.

    What the polysemy frames, the comparison panels and
    :func:`vizkit.sentence_embeddings.encode` ask of a model; unlike a
    :class:`Source` (one vector per word) it takes the sentences too.
    :class:`vizkit.sources.LLM` answers it without naming it (a structural
    type): ``isinstance(x, ContextualModel)`` tells the two kinds apart.

    On Python 3.11 ``isinstance`` reads every member, so asking it of an
    :class:`~vizkit.sources.LLM` loads the model (``n_layers`` reads its
    configuration); Python 3.12 and later look the members up without
    calling them.

    Attributes
    ----------
    name : str
        Shown in titles and the ``source`` metadata column.
    n_layers : int
        Hidden layers; :meth:`contextual` gives layers ``0..n_layers`` (0 is
        the embedding output).
    """

    name: str

    @property
    def n_layers(self) -> int: ...

    def contextual(self, word: str, sentences: Sequence[str], *, senses: Sequence | None = None,
                   layers: Sequence[int] | None = None, progress: bool = False) -> LabelledVectors:
        """One row per occurrence of ``word`` in ``sentences`` per layer (``layer``, ``sentence``, ``sense`` in meta)."""
        ...


class Source:
    """Words in, vectors out.

    Subclasses provide :attr:`words` (the searchable vocabulary, most frequent
    first), :meth:`_matrix` (one row per vocabulary word) and may override
    :meth:`_lookup` to build vectors for words outside the table (FastText's
    character n-grams, an LLM's sub-token pooling).
    """

    name: str = "source"

    def __deepcopy__(self, memo):
        """A source is a read-only handle on a large table: a deep copy shares it (``sklearn.base.clone`` of a
        projector holding ``source=`` would otherwise copy the whole table on every fit)."""
        return self

    # --- to provide ----------------------------------------------------------
    @property
    def words(self) -> Sequence[str]:
        raise NotImplementedError

    def _matrix(self) -> np.ndarray:
        raise NotImplementedError

    def _lookup(self, word: str) -> tuple[np.ndarray, dict] | None:
        """Vector and metadata for a word, or None when unknown."""
        i = self.index.get(word)
        if i is None:
            return None
        return np.asarray(self._matrix()[i], dtype=np.float32), {}

    # --- shared behaviour ----------------------------------------------------
    @property
    def index(self) -> dict[str, int]:
        if getattr(self, "_index", None) is None:
            self._index = {w: i for i, w in enumerate(self.words)}
        return self._index

    @property
    def vocab_size(self) -> int:
        return len(self.words)

    @property
    def dim(self) -> int:
        return int(self._matrix().shape[1])

    def info(self) -> dict:
        return {"source": self.name, "vocab_size": self.vocab_size, "dim": self.dim}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}: {self.vocab_size} words x {self.dim}>"

    def __contains__(self, word: str) -> bool:
        return isinstance(word, str) and self._lookup(word) is not None

    def unknown(self, word: str) -> UnknownWordError:
        """The error for an unknown word, with the closest known words."""
        return UnknownWordError(word, close_words(word, self.words), self.name)

    def vector(self, word: str) -> np.ndarray:
        """The vector of one word; :class:`UnknownWordError` if it has none."""
        if not isinstance(word, str) or not word.strip():
            raise InputError(f"a word must be a non-empty string; got {word!r}")
        found = self._lookup(word)
        if found is None:
            raise self.unknown(word)
        return found[0]

    def vectors(self, words: Sequence[str], *, on_unknown: str = "warn") -> LabelledVectors:
        """Vectors of a word list as :class:`LabelledVectors`.

        Parameters
        ----------
        words : sequence of str
            Repeats are kept (one row each).
        on_unknown : {"warn", "raise", "skip"}
            Unknown words are left out with an :class:`UnknownWordWarning` naming them
            and their closest known words ("warn"), raise at the first one ("raise"),
            or are left out silently ("skip"). A list with no known word always raises.
        """
        if on_unknown not in ("warn", "raise", "skip"):
            raise InputError(f"on_unknown must be 'warn', 'raise' or 'skip'; got {on_unknown!r}")
        if isinstance(words, str):
            words = [words]
        words = [w.strip() if isinstance(w, str) else w for w in words]
        words = [w for w in words if w]
        if not words:
            raise InputError("the word list is empty")
        rows, labels, metas, missing = [], [], [], []
        for w in words:
            found = self._lookup(w) if isinstance(w, str) else None
            if found is None:
                if on_unknown == "raise":
                    raise self.unknown(str(w))
                missing.append(str(w))
                continue
            rows.append(found[0])
            labels.append(w)
            metas.append(found[1])
        if missing and on_unknown == "warn" and rows:
            detail = "; ".join(str(self.unknown(w)) for w in dict.fromkeys(missing))
            warnings.warn(f"{len(missing)} unknown word(s) left out: {detail}", UnknownWordWarning, stacklevel=2)
        if not rows:
            raise self.unknown(missing[0]) if len(missing) == 1 else InputError(
                f"none of the {len(missing)} words is known to {self.name}: "
                + "; ".join(str(self.unknown(w)) for w in list(dict.fromkeys(missing))[:5])
            )
        keys = list(dict.fromkeys(k for m in metas for k in m))
        meta = {"source": [self.name] * len(rows)}
        meta.update({k: [m.get(k) for m in metas] for k in keys})
        return LabelledVectors(np.vstack(rows), labels, meta)

    def top_words(self, n: int) -> list[str]:
        """The ``n`` most frequent vocabulary words."""
        if n < 1:
            raise InputError(f"--top-words must be at least 1; got {n}")
        return list(self.words[:n])

    # --- queries -------------------------------------------------------------
    def unit_matrix(self) -> np.ndarray:
        """The vectors of the whole vocabulary scaled to length 1, computed once.

        Returns
        -------
        ndarray of shape (vocab_size, dim), float32
            Row ``i`` is the unit vector of ``words[i]`` (a zero vector stays
            zero), so ``unit_matrix() @ u`` gives cosines with a unit vector ``u``.
        """
        if getattr(self, "_unit_cache", None) is None:
            self._unit_cache = unit_rows(np.asarray(self._matrix(), dtype=np.float32))
        return self._unit_cache

    def _query(self, item) -> np.ndarray:
        if isinstance(item, str):
            return self.vector(item)
        vec = np.asarray(item, dtype=np.float32)
        if vec.shape != (self.dim,):
            raise InputError(f"query vector has shape {vec.shape}; {self.name} vectors are ({self.dim},)")
        return vec

    def most_similar(self, query, top: int = 10, exclude: Sequence[str] = ()) -> list[tuple[str, float]]:
        """Vocabulary words nearest to a word or vector by cosine, best first.

        A query word is itself excluded from the answer.
        """
        vec = self._query(query)
        skip = set(exclude) | ({query} if isinstance(query, str) else set())
        return rank_by_cosine(self.unit_matrix(), vec, self.words, top, skip)

    def similarity(self, a, b) -> float:
        """Cosine similarity of two words (or vectors)."""
        return cosine(self._query(a), self._query(b))

    def analogy(self, a: str, b: str, c: str, top: int = 5) -> list[tuple[str, float]]:
        """Words nearest to ``a - b + c`` (3CosAdd on unit vectors), inputs excluded.

        ``analogy("king", "man", "woman")`` answers "queen" first for GloVe.
        """
        unit = [v / (np.linalg.norm(v) or 1) for v in (self.vector(a), self.vector(b), self.vector(c))]
        return rank_by_cosine(self.unit_matrix(), unit[0] - unit[1] + unit[2], self.words, top, {a, b, c})


class TableSource(Source):
    """A source over a fixed word list and matrix (GloVe, trained or loaded KeyedVectors)."""

    def __init__(self, words: Sequence[str], matrix: np.ndarray, name: str = "table"):
        if len(words) != len(matrix):
            raise InputError(f"{len(words)} words but {len(matrix)} vectors")
        self._words = words
        self._mat = matrix
        self.name = name

    @property
    def words(self):
        return self._words

    def _matrix(self):
        return self._mat
