"""Clusters of a map and a label for each, offline and the same in every run.

A map of 50,000 words is a cloud until its regions have names. The clusters are found on the map itself
(k-means on the 2-D coordinates, so each cluster is a region the eye sees) or in the original vectors; each
gets a label:

- words: among the ``nearest`` members closest (by cosine, in the original space) to the cluster's mean
  direction, the ``top`` most frequent ones (frequency = vocabulary order, or a ``rank`` column), e.g.
  ``"france, germany"``;
- texts: the cluster's most distinctive terms by class-based TF-IDF (a term frequent in this cluster and
  rare in the others), as BERTopic does, e.g. ``"recipe, oven, flour"``.

Several levels (8, 32, 128 clusters...) give labels for each zoom: few broad ones from afar, finer ones near.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..errors import InputError
from ..vectors import unit_rows

__all__ = ["Clusters", "find_clusters", "cluster_levels", "cached_cluster_levels", "auto_levels", "word_cluster_labels",
           "text_cluster_labels", "CLUSTERS_VERSION"]

#: format version of a cached set of cluster levels: raise it when how clusters are found or named changes
CLUSTERS_VERSION = 1


@dataclass
class Clusters:
    """One level of clusters on a map.

    Attributes
    ----------
    assignment : ndarray of shape (n,)
        Cluster number of each point, 0..k-1, numbered by decreasing size (ties by first member).
    labels : list of str
        One label per cluster.
    centres : ndarray of shape (k, 2)
        Where to write each label on the map: the map position of the cluster's most central member.
    sizes : ndarray of shape (k,)
    """

    assignment: np.ndarray
    labels: list[str]
    centres: np.ndarray
    sizes: np.ndarray

    def __len__(self) -> int:
        return len(self.labels)

    def members(self, cluster: int) -> np.ndarray:
        """Row numbers of the points in ``cluster``."""
        return np.flatnonzero(self.assignment == cluster)


def _renumber(assignment: np.ndarray) -> np.ndarray:
    """Cluster numbers by decreasing size, ties by first member: the same clustering gives the same numbers."""
    ids, first, counts = np.unique(assignment, return_index=True, return_counts=True)
    order = np.lexsort((first, -counts))
    new = np.empty(len(ids), dtype=np.int64)
    new[order] = np.arange(len(ids))
    return new[np.searchsorted(ids, assignment)]


def _kmeans(Z: np.ndarray, k: int, random_state: int) -> np.ndarray:
    from sklearn.cluster import KMeans, MiniBatchKMeans

    if len(Z) > 20000:
        model = MiniBatchKMeans(n_clusters=k, random_state=random_state, n_init=3, batch_size=4096)
    else:
        model = KMeans(n_clusters=k, random_state=random_state, n_init=4)
    return model.fit_predict(Z)


def word_cluster_labels(vectors, assignment, *, rank: Sequence[float] | None = None, top: int = 2,
                        nearest: int = 10) -> list[str]:
    """A label per cluster: the ``top`` most frequent of its ``nearest`` members closest to its mean direction.

    Parameters
    ----------
    vectors : LabelledVectors
        The words (labels) and their original vectors.
    assignment : array-like of int, shape (n,)
    rank : sequence of float, optional
        Lower = more frequent. Default: a ``rank`` metadata column, else the row order (a source's
        ``top_words`` are in frequency order).
    top, nearest : int

    Returns
    -------
    list of str
        ``"word, word"`` for clusters 0..k-1.
    """
    assignment = np.asarray(assignment)
    labels = np.asarray(vectors.labels, dtype=object)
    if rank is None:
        rank = vectors.meta["rank"] if "rank" in getattr(vectors, "meta", {}) else np.arange(len(labels))
    rank = np.asarray(rank, dtype=float)
    unit = unit_rows(np.asarray(vectors.vectors, dtype=np.float32))
    out = []
    for c in range(int(assignment.max()) + 1):
        idx = np.flatnonzero(assignment == c)
        centre = unit[idx].mean(axis=0)
        close = idx[np.lexsort((idx, -(unit[idx] @ centre)))][:nearest]
        chosen = close[np.lexsort((close, rank[close]))]
        words = list(dict.fromkeys(str(labels[i]) for i in chosen))[:top]
        out.append(", ".join(words))
    return out


def text_cluster_labels(texts: Sequence[str], assignment, *, top: int = 3, stop_words: str | None = "english",
                        centrality: Sequence[float] | None = None) -> list[str]:
    """A label per cluster: its ``top`` most distinctive terms (class-based TF-IDF over the texts).

    The score of term *t* in cluster *c* is ``share(t, c) * log(1 + A / n(t))``: the share of the cluster's
    texts that contain *t*, times the log of the average number of texts per cluster ``A`` over the number
    of texts containing *t* anywhere ``n(t)``. Ties go to the term met first when the cluster's texts are
    read from the most central (highest ``centrality``; default: in order), so the labels are the same in
    every run and small clusters are named by their most typical texts.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    assignment = np.asarray(assignment)
    k = int(assignment.max()) + 1
    analyse = CountVectorizer(stop_words=stop_words, token_pattern=r"(?u)\b[^\W\d_]{2,}\b").build_analyzer()
    terms_of = [dict.fromkeys(analyse(str(t))) for t in texts]  # each text's terms, in order, once
    everywhere: dict[str, int] = {}
    for terms in terms_of:
        for term in terms:
            everywhere[term] = everywhere.get(term, 0) + 1
    average = len(texts) / k
    key = np.zeros(len(texts)) if centrality is None else -np.asarray(centrality, dtype=float)
    out = []
    for c in range(k):
        idx = np.flatnonzero(assignment == c)
        idx = idx[np.lexsort((idx, key[idx]))]
        share: dict[str, int] = {}
        first: dict[str, int] = {}
        for i in idx:
            for term in terms_of[i]:
                share[term] = share.get(term, 0) + 1
                first.setdefault(term, len(first))
        ranked = sorted(share, key=lambda t: (-share[t] / len(idx) * np.log(1 + average / everywhere[t]), first[t]))
        out.append(", ".join(ranked[:top]))
    return out


