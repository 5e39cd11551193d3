"""The atlas state object: one map of thousands of words, its labelled clusters, search and true neighbours."""

import numpy as np
import pytest

from vizkit.atlas import Atlas
from vizkit.errors import InputError, UnknownWordError


@pytest.fixture(scope="module")
def words_3k(glove):
    return glove.vectors([w for w in glove.top_words(4000) if w.isalpha()][:3000])


@pytest.fixture(scope="module")
def atlas(words_3k):
    return Atlas(words_3k, method="pca", levels=(8, 32)).fit()


def test_fit_gives_a_map_and_two_levels_of_labelled_clusters(atlas):
    assert atlas.coords_.shape == (3000, 2)
    assert [len(c) for c in atlas.clusters_] == [8, 32]
    assert all(label for c in atlas.clusters_ for label in c.labels)
    again = Atlas(atlas.points, method="pca", levels=(8, 32)).fit()
    np.testing.assert_array_equal(again.coords_, atlas.coords_)
    assert again.clusters(1).labels == atlas.clusters(1).labels


def test_neighbours_are_the_true_ones_with_what_the_map_kept(atlas, words_3k):
    near = atlas.neighbours("king")
    expected = words_3k.most_similar("king", top=10)
    assert near["label"].tolist() == [w for w, _ in expected]
    np.testing.assert_allclose(near["cosine"], [c for _, c in expected], atol=1e-5)
    assert list(near.columns) == ["label", "cosine", "row", "map_rank", "kept", "x", "y"]
    assert (near["kept"] == (near["map_rank"] <= 10)).all()
    # the share kept is the distortion colouring's value for that point
    assert near["kept"].mean() == pytest.approx(atlas.preservation()[atlas.find("king")[0]])
    np.testing.assert_allclose(near[["x", "y"]], atlas.coords_[near["row"]])


def test_a_vector_query_is_placed_on_the_map(atlas, glove):
    near = atlas.neighbours(glove.vector("queen"), k=5)
    assert near["label"].iloc[0] == "queen" and near["cosine"].iloc[0] == pytest.approx(1.0, abs=1e-5)
    assert near["map_rank"].iloc[0] == 1  # placed exactly where queen is drawn (a PCA map)


def test_the_figure_colours_labels_and_highlights(atlas):
    fig = atlas.figure(query="king", color="distortion")
    base, neighbours, star = fig.data
    assert base.type == "scattergl" and base.marker.showscale
    np.testing.assert_array_equal(base.marker.color, atlas.preservation())
    assert neighbours.name == "true neighbours" and len(neighbours.x) == 10
    kept = atlas.neighbours("king")["kept"]
    assert [c == "#2ca02c" for c in neighbours.marker.line.color] == kept.tolist()
    assert star.name == "king" and f"{int(kept.sum())} kept near on the map" in fig.layout.title.text
    assert len(fig.layout.annotations) == 8  # the coarse level's labels
    by_cluster = atlas.figure(level=1)
    assert len(by_cluster.data) == 32 and len(by_cluster.layout.annotations) == 32
    assert {t.name for t in by_cluster.data} == set(atlas.clusters(1).labels)


def test_clear_errors(words_3k, atlas):
    with pytest.raises(InputError, match="not fitted yet"):
        Atlas(words_3k).neighbours("king")
    with pytest.raises(UnknownWordError, match="kingg"):
        atlas.neighbours("kingg")
    with pytest.raises(InputError, match=r"query vector has shape \(3,\); expected \(50,\)"):
        atlas.neighbours(np.ones(3))
    with pytest.raises(InputError, match="an Atlas maps LabelledVectors"):
        Atlas(np.eye(3)).fit()


def test_markup_in_labels_is_text_in_the_figure(glove):
    from vizkit.vectors import LabelledVectors

    evil = "<img src=x onerror=alert(1)>"
    base = glove.vectors(glove.top_words(60))
    lv = LabelledVectors(base.vectors, [evil] + base.labels[1:].tolist())
    atlas = Atlas(lv, method="pca", levels=(3,)).fit()
    fig = atlas.figure(query=evil)
    shown = [fig.layout.title.text] + [a.text for a in fig.layout.annotations]
    for trace in fig.data:
        shown += [trace.name] + list(trace.text or []) + list(trace.hovertext or [])
    assert not [s for s in shown if "<img" in str(s)]
    assert sum("&lt;img src=x onerror=alert(1)&gt;" in str(s) for s in shown) >= 4  # hover, star, title, legend
