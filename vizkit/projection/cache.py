"""The map cache: a map computed once is read from disk, never computed again.

A map is stored as an entry of the vizkit cache (``<cache>/maps/<key>/``, listed
by ``vizkit cache``): ``embedding.npy`` holds its coordinates and ``fit.json``
what the fit chose for the data (``perplexity_``, ``n_neighbors_``...) with the
:class:`~vizkit.errors.ParameterAdjustedWarning` messages it gave, which a
cached map gives again. The key (:func:`map_key`) is made of everything the
map depends on:

- the vectors' content: SHA-256 of their shape and float64 bytes (the very
  array the projector fits on), so a changed vector is another map;
- the projector's class and its parameters (``get_params``; ``progress``
  left out, it changes nothing drawn), the seed among them;
- the versions of the libraries that compute it (openTSNE, umap-learn,
  scikit-learn...) and :data:`MAP_VERSION`.

Only :class:`~vizkit.projection.PCA`, :class:`~vizkit.projection.TSNE` and
:class:`~vizkit.projection.UMAP` themselves are cached, and only under an int
``random_state`` with parameters that JSON spells exactly: without a seed a
map is meant to differ at every fit, and an object parameter has no stable
spelling. Anything else is simply fitted.

A projector whose map comes from the cache is *restored*, not fitted:
``embedding_`` is the stored map and the attributes fit would set are set,
but the model that places new points is fitted the first time ``transform``
needs it (with the same seed: the same map, whose stored coordinates it then
keeps, see :meth:`Projector._build_model`).

``$VIZKIT_CACHE`` moves the cache, read at every call; ``vizkit cache clear maps``
empties it.

Examples
--------
>>> import numpy as np, os, tempfile
>>> os.environ["VIZKIT_CACHE"] = tempfile.mkdtemp()
>>> from vizkit.projection import PCA
>>> from vizkit.projection.cache import fit_cached, map_key
>>> X = np.random.default_rng(0).normal(size=(50, 8))
>>> first = fit_cached(PCA(random_state=0), X)           # fitted, and stored
>>> again = fit_cached(PCA(random_state=0), X)           # read back: not fitted again
>>> bool(np.array_equal(first.embedding_, again.embedding_)), again.transform(X[:2]).shape
(True, (2, 2))
>>> map_key(PCA(random_state=None), X) is None          # no seed: not cached
True
"""

from __future__ import annotations

import json
import math
import warnings
from importlib import metadata

import numpy as np

from .. import _cache
from ..errors import InputError, ParameterAdjustedWarning
from ._base import Projector, as_array
from ._pca import PCA
from ._tsne import TSNE
from ._umap import UMAP

__all__ = ["MAP_VERSION", "NEIGHBOURS_VERSION", "fit_cached", "map_key", "cached_neighbours"]

#: format version of a map entry: raise it when what a projector's ``_fit`` computes changes
#: (a default inside it, a threshold), so a map of the former code is never read again
MAP_VERSION = 3  # 2: t-SNE and UMAP on knn_graph, UMAP laid out by manifolds-rs; 3: NN-descent's own graph from
#                   400k points, t-SNE from 200k points in locality_order
KIND = "maps"
#: format version of a neighbour-table entry (:func:`cached_neighbours`)
NEIGHBOURS_VERSION = 2  # 2: NN-descent's own graph (extract_knn) for 40-59 neighbours from 400k points
#: the projectors whose maps are cached, and the distributions whose versions are part of the key
LIBRARIES = {PCA: ("scikit-learn", "numpy"), TSNE: ("openTSNE", "manifolds-rs", "numpy"),
             UMAP: ("manifolds-rs", "numpy")}
#: parameters that change nothing in the map
IGNORED = frozenset({"progress"})


class _NotCanonical(Exception):
    pass


def _canonical(value):
    """A parameter as exact JSON (``30`` and ``30.0`` alike); raises ``_NotCanonical`` for anything else."""
    if value is None or isinstance(value, (bool, np.bool_, str)):
        return value if not isinstance(value, np.bool_) else bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        if not math.isfinite(value):
            raise _NotCanonical
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    raise _NotCanonical


def _vectors_sha256(A: np.ndarray) -> str:
    return _cache.array_sha256(np.asarray(A, dtype=np.float64))


