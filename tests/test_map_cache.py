"""The map cache (issues 14 and 15): a map computed once is read from disk, never computed twice; real GloVe."""

import csv
import doctest
import json

import numpy as np
import pytest

from vizkit import _cache, cache, explore
from vizkit.cli import main
from vizkit.errors import ParameterAdjustedWarning
from vizkit.projection import PCA, TSNE, UMAP, Axes, StableMap
from vizkit.projection import cache as map_cache
from vizkit.projection.cache import MAP_VERSION, fit_cached, map_key

from conftest import SEED

NEW = ["queen", "tokyo", "sparrow", "guitar"]


def _forbid_fitting(monkeypatch, cls):
    """``cls`` cannot fit any more (neither ``fit`` nor the ``_fit`` that builds a model)."""
    def refuse(self, *args, **kwargs):
        raise AssertionError(f"{cls.__name__} was fitted")

    monkeypatch.setattr(cls, "fit", refuse)
    monkeypatch.setattr(cls, "_fit", refuse)


def _record_fits(monkeypatch, cls) -> list:
    """The map each ``cls._fit`` computes from now on, in order."""
    maps, fit = [], cls._fit

    def recorded(self, X):
        Y = fit(self, X)
        maps.append(np.array(Y, dtype=np.float64))
        return Y

    monkeypatch.setattr(cls, "_fit", recorded)
    return maps


