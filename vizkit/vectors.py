"""The labelled-vectors type: rows of vectors, labels that may repeat, per-row metadata."""

from __future__ import annotations

from typing import Iterable, Mapping, Sequence

import numpy as np

from .errors import InputError, UnknownWordError

__all__ = ["LabelledVectors"]


def _as_matrix(vectors) -> np.ndarray:
    try:
        arr = np.asarray(vectors)
    except ValueError as exc:  # ragged lists
        raise InputError(f"vectors must all have the same dimension ({exc})") from None
    if arr.dtype == object:
        raise InputError("vectors must all have the same dimension")
    if arr.ndim == 1 and arr.size == 0:
        arr = arr.reshape(0, 0)
    if arr.ndim != 2:
        raise InputError(f"vectors must be a 2-D array of shape (n, d); got shape {arr.shape}")
    if not np.issubdtype(arr.dtype, np.floating):
        if not np.issubdtype(arr.dtype, np.number):
            raise InputError(f"vectors must be numbers; got dtype {arr.dtype}")
        arr = arr.astype(np.float32)
    return arr


class LabelledVectors:
    """An ``(n, d)`` array of vectors with a label and metadata for every row.

    Labels may repeat: eight occurrences of "bank" are eight rows labelled
    ``"bank"``, told apart by their metadata (sentence, sense, layer, ...).

    Parameters
    ----------
    vectors : array-like of shape (n, d)
        Finite numbers; NaN or inf rows are refused with the offending labels named.
    labels : sequence of str of length n
    meta : mapping of str to sequence of length n, optional
        Per-row metadata columns (``source``, ``sentence``, ``sense``, ``layer``,
        ``token_start``...). A pandas DataFrame works too.

    Examples
    --------
    >>> lv = LabelledVectors([[1, 0], [0, 1], [1, 1]], ["a", "b", "a"], {"k": [1, 2, 3]})
    >>> len(lv), lv.dim, lv["a"].meta["k"].tolist()
    (3, 2, [1, 3])
    """

    def __init__(self, vectors, labels: Sequence[str], meta: Mapping[str, Sequence] | None = None):
        mat = _as_matrix(vectors)
        labels = [str(x) for x in labels]
        if len(labels) != mat.shape[0]:
            raise InputError(f"{mat.shape[0]} vectors but {len(labels)} labels; give one label per row")
        if mat.size and not np.isfinite(mat).all():
            bad = np.flatnonzero(~np.isfinite(mat).all(axis=1))
            names = ", ".join(repr(labels[i]) for i in bad[:5])
            more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
            raise InputError(f"{len(bad)} vector(s) contain NaN or inf: {names}{more}")
        self.vectors = mat
        self.labels = np.array(labels, dtype=object)
        self.meta: dict[str, np.ndarray] = {}
        if meta is not None:
            items = meta.items() if hasattr(meta, "items") else meta
            for name, col in items:
                col = np.asarray(list(col), dtype=object) if not isinstance(col, np.ndarray) else col
                if len(col) != len(labels):
                    raise InputError(
                        f"metadata column {name!r} has {len(col)} values for {len(labels)} rows"
                    )
                self.meta[str(name)] = col

    # ------------------------------------------------------------------ basics
    def __len__(self) -> int:
        return self.vectors.shape[0]

    @property
    def dim(self) -> int:
        return self.vectors.shape[1]

    @property
    def shape(self) -> tuple[int, int]:
        return self.vectors.shape

    def __repr__(self) -> str:
        cols = ", ".join(self.meta) or "none"
        return f"LabelledVectors(n={len(self)}, dim={self.dim}, meta: {cols})"

    def __getitem__(self, key) -> "LabelledVectors":
        """Rows by position, slice, boolean mask, index array, or label (all its occurrences)."""
        if isinstance(key, str):
            idx = np.flatnonzero(self.labels == key)
            if idx.size == 0:
                from ._suggest import close_words

                raise UnknownWordError(key, close_words(key, list(dict.fromkeys(self.labels))))
            key = idx
        elif isinstance(key, (int, np.integer)):
            key = [int(key)]
        return self._take(key)

    def _take(self, key) -> "LabelledVectors":
        out = object.__new__(LabelledVectors)
        out.vectors = self.vectors[key]
        out.labels = self.labels[key]
        out.meta = {k: v[key] for k, v in self.meta.items()}
        return out

    def where(self, **conditions) -> "LabelledVectors":
        """Rows whose metadata equals every given value, e.g. ``lv.where(layer=3)``."""
        mask = np.ones(len(self), dtype=bool)
        for name, value in conditions.items():
            if name not in self.meta:
                raise InputError(f"no metadata column {name!r}; columns are {sorted(self.meta)}")
            mask &= np.asarray([v == value for v in self.meta[name]], dtype=bool)
        return self._take(mask)

    def with_meta(self, **columns) -> "LabelledVectors":
        """A copy with metadata columns added (a scalar is repeated over every row)."""
        meta = dict(self.meta)
        for name, values in columns.items():
            if isinstance(values, (str, int, float)) or values is None:
                values = [values] * len(self)
            meta[name] = values
        return LabelledVectors(self.vectors, self.labels, meta)

    @classmethod
    def concat(cls, parts: Iterable["LabelledVectors"]) -> "LabelledVectors":
        """Stack several sets; metadata columns missing from a part are filled with None."""
        parts = list(parts)
        if not parts:
            raise InputError("nothing to concatenate: give at least one LabelledVectors")
        dims = {p.dim for p in parts if len(p)}
        if len(dims) > 1:
            raise InputError(f"cannot concatenate vectors of different dimensions {sorted(dims)}")
        names = list(dict.fromkeys(n for p in parts for n in p.meta))
        meta = {
            n: np.concatenate([p.meta.get(n, np.full(len(p), None, dtype=object)) for p in parts])
            for n in names
        }
        dim = dims.pop() if dims else 0
        vecs = np.concatenate([p.vectors.reshape(len(p), dim) for p in parts])
        return cls(vecs, np.concatenate([p.labels for p in parts]), meta)

    def to_frame(self):
        """Labels and metadata (not the vectors) as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame({"label": self.labels, **self.meta})

    # ------------------------------------------------------------ similarity
    def unit(self) -> np.ndarray:
        """Row-normalised copy of the vectors (zero rows stay zero)."""
        return unit_rows(self.vectors)

    def _row(self, item) -> np.ndarray:
        if isinstance(item, str):
            return self[item].vectors.mean(axis=0)
        arr = np.asarray(item, dtype=np.float64)
        if arr.shape != (self.dim,):
            raise InputError(f"query vector has shape {arr.shape}; expected ({self.dim},)")
        return arr

    def similarity(self, a, b) -> float:
        """Cosine similarity of two labels (mean over their occurrences) or vectors."""
        return cosine(self._row(a), self._row(b))

    def most_similar(self, query, top: int = 10, exclude: Sequence[str] = ()) -> list[tuple[str, float]]:
        """Labels of the rows nearest to ``query`` by cosine, best first.

        ``query`` is a label (its rows are left out of the answer) or a vector.
        """
        vec = self._row(query)
        skip = set(exclude) | ({query} if isinstance(query, str) else set())
        return rank_by_cosine(self.unit(), vec, self.labels, top, skip)

    def arithmetic(self, positive: Sequence[str] = (), negative: Sequence[str] = ()) -> np.ndarray:
        """Sum of the unit vectors of ``positive`` minus those of ``negative``."""
        unit = self.unit()
        total = np.zeros(self.dim)
        for sign, words in ((1, positive), (-1, negative)):
            for w in words:
                self[w]  # raises UnknownWordError with suggestions when missing
                total += sign * unit[self.labels == w].mean(axis=0)
        return total


def unit_rows(X) -> np.ndarray:
    """Rows (or a single vector) scaled to unit length; zero rows stay zero. Float dtypes are kept."""
    X = np.asarray(X)
    if not np.issubdtype(X.dtype, np.floating):
        X = X.astype(np.float64)
    norms = np.linalg.norm(X, axis=-1, keepdims=True)
    return X / np.where(norms == 0, 1, norms)


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine of two vectors (0 when either is zero)."""
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    if na == 0 or nb == 0:
        return 0.0
    return float(np.dot(a, b) / (na * nb))


def rank_by_cosine(unit_matrix: np.ndarray, vec: np.ndarray, words, top: int, skip) -> list[tuple[str, float]]:
    """Top cosine matches of ``vec`` among rows of a row-normalised matrix."""
    if top < 1:
        raise InputError(f"top must be at least 1; got {top}")
    norm = np.linalg.norm(vec)
    if norm == 0:
        raise InputError("the query vector is zero; it has no direction to compare")
    scores = unit_matrix @ (np.asarray(vec, dtype=unit_matrix.dtype) / norm)
    want = min(len(scores), 2 * top + len(skip) + 8)
    while True:
        if want < len(scores):
            cand = np.argpartition(-scores, want - 1)[:want]
        else:
            cand = np.arange(len(scores))
        cand = cand[np.argsort(-scores[cand], kind="stable")]
        out, seen = [], set()
        for i in cand:
            w = words[i]
            if w in skip or w in seen:
                continue
            seen.add(w)
            out.append((w, float(scores[i])))
            if len(out) == top:
                return out
        if want >= len(scores):  # fewer distinct words than asked for
            return out
        want = min(len(scores), want * 4)