def _inputs(projector, A: np.ndarray) -> dict | None:
    """What the map of ``A`` by ``projector`` depends on, or ``None`` when it is not to be cached."""
    libraries = LIBRARIES.get(type(projector))
    if libraries is None:
        return None
    try:
        params = {k: _canonical(v) for k, v in sorted(projector.get_params(deep=False).items())
                  if k not in IGNORED}
        versions = {name: metadata.version(name) for name in libraries}
    except (_NotCanonical, metadata.PackageNotFoundError):
        return None
    if not isinstance(params.get("random_state"), int) or isinstance(params["random_state"], bool):
        return None  # no seed: every fit is meant to be another map
    return {"vectors_sha256": _vectors_sha256(A), "shape": list(A.shape), "projector": type(projector).__name__,
            "params": params, "libraries": versions}


def _entry(projector, A: np.ndarray, inputs: dict):
    return _cache.Entry(KIND, inputs, version=MAP_VERSION,
                        built_by=f"{type(projector).__name__} map of {A.shape[0]} points ({A.shape[1]}-d)")


def map_key(projector: Projector, X) -> str | None:
    """The name of the cache entry of the map of ``X`` by ``projector``, or ``None`` when it is not cached.

    Parameters
    ----------
    projector : Projector
        Fitted or not; only its class and parameters count.
    X : array-like of shape (n_samples, n_features) or LabelledVectors

    Returns
    -------
    str or None
        ``None`` for a projector without an int ``random_state``, with a
        parameter JSON cannot spell exactly, or of a class the cache does not know.
    """
    inputs = _inputs(projector, as_array(X))
    return None if inputs is None else _cache.key(KIND, MAP_VERSION, inputs)  # the entry's name (no folder made)


def _attributes(projector) -> dict:
    """The public attributes fit set besides the map (``perplexity_``, ``explained_variance_ratio_``) as JSON."""
    out = {}
    for name, value in vars(projector).items():
        if not name.endswith("_") or name.startswith("_") or name in ("embedding_", "n_features_in_"):
            continue
        if isinstance(value, np.ndarray) and value.ndim == 1 and value.dtype.kind in "fiu":
            out[name] = {"ndarray": value.tolist(), "dtype": value.dtype.str}
        elif isinstance(value, (float, np.floating)):
            out[name] = float(value)  # as it is: 30.0 stays a float
        elif isinstance(value, (int, np.integer, bool, np.bool_, str)):
            out[name] = _canonical(value)
    return out


def _from_json(value):
    if isinstance(value, dict):
        return np.asarray(value["ndarray"], dtype=np.dtype(value["dtype"]))
    return value


def fit_cached(projector: Projector, X) -> Projector:
    """``projector.fit(X)``, unless the same map was computed before: then it is read from the cache.

    Parameters
    ----------
    projector : Projector
        Unfitted; it is fitted (on a miss) or restored (on a hit) in place.
    X : array-like of shape (n_samples, n_features) or LabelledVectors

    Returns
    -------
    Projector
        ``projector``, with ``embedding_`` the map of ``X`` (read: bitwise the map
        its fit gave) and the attributes a fit sets (``perplexity_``...). A restored
        projector fits its model the first time :meth:`~Projector.transform`
        places new points. The :class:`~vizkit.errors.ParameterAdjustedWarning`
        of the fit is given on a hit too; a damaged entry is rebuilt with one
        :class:`~vizkit._cache.CacheWarning`.
    """
    A = as_array(X)
    inputs = _inputs(projector, A) if len(A) >= projector.min_points else None  # too few: fit says so
    if inputs is None:
        return projector.fit(X)
    caught: list | None = None  # the warnings of the fit, when it was fitted here

    def build(folder):
        nonlocal caught
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always", ParameterAdjustedWarning)  # recorded to be given again on a hit
            projector.fit(X)
        caught = seen
        np.save(folder / "embedding.npy", np.asarray(projector.embedding_, dtype=np.float64), allow_pickle=False)
        said = [str(w.message) for w in seen if issubclass(w.category, ParameterAdjustedWarning)]
        (folder / "fit.json").write_text(json.dumps({"attributes": _attributes(projector), "warnings": said},
                                                    indent=1), encoding="utf-8")

    def load(folder):
        Y = np.load(folder / "embedding.npy", allow_pickle=False)
        shape = (len(A), projector.n_components)
        if Y.shape != shape or Y.dtype != np.float64 or not np.isfinite(Y).all():
            raise InputError(f"a map of shape {Y.shape} ({Y.dtype}) for {shape[0]} points in {shape[1]}-d")
        fit = json.loads((folder / "fit.json").read_text(encoding="utf-8"))
        attributes, said = fit["attributes"], fit["warnings"]
        if not isinstance(attributes, dict) or not isinstance(said, list) or not all(isinstance(s, str) for s in said):
            raise InputError("fit.json holds no attributes and warnings")
        return Y, {k: _from_json(v) for k, v in attributes.items()}, said

    Y, attributes, said = _entry(projector, A, inputs).get(build, load)
    if caught is not None:  # fitted here: what the fit said, as it said it
        for w in caught:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)
        return projector
    projector._restore(X, Y, {**attributes, "n_features_in_": A.shape[1]})
    for message in said:
        warnings.warn(message, ParameterAdjustedWarning, stacklevel=2)
    return projector