def find_clusters(points, coords, n_clusters: int, *, space: str = "map", kind: str | None = None,
                  texts: Sequence[str] | None = None, random_state: int = 0, top: int | None = None) -> Clusters:
    """Cluster a map into ``n_clusters`` regions and label each.

    Parameters
    ----------
    points : LabelledVectors
        What was mapped: labels, original vectors, metadata.
    coords : ndarray of shape (n, 2) or (n, 3)
        The map.
    n_clusters : int
    space : {"map", "vectors"}
        Cluster the map's coordinates (regions you see, default) or the original unit vectors.
    kind : {"words", "texts"}, optional
        How to label. Default: ``"texts"`` when ``texts`` is given or the labels average more than two
        words, else ``"words"``.
    texts : sequence of str, optional
        The texts to label by (default: the labels).
    random_state : int
    top : int, optional
        Words per label (default 2 for words, 3 for texts).

    Returns
    -------
    Clusters

    Examples
    --------
    >>> import numpy as np
    >>> from vizkit.vectors import LabelledVectors
    >>> lv = LabelledVectors(np.eye(4), ["a", "b", "c", "d"])
    >>> find_clusters(lv, [[0, 0], [0, 1], [9, 9], [9, 8]], 2).assignment.tolist()
    [0, 0, 1, 1]
    """
    xy = np.asarray(coords, dtype=np.float64)
    n = len(points)
    if xy.ndim != 2 or len(xy) != n:
        raise InputError(f"{n} points but coordinates of shape {xy.shape}")
    if not 1 <= n_clusters <= n:
        raise InputError(f"n_clusters must be in [1, {n}] for {n} points; got {n_clusters}")
    if space == "map":
        Z = xy
    elif space == "vectors":
        Z = unit_rows(np.asarray(points.vectors, dtype=np.float32))
    else:
        raise InputError(f"space must be 'map' or 'vectors'; got {space!r}")
    assignment = _renumber(_kmeans(Z, n_clusters, random_state))
    labels_text = [str(x) for x in points.labels] if texts is None else [str(t) for t in texts]
    if kind is None:
        kind = "texts" if texts is not None or np.mean([len(t.split()) for t in labels_text]) > 2 else "words"
    if kind == "words":
        labels = word_cluster_labels(points, assignment, top=top or 2)
    elif kind == "texts":
        unit = unit_rows(np.asarray(points.vectors, dtype=np.float32))
        centrality = np.empty(n)
        for c in range(int(assignment.max()) + 1):
            idx = np.flatnonzero(assignment == c)
            centrality[idx] = unit[idx] @ unit[idx].mean(axis=0)
        labels = text_cluster_labels(labels_text, assignment, top=top or 3, centrality=centrality)
    else:
        raise InputError(f"kind must be 'words' or 'texts'; got {kind!r}")
    k = int(assignment.max()) + 1
    centres = np.empty((k, xy.shape[1]))
    for c in range(k):
        idx = np.flatnonzero(assignment == c)
        mid = xy[idx].mean(axis=0)
        centres[c] = xy[idx[np.argmin(((xy[idx] - mid) ** 2).sum(axis=1))]]
    return Clusters(assignment, labels, centres, np.bincount(assignment, minlength=k))


