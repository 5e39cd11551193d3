"""Exact neighbours in the original space, and where a 2-D map keeps or tears them (per-point preservation)."""

import doctest

import numpy as np
import pytest
from sklearn.neighbors import NearestNeighbors

from vizkit.errors import InputError
from vizkit.projection import PCA, TSNE, nearest_neighbours, neighbour_preservation, neighbours


def test_docstring_examples_run():
    result = doctest.testmod(neighbours)
    assert result.attempted >= 3 and result.failed == 0


@pytest.mark.parametrize("metric", ["cosine", "euclidean"])
def test_same_neighbours_as_scikit_learn(glove_1k, metric):
    idx, score = nearest_neighbours(glove_1k, 10, metric=metric)
    ref_d, ref = NearestNeighbors(n_neighbors=11, metric=metric, algorithm="brute").fit(
        glove_1k.vectors).kneighbors(glove_1k.vectors)
    assert idx.shape == (1000, 10) and not (idx == np.arange(1000)[:, None]).any()  # never itself
    assert np.mean([set(a) == set(b) for a, b in zip(idx, ref[:, 1:])]) > 0.995
    expected = 1 - ref_d[:, 1:] if metric == "cosine" else ref_d[:, 1:]
    np.testing.assert_allclose(score, expected, atol=2e-5)
    assert (np.diff(score, axis=1) <= 1e-6).all() if metric == "cosine" else (np.diff(score, axis=1) >= -1e-6).all()


def test_blocks_and_queries_do_not_change_the_answer(glove_1k):
    full, _ = nearest_neighbours(glove_1k, 5)
    small, _ = nearest_neighbours(glove_1k, 5, chunk=7)
    some, _ = nearest_neighbours(glove_1k, 5, queries=[3, 500, 999])
    np.testing.assert_array_equal(full, small)
    np.testing.assert_array_equal(some, full[[3, 500, 999]])


def test_a_good_map_keeps_neighbours_a_bad_one_tears_them(glove_1k):
    # before/after: a random layout keeps about k/n of them, PCA few, t-SNE many
    rng = np.random.default_rng(0)
    random = neighbour_preservation(glove_1k, rng.normal(size=(1000, 2)))
    pca = neighbour_preservation(glove_1k, PCA(random_state=0).fit_transform(glove_1k))
    tsne = neighbour_preservation(glove_1k, TSNE(random_state=0).fit_transform(glove_1k))
    assert random.shape == (1000,) and set(np.unique(tsne)) <= {i / 10 for i in range(11)}
    assert random.mean() < 0.03
    assert pca.mean() < 0.15
    assert tsne.mean() > 0.35 and tsne.mean() > pca.mean() + 0.25
    # the original space keeps all of them; the same vectors by euclidean on unit rows too
    unit = glove_1k.unit()
    assert neighbour_preservation(glove_1k, unit).min() == 1.0


def test_errors_name_the_fix(glove_1k):
    with pytest.raises(InputError, match=r"1000 vectors but 10 map points"):
        neighbour_preservation(glove_1k, np.zeros((10, 2)))
    with pytest.raises(InputError, match=r"n_neighbors must be in \[1, 2\] for 3 points"):
        nearest_neighbours(np.eye(3), 3)
    with pytest.raises(InputError, match="metric must be"):
        nearest_neighbours(np.eye(3), 1, metric="manhattan")


def test_a_map_coloured_by_preservation_has_a_colour_bar(glove_1k):
    from vizkit.plot import scatter

    coords = PCA(random_state=0).fit_transform(glove_1k)
    kept = neighbour_preservation(glove_1k, coords)
    fig = scatter(glove_1k, coords, color=kept, color_title="neighbours kept", color_range=(0, 1))
    assert len(fig.data) == 1
    marker = fig.data[0].marker
    np.testing.assert_array_equal(marker.color, kept)
    assert marker.showscale and (marker.cmin, marker.cmax) == (0, 1)
    assert marker.colorbar.title.text == "neighbours kept"
    i = int(np.argmax(kept))
    assert fig.data[0].hovertext[i].endswith(f"neighbours kept: {kept[i]:.3g}")
    with pytest.raises(InputError, match="3 colour values for 1000 points"):
        scatter(glove_1k, coords, color=np.array([0.1, 0.2, 0.3]))