def cached_neighbours(X, n_neighbors: int = 10, *, metric: str = "cosine", progress: bool = False,
                      method: str = "exact", exact_up_to: int | None = None, graph: dict | None = None):
    """:func:`~vizkit.projection.nearest_neighbours` of every row, read from the cache when computed before.

    The exact neighbours of a whole vocabulary cost minutes (400,000 GloVe words: a 400,000 x 400,000
    product); they depend only on the vectors, so every map of the same vectors (t-SNE, UMAP, PCA, axes)
    shares one entry (kind ``neighbours``), keyed by the vectors' content, ``n_neighbors``, ``metric``,
    the method when approximate, and :data:`NEIGHBOURS_VERSION`.

    Parameters
    ----------
    method : {"exact", "auto", "nndescent"}, default "exact"
        ``"auto"``: exact up to ``exact_up_to`` points, NN-descent above
        (:func:`~vizkit.projection.knn.knn_graph`; on 100,000 GloVe words it finds 99 % of the exact
        neighbours in a seventh of the time).
    graph : dict, optional
        Take the neighbours as the first ``n_neighbors`` columns of a bigger NN-descent graph, the one a t-SNE
        map is computed on (``TSNE.graph_spec``: ``k``, ``random_state``; ``arrays``: that graph when it is
        at hand, else it is computed). One search instead of two: a million points save a minute and a half.
        The entry's key says which graph it came from.

    Returns
    -------
    indices : ndarray of int64, shape (n, n_neighbors)
    scores : ndarray of float32, shape (n, n_neighbors)
        Cosine similarity (``"cosine"``) or euclidean distance.
    """
    from .knn import EXACT_UP_TO, knn_graph, knn_method
    from .neighbours import nearest_neighbours

    A = as_array(X)
    n, k = len(A), int(n_neighbors)
    how = knn_method(n, method, EXACT_UP_TO if exact_up_to is None else exact_up_to)
    inputs = {"vectors_sha256": _vectors_sha256(A), "shape": list(A.shape), "n_neighbors": k, "metric": metric}
    if how != "exact":
        inputs["method"] = how  # exact entries keep the key they always had
    if graph is not None:
        if how != "nndescent" or graph["k"] < k:
            raise InputError(f"the neighbours can come from a bigger NN-descent graph only; got k={graph['k']} "
                             f"for {k} neighbours by {how}")
        inputs["graph"] = {"k": int(graph["k"]), "random_state": int(graph["random_state"])}
    entry = _cache.Entry("neighbours", inputs, version=NEIGHBOURS_VERSION,
                         built_by=f"{k} nearest neighbours ({metric}, {how}) of {n} points ({A.shape[1]}-d)")

    def compute():
        if how == "exact":
            return nearest_neighbours(A, k, metric=metric, progress=progress)
        if graph is None:
            idx, dist = knn_graph(A, k, metric=metric, method=how, progress=progress)
        else:
            idx, dist = graph.get("arrays") or knn_graph(A, int(graph["k"]), metric=metric, method=how,
                                                         random_state=int(graph["random_state"]), progress=progress)
            idx, dist = idx[:, :k], dist[:, :k]
        return idx, (1.0 - dist if metric == "cosine" else dist)

    def build(folder):
        idx, scores = compute()
        np.save(folder / "indices.npy", idx.astype(np.int32), allow_pickle=False)
        np.save(folder / "scores.npy", scores.astype(np.float32), allow_pickle=False)

    def load(folder):
        idx = np.load(folder / "indices.npy", allow_pickle=False)
        scores = np.load(folder / "scores.npy", allow_pickle=False)
        if idx.shape != (n, k) or scores.shape != (n, k) or idx.dtype != np.int32 or scores.dtype != np.float32:
            raise InputError(f"a neighbour table of shape {idx.shape} ({idx.dtype}) for {n} points and k={k}")
        if idx.size and (idx.min() < 0 or idx.max() >= n or not np.isfinite(scores).all()):
            raise InputError("a neighbour table with rows outside the data or non-finite scores")
        return idx.astype(np.int64), scores

    return entry.get(build, load)