def auto_levels(n: int, *, first: int = 12, factor: int = 4, per_cluster: int = 1000) -> tuple[int, ...]:
    """Cluster counts for a map of ``n`` points, coarse to fine: ``first``, then ``factor`` times more at each level
    while a cluster keeps about ``per_cluster`` points or more (always two levels).

    A million points get four levels, the finest with a cluster per ~1,300 points, so the labels grow finer as
    one zooms in and a data set's natural groups (hundreds of them) have a level of their size.

    Examples
    --------
    >>> auto_levels(50_000), auto_levels(400_000), auto_levels(1_000_000)
    ((12, 48), (12, 48, 192), (12, 48, 192, 768))
    """
    levels = [first, first * factor]
    while levels[-1] * factor * per_cluster <= n:
        levels.append(levels[-1] * factor)
    return tuple(levels)


def cluster_levels(points, coords, levels: Sequence[int] = (8, 32, 128), **kwargs) -> list[Clusters]:
    """:func:`find_clusters` at several sizes, coarse to fine (levels above the number of points are skipped)."""
    return [find_clusters(points, coords, k, **kwargs) for k in sorted(set(levels)) if k <= len(points)]


def cached_cluster_levels(points, coords, levels: Sequence[int] = (8, 32, 128), *, random_state: int = 0) -> list[Clusters]:
    """:func:`cluster_levels`, read from the cache when the same map of the same points was clustered before.

    The key holds the map's coordinates, the points' vectors, labels and ``rank`` column (what the names are
    made from), the levels, the seed and :data:`CLUSTERS_VERSION`: reopening a 50,000-word atlas skips its
    k-means.
    """
    from .. import _cache

    xy = np.asarray(coords, dtype=np.float64)
    n = len(points)
    labels = "\0".join(str(x) for x in points.labels).encode("utf-8")
    rank = points.meta.get("rank") if hasattr(points, "meta") else None
    digest = _cache.array_sha256
    inputs = {"coords_sha256": digest(xy), "vectors_sha256": digest(np.asarray(points.vectors, dtype=np.float32)),
              "labels_sha256": digest(np.frombuffer(labels, dtype=np.uint8)),
              "rank_sha256": None if rank is None else digest(np.asarray(rank, dtype=float)),
              "levels": sorted({int(k) for k in levels}), "random_state": int(random_state)}
    entry = _cache.Entry("clusters", inputs, version=CLUSTERS_VERSION,
                         built_by=f"clusters {'/'.join(map(str, inputs['levels']))} of a map of {n} points")

    def build(folder):
        found = cluster_levels(points, xy, levels, random_state=random_state)
        for i, c in enumerate(found):
            np.save(folder / f"assignment{i}.npy", c.assignment.astype(np.int32), allow_pickle=False)
            np.save(folder / f"centres{i}.npy", np.asarray(c.centres, dtype=np.float64), allow_pickle=False)
        (folder / "labels.json").write_text(json.dumps([c.labels for c in found], ensure_ascii=False), encoding="utf-8")

    def load(folder):
        names = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
        out = []
        for i, labels_i in enumerate(names):
            a = np.load(folder / f"assignment{i}.npy", allow_pickle=False).astype(np.int64)
            centres = np.load(folder / f"centres{i}.npy", allow_pickle=False)
            k = len(labels_i)
            if a.shape != (n,) or (n and (a.min() < 0 or a.max() >= k)) or centres.shape != (k, xy.shape[1]):
                raise InputError(f"cluster level {i}: {a.shape} assignments and {centres.shape} centres for {n} points")
            out.append(Clusters(a, [str(x) for x in labels_i], centres, np.bincount(a, minlength=k)))
        return out

    return entry.get(build, load)