@pytest.fixture(scope="module")
def tsne_cache(tmp_path_factory, glove_1k):
    """A map cache holding the t-SNE map of 1000 GloVe words, and the StableMap that computed it."""
    root = tmp_path_factory.mktemp("map-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("VIZKIT_CACHE", str(root))
        first = StableMap("tsne", random_state=SEED).fit(glove_1k)
    return root, first


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """An empty map cache for one test (the cache root is read at every use)."""
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_examples_run(monkeypatch):
    monkeypatch.setenv("VIZKIT_CACHE", "")  # the example points it at a fresh folder; put back afterwards
    result = doctest.testmod(map_cache)
    assert result.attempted >= 5 and result.failed == 0


def test_a_second_fit_of_the_same_map_is_read_from_the_cache(tsne_cache, glove_1k, monkeypatch):
    root, first = tsne_cache
    monkeypatch.setenv("VIZKIT_CACHE", str(root))
    assert not hasattr(first.projector_, "_unfitted")  # the first map was computed
    _forbid_fitting(monkeypatch, TSNE)
    with pytest.raises(AssertionError, match="TSNE was fitted"):  # without the cache this needs a fit
        StableMap("tsne", random_state=SEED, cache=False).fit(glove_1k)
    again = StableMap("tsne", random_state=SEED).fit(glove_1k)
    np.testing.assert_array_equal(again.reference_, first.reference_)
    np.testing.assert_array_equal(again.extent_, first.extent_)
    assert again.reference_.shape == (1000, 2) and again.projector_.perplexity_ == 30.0
    assert [i.name for i in cache.entries("maps")] == [map_key(TSNE(random_state=SEED), glove_1k)]


def test_place_after_a_cache_hit_places_as_the_full_fit_without_fitting_again(tsne_cache, glove, glove_1k,
                                                                              monkeypatch):
    root, first = tsne_cache
    monkeypatch.setenv("VIZKIT_CACHE", str(root))
    hit = StableMap("tsne", random_state=SEED).fit(glove_1k)
    refits = _record_fits(monkeypatch, TSNE)
    new = glove.vectors(NEW)
    placed = hit.transform(new)
    # t-SNE places new points by its affinities to the map: built from the vectors, no optimisation run again
    assert refits == []
    np.testing.assert_array_equal(hit.transform(new), placed)
    assert hit.reference_ is hit.projector_.embedding_
    # ... and a word lands where the map that was fitted, not read, puts it
    span = np.ptp(first.reference_, axis=0).max()
    np.testing.assert_allclose(placed, first.transform(new), rtol=0, atol=1e-6 * span)
    king = first.reference_[list(glove_1k.labels).index("king")]
    assert np.linalg.norm(placed[0] - king) < 0.1 * span  # queen next to king


@pytest.mark.parametrize("cls", [PCA, UMAP])
def test_the_lazily_fitted_projector_gives_the_cached_map_again(cls, own_cache, glove, glove_1k, monkeypatch):
    X = glove_1k[:300]
    stored = StableMap(cls(random_state=SEED)).fit(X)
    hit = StableMap(cls(random_state=SEED)).fit(X)
    refits = _record_fits(monkeypatch, cls)
    placed = hit.transform(glove.vectors(NEW))
    if cls is PCA:  # refitted (a PCA is cheap and has no seed-dependent optimisation)
        assert len(refits) == 1
        np.testing.assert_array_equal(refits[0], stored.reference_)
    else:  # UMAP places by its neighbours and the stored map: nothing fitted again
        assert refits == []
    np.testing.assert_allclose(placed, stored.transform(glove.vectors(NEW)), rtol=0, atol=1e-9)
    if cls is PCA:
        np.testing.assert_array_equal(hit.projector_.explained_variance_ratio_,
                                      stored.projector_.explained_variance_ratio_)


@pytest.mark.parametrize("cls", [TSNE, UMAP])
def test_a_restored_map_places_among_its_stored_points_whatever_a_refit_would_give(cls, own_cache, glove, glove_1k,
                                                                                  monkeypatch):
    # a cache made on a machine that rounds differently (here: another seed) must still place among its own points
    X, new = glove_1k[:300], glove.vectors(NEW)
    stored = StableMap(cls(random_state=SEED)).fit(X)
    hit = StableMap(cls(random_state=SEED)).fit(X)
    monkeypatch.setattr(cls, "_seed", lambda self: SEED + 1)
    refits = _record_fits(monkeypatch, cls)
    placed = hit.transform(new)
    assert refits == []  # placing needs the vectors and the stored map, no layout
    np.testing.assert_array_equal(hit.reference_, stored.reference_)
    span = np.ptp(stored.reference_, axis=0).max()
    np.testing.assert_allclose(placed, stored.transform(new), rtol=0, atol=1e-6 * span)  # placed among the shown points
    elsewhere = StableMap(cls(random_state=SEED + 1), cache=False).fit(X).transform(new)
    assert np.abs(elsewhere - stored.transform(new)).max() > 0.05 * span  # what placing into another map would give


def test_the_key_holds_the_vectors_content_the_seed_and_the_parameters(glove_1k):
    V = np.asarray(glove_1k.vectors)
    key = map_key(TSNE(random_state=SEED), glove_1k)
    assert len(key) == 20
    # the same map: the same content however it is held, a parameter spelled otherwise, a progress bar
    assert {map_key(TSNE(random_state=SEED), V.astype(np.float64)), map_key(TSNE(random_state=SEED), V.copy()),
            map_key(TSNE(perplexity=30, random_state=np.int64(SEED)), glove_1k),
            map_key(TSNE(random_state=SEED, progress=True), glove_1k)} == {key}
    changed = V.copy()
    changed[123, 7] += 1e-4
    others = [map_key(TSNE(random_state=SEED), changed), map_key(TSNE(random_state=SEED), V[::-1]),
              map_key(TSNE(random_state=SEED), V[:999]), map_key(TSNE(random_state=SEED + 1), glove_1k),
              map_key(TSNE(perplexity=20, random_state=SEED), glove_1k),
              map_key(TSNE(n_iter=500, random_state=SEED), glove_1k),
              map_key(UMAP(random_state=SEED), glove_1k), map_key(PCA(random_state=SEED), glove_1k)]
    assert len(set(others) | {key}) == len(others) + 1


def test_the_entry_records_what_the_map_depends_on(own_cache, glove_1k):
    X = glove_1k[:300]
    proj = fit_cached(TSNE(perplexity=20.0, random_state=SEED), X)
    folder = own_cache / "maps" / map_key(TSNE(perplexity=20, random_state=SEED), X)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == MAP_VERSION and set(manifest["files"]) == {"embedding.npy", "fit.json"}
    inputs = manifest["inputs"]
    assert inputs["projector"] == "TSNE" and inputs["shape"] == [300, 50] and len(inputs["vectors_sha256"]) == 64
    assert inputs["params"]["perplexity"] == 20 and inputs["params"]["random_state"] == SEED
    assert "progress" not in inputs["params"] and set(inputs["libraries"]) == {"openTSNE", "manifolds-rs", "numpy"}
    np.testing.assert_array_equal(np.load(folder / "embedding.npy", allow_pickle=False), proj.embedding_)


@pytest.mark.parametrize("damage", ["truncated", "not finite"])
def test_a_damaged_entry_is_rebuilt_with_one_cache_warning(damage, own_cache, glove_1k, monkeypatch):
    X = glove_1k[:300]
    fits = _record_fits(monkeypatch, TSNE)
    first = fit_cached(TSNE(random_state=SEED), X).embedding_
    folder = own_cache / "maps" / map_key(TSNE(random_state=SEED), X)
    npy = folder / "embedding.npy"
    if damage == "truncated":
        data = npy.read_bytes()
        npy.write_bytes(data[: len(data) // 2])
    else:  # files that check out against the manifest, holding a map no fit gives
        Y = np.load(npy)
        Y[5, 1] = np.nan
        np.save(npy, Y)
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        manifest["files"]["embedding.npy"].update(size=npy.stat().st_size, sha256=_cache.file_sha256(npy),
                                                  mtime_ns=npy.stat().st_mtime_ns)
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.warns(_cache.CacheWarning) as record:
        again = fit_cached(TSNE(random_state=SEED), X)
    assert [w.category for w in record] == [_cache.CacheWarning]
    assert "rebuilding" in str(record[0].message) and len(fits) == 2
    np.testing.assert_array_equal(again.embedding_, first)
    third = fit_cached(TSNE(random_state=SEED), X)  # good again: read, no warning (they are errors here)
    assert len(fits) == 2
    np.testing.assert_array_equal(third.embedding_, first)


def test_without_an_int_seed_or_with_an_object_parameter_nothing_is_cached(own_cache, glove, glove_1k, monkeypatch):
    X = glove_1k[:100]
    assert map_key(TSNE(random_state=None), X) is None
    assert map_key(TSNE(random_state=np.random.RandomState(SEED)), X) is None
    assert map_key(Axes("man:woman", source=glove), X) is None
    assert map_key(UMAP(metric=lambda a, b: 0.0, random_state=SEED), X) is None
    fits = _record_fits(monkeypatch, TSNE)
    a = fit_cached(TSNE(random_state=None), X)
    b = fit_cached(TSNE(random_state=None), X)
    assert len(fits) == 2 and not np.allclose(a.embedding_, b.embedding_)  # two seeds, two maps
    smap = StableMap("tsne", random_state=None).fit(X)
    assert len(fits) == 3 and smap.transform(glove.vectors(NEW)).shape == (4, 2)
    assert cache.entries("maps") == []


def test_a_parameter_warning_is_given_again_when_the_map_is_read(own_cache, glove, monkeypatch):
    X = glove.vectors(["king", "queen", "prince", "paris", "rome", "berlin", "owl", "eagle", "sparrow", "cat",
                       "dog", "horse", "red", "blue", "green", "one", "two", "three", "car", "bus"])
    fits = _record_fits(monkeypatch, TSNE)
    with pytest.warns(ParameterAdjustedWarning) as computed:
        a = fit_cached(TSNE(perplexity=10, random_state=SEED), X)
    with pytest.warns(ParameterAdjustedWarning) as read:
        b = fit_cached(TSNE(perplexity=10, random_state=SEED), X)
    assert len(fits) == 1 and b.perplexity_ == a.perplexity_ == 19 / 3
    assert [str(w.message) for w in read] == [str(w.message) for w in computed] == [
        "perplexity=10 cannot work here (t-SNE needs 3 x perplexity neighbours per point; each of the 20 points "
        "has 19); using perplexity=6.33"]
    assert b.transform(glove.vectors(["princess"])).shape == (1, 2)  # the lazy fit says nothing again


def test_the_cli_the_explorer_and_stable_map_share_one_map(own_cache, capsys, glove, tmp_path, monkeypatch):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    assert main(["project", "--top-words", "300", "--method", "tsne", "--seed", "3", "--out", str(a)]) == 0
    _forbid_fitting(monkeypatch, TSNE)
    assert main(["project", "--top-words", "300", "--method", "tsne", "--seed", "3", "--out", str(b)]) == 0
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")
    rows = list(csv.reader(a.open(encoding="utf-8")))[1:]
    from_csv = np.array([[float(x), float(y)] for _, x, y in rows])
    points = glove.vectors(glove.top_words(300))
    proj = explore.map_projector(points, "tsne", None, random_state=3)  # what the explorer widget draws
    np.testing.assert_allclose(proj.embedding_, from_csv, rtol=0, atol=1e-6)
    assert explore.map_label("tsne", proj) == "t-SNE, perplexity 30"
    np.testing.assert_array_equal(StableMap("tsne", random_state=3).fit(points).reference_, proj.embedding_)
    assert len(cache.entries("maps")) == 1
    capsys.readouterr()


def test_a_neighbour_table_is_computed_once_for_every_map_of_the_same_vectors(own_cache, glove_1k, monkeypatch):
    import warnings

    from vizkit.atlas import Atlas
    from vizkit.projection import nearest_neighbours
    from vizkit.projection.cache import cached_neighbours
    from vizkit.projection import neighbours as neighbours_module

    want = nearest_neighbours(glove_1k, 10)
    got = cached_neighbours(glove_1k, 10)
    assert np.array_equal(got[0], want[0]) and np.allclose(got[1], want[1])

    def forbidden(*args, **kwargs):
        raise AssertionError("computed again")

    monkeypatch.setattr(neighbours_module, "nearest_neighbours", forbidden)
    again = cached_neighbours(glove_1k, 10)
    assert np.array_equal(again[0], want[0])
    pca = Atlas(method="pca", levels=(4,)).fit(glove_1k)  # another map of the same vectors: the same table
    assert np.array_equal(pca.neighbour_table()[0], want[0])
    with pytest.raises(AssertionError, match="computed again"):
        cached_neighbours(glove_1k, 5)  # another k: another entry
    monkeypatch.undo()
    monkeypatch.setenv("VIZKIT_CACHE", str(own_cache))
    entry = next(p for p in (own_cache / "neighbours").iterdir() if (p / "indices.npy").exists())
    (entry / "indices.npy").write_bytes((entry / "indices.npy").read_bytes()[:100])  # damaged
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        rebuilt = cached_neighbours(glove_1k, 10)
    assert np.array_equal(rebuilt[0], want[0])
    assert [str(w.message) for w in seen if issubclass(w.category, _cache.CacheWarning)][0].startswith("cache entry neighbours/")
