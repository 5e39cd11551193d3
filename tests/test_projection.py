"""One projection contract: determinism, quality thresholds, parameter adjustment, stable maps."""

import numpy as np
import pytest
from sklearn.manifold import trustworthiness as sk_trustworthiness

from vizkit.errors import InputError, ParameterAdjustedWarning
from vizkit.projection import (PCA, TSNE, UMAP, NotFittedError, StableMap, get_projector, procrustes_align,
                               trustworthiness)

from conftest import SEED

METHODS = ["pca", "tsne", "umap"]
# Trustworthiness (k=10, cosine) on 1000 GloVe words; measured PCA 0.72, t-SNE 0.93, UMAP 0.93.
THRESHOLDS = {"pca": 0.65, "tsne": 0.9, "umap": 0.88}


@pytest.fixture(scope="module")
def maps(glove_1k):
    return {m: get_projector(m, random_state=SEED).fit_transform(glove_1k) for m in METHODS}


@pytest.mark.parametrize("method", METHODS)
def test_quality_threshold(method, maps, glove_1k):
    coords = maps[method]
    assert coords.shape == (1000, 2)
    assert trustworthiness(glove_1k.vectors, coords, n_neighbors=10) >= THRESHOLDS[method]


@pytest.mark.parametrize("method", METHODS)
def test_same_seed_same_coordinates(method, maps, glove_1k):
    again = get_projector(method, random_state=SEED).fit_transform(glove_1k)
    np.testing.assert_array_equal(again, maps[method])


# Run in a fresh interpreter: nothing shared with the test process (imports, numba's compiled code, caches).
FRESH_MAPS = """
import sys
import numpy as np
from vizkit.projection import get_projector
from vizkit.sources import GloVe

glove = GloVe()
X = glove.vectors([w for w in glove.words[200:3000] if w.isalpha()][:500])
maps = {m: get_projector(m, random_state=int(sys.argv[2])).fit_transform(X) for m in ("pca", "tsne", "umap")}
np.savez(sys.argv[1], **maps)
"""


@pytest.mark.slow
def test_same_seed_same_coordinates_in_two_fresh_processes(tmp_path):
    """Bitwise, on 500 GloVe words, with t-SNE's default two threads and Python's string hashing differing."""
    import os
    import subprocess
    import sys

    runs = []
    for i in (1, 2):
        out = tmp_path / f"maps{i}.npz"
        env = {**os.environ, "PYTHONHASHSEED": str(i)}
        done = subprocess.run([sys.executable, "-c", FRESH_MAPS, str(out), str(SEED)], env=env,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        runs.append(np.load(out))
    for method in METHODS:
        assert runs[0][method].shape == (500, 2)
        assert np.array_equal(runs[0][method], runs[1][method]), method


def test_different_seed_differs_for_stochastic_methods(glove_1k, maps):
    other = TSNE(random_state=SEED + 1).fit_transform(glove_1k)
    assert not np.allclose(other, maps["tsne"])


def test_trustworthiness_matches_scikit_learn(rng):
    X = rng.normal(size=(300, 12))
    Y = X[:, :2] + 0.3 * rng.normal(size=(300, 2))
    ours = trustworthiness(X, Y, n_neighbors=7, metric="euclidean", sample=None)
    assert ours == pytest.approx(sk_trustworthiness(X, Y, n_neighbors=7), abs=1e-12)
    sampled = trustworthiness(X, Y, n_neighbors=7, metric="euclidean", sample=150)
    assert abs(sampled - ours) < 0.05


def test_tsne_perplexity_adjusted_with_warning(rng):
    X = rng.normal(size=(12, 5))
    with pytest.warns(ParameterAdjustedWarning, match=r"perplexity=30.0 .* using perplexity=3.67"):
        proj = TSNE(random_state=SEED).fit(X)
    assert proj.perplexity_ == pytest.approx(11 / 3)
    assert proj.embedding_.shape == (12, 2)


def test_umap_n_neighbors_adjusted_with_warning(rng):
    X = rng.normal(size=(8, 5))
    with pytest.warns(ParameterAdjustedWarning, match="n_neighbors=15 .* using n_neighbors=7"):
        proj = UMAP(random_state=SEED).fit(X)
    assert proj.n_neighbors_ == 7
    assert np.isfinite(proj.embedding_).all()


@pytest.mark.parametrize("method", METHODS)
def test_bad_inputs_are_clear(method, rng):
    proj = get_projector(method, random_state=SEED)
    with pytest.raises(InputError, match="no points"):
        proj.fit(np.zeros((0, 5)))
    with pytest.raises(InputError, match="at least"):
        proj.fit(rng.normal(size=(1, 5)))
    bad = rng.normal(size=(10, 3))
    bad[4, 1] = np.nan
    with pytest.raises(InputError, match=r"NaN or inf \(rows \[4\]\)"):
        proj.fit(bad)
    with pytest.raises(InputError, match="2-D"):
        proj.fit(np.ones(5))
    with pytest.raises(NotFittedError, match="fit"):
        get_projector(method).transform(rng.normal(size=(3, 3)))


def test_pca_small_and_duplicate_points():
    coords = PCA().fit_transform(np.array([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]))
    assert coords.shape == (2, 2) and np.allclose(coords, 0)
    coords = PCA().fit_transform(np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 2.0]]))
    assert coords.shape == (3, 2)


def test_transform_dimension_mismatch(rng):
    proj = PCA().fit(rng.normal(size=(10, 4)))
    with pytest.raises(InputError, match="fitted on 4-d vectors; got 3-d"):
        proj.transform(rng.normal(size=(2, 3)))


def test_unknown_method():
    with pytest.raises(ValueError, match="choose one of: pca, tsne, umap"):
        get_projector("mds")


def test_procrustes_recovers_known_rotation(rng):
    ref = rng.normal(size=(30, 2))
    theta = 1.1
    rot = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    moved = ref @ rot + np.array([4.0, -2.0])
    np.testing.assert_allclose(procrustes_align(moved, ref), ref, atol=1e-10)
    mirrored = ref * np.array([1, -1]) @ rot  # a reflection, as when a PCA axis flips sign
    np.testing.assert_allclose(procrustes_align(mirrored, ref), ref, atol=1e-10)


def test_procrustes_pairs_by_label_including_repeats(rng):
    ref = rng.normal(size=(6, 2))
    ref_labels = ["bank", "bank", "money", "river", "loan", "water"]
    rot = np.array([[0.0, -1.0], [1.0, 0.0]])
    order = [3, 0, 5, 1, 2, 4]  # shuffled; the two banks keep their relative order
    moved = ref[order] @ rot
    out = procrustes_align(moved, ref, moving_labels=[ref_labels[i] for i in order], reference_labels=ref_labels)
    np.testing.assert_allclose(out, ref[order], atol=1e-10)
    with pytest.raises(InputError, match="only 1 shared label"):
        procrustes_align(moved[:2], ref[:2], moving_labels=["a", "b"], reference_labels=["a", "c"])


@pytest.mark.parametrize("method", METHODS)
def test_stable_map_places_new_points_without_moving_the_reference(method, glove, glove_1k):
    from vizkit import LabelledVectors

    ref = LabelledVectors.concat([glove_1k[:300], glove.vectors(["king", "queen", "prince", "emperor"])])
    smap = StableMap(method, random_state=SEED).fit(ref)
    before = smap.reference_.copy()
    near = glove.vectors(["monarch", "princess"])
    placed = smap.transform(near)
    assert placed.shape == (2, 2)
    np.testing.assert_array_equal(smap.reference_, before)
    # a new word lands among the map positions of its nearest reference words
    unit = ref.unit()
    for vec, xy in zip(near.vectors, placed):
        nearest = np.argmax(unit @ (vec / np.linalg.norm(vec)))
        dists = np.linalg.norm(before - xy, axis=1)
        # (UMAP places a point at the weighted mean of its 15 neighbours' positions: among them, not on the nearest;
        # test_umap_places_new_points_as_umap_learn checks that mean against umap-learn)
        assert (dists < dists[nearest]).mean() < {"pca": 0.2, "tsne": 0.05, "umap": 0.3}[method]
    if method == "pca":
        np.testing.assert_allclose(smap.transform(ref), before, atol=1e-9)


def _library_output(capfd, caplog):
    """What the libraries printed (stdout, stderr) or logged (pytest holds the records) during a test."""
    out, err = capfd.readouterr()
    logged = [f"{r.name}: {r.getMessage()}" for r in caplog.records if not r.name.startswith("vizkit")]
    return out + err, logged


def test_small_tsne_prints_nothing_and_warns_once_with_the_perplexity_used(glove, capfd, caplog):
    words = ["king", "queen", "prince", "paris", "rome", "berlin", "owl", "eagle", "sparrow", "cat",
             "dog", "horse", "red", "blue", "green", "one", "two", "three", "car", "bus"]
    with pytest.warns(ParameterAdjustedWarning) as record:
        proj = TSNE(perplexity=10, random_state=SEED).fit(glove.vectors(words))  # 20 points: (20 - 1) / 3 at most
    assert [str(w.message) for w in record] == [
        "perplexity=10 cannot work here (t-SNE needs 3 x perplexity neighbours per point; each of the 20 points "
        "has 19); using perplexity=6.33"]
    assert proj.perplexity_ == 19 / 3
    # openTSNE places new points with perplexity 5, too many for a map of 10
    with pytest.warns(ParameterAdjustedWarning, match="using perplexity=3$"):
        small = TSNE(random_state=SEED).fit(glove.vectors(words[:10]))
    assert small.transform(glove.vectors(["princess", "madrid"])).shape == (2, 2)
    # openTSNE said nothing of its own ("Perplexity value 9 is too high. Using perplexity 6.33 instead")
    assert _library_output(capfd, caplog) == ("", [])


def test_small_umap_prints_nothing(rng, capfd, caplog):
    X = rng.normal(size=(8, 5))
    with pytest.warns(ParameterAdjustedWarning, match="using n_neighbors=7"):
        proj = UMAP(random_state=SEED).fit(X)
    proj.transform(rng.normal(size=(2, 5)))
    assert _library_output(capfd, caplog) == ("", [])
