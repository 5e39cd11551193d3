"""The atlas state object: one map of thousands of words, its labelled clusters, search and true neighbours."""

import warnings

import numpy as np
import pytest
from sklearn.base import clone

from vizkit.atlas import Atlas
from vizkit.errors import InputError, UnknownWordError
from vizkit.projection import PCA, NotFittedError


@pytest.fixture(scope="module")
def words_3k(glove):
    return glove.vectors([w for w in glove.top_words(4000) if w.isalpha()][:3000])


@pytest.fixture(scope="module")
def atlas(words_3k):
    return Atlas(method="pca", levels=(8, 32)).fit(words_3k)


def test_fit_gives_a_map_and_two_levels_of_labelled_clusters(atlas):
    assert atlas.coords_.shape == (3000, 2)
    assert [len(c) for c in atlas.clusters_] == [8, 32]
    assert all(label for c in atlas.clusters_ for label in c.labels)
    again = Atlas(method="pca", levels=(8, 32)).fit(atlas.points)
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
    with pytest.raises(NotFittedError, match="not fitted yet"):
        Atlas().neighbours("king")
    with pytest.raises(UnknownWordError, match="kingg"):
        atlas.neighbours("kingg")
    with pytest.raises(InputError, match=r"query vector has shape \(3,\); expected \(50,\)"):
        atlas.neighbours(np.ones(3))
    with pytest.raises(InputError, match="an Atlas maps LabelledVectors"):
        Atlas().fit(np.eye(3))


def test_markup_in_labels_is_text_in_the_figure(glove):
    from vizkit.vectors import LabelledVectors

    evil = "<img src=x onerror=alert(1)>"
    base = glove.vectors(glove.top_words(60))
    lv = LabelledVectors(base.vectors, [evil] + base.labels[1:].tolist())
    atlas = Atlas(method="pca", levels=(3,)).fit(lv)
    fig = atlas.figure(query=evil)
    shown = [fig.layout.title.text] + [a.text for a in fig.layout.annotations]
    for trace in fig.data:
        shown += [trace.name] + list(trace.text or []) + list(trace.hovertext or [])
    assert not [s for s in shown if "<img" in str(s)]
    assert sum("&lt;img src=x onerror=alert(1)&gt;" in str(s) for s in shown) >= 4  # hover, star, title, legend


# ---------------------------------------------------------------- scikit-learn's estimator contract
def test_init_stores_keyword_parameters_only_and_clone_copies_them():
    atlas = Atlas(method="pca", levels=(4, 16), n_neighbors=5, random_state=3, params={"normalize": True})
    assert atlas.get_params() == {"method": "pca", "n_components": 2, "random_state": 3, "levels": (4, 16),
                                  "n_neighbors": 5, "params": {"normalize": True}}
    assert clone(atlas).get_params() == atlas.get_params()
    assert clone(Atlas(method="pca")).get_params() == Atlas(method="pca").get_params()
    with pytest.raises(TypeError):
        Atlas("pca", "tsne")


def test_get_params_and_set_params_round_trip():
    atlas = Atlas(method=PCA(normalize=True, random_state=1), levels=(3,))
    deep = atlas.get_params(deep=True)
    assert deep["method__normalize"] is True  # the projector's own parameters, as a pipeline sees them
    other = Atlas().set_params(**atlas.get_params())
    assert other.get_params() == atlas.get_params()
    copy = clone(atlas).set_params(method__normalize=False, levels=(5,))
    assert copy.method.normalize is False and copy.levels == (5,)
    assert atlas.method.normalize is True and atlas.levels == (3,)  # a clone has its own projector


def test_sklearn_estimator_checks_of_the_parameters():
    from sklearn.utils import estimator_checks as checks

    for check in (checks.check_no_attributes_set_in_init, checks.check_get_params_invariance,
                  checks.check_set_params, checks.check_parameters_default_constructible,
                  checks.check_estimator_cloneable, checks.check_estimator_repr,
                  checks.check_do_not_raise_errors_in_init_or_set_params):
        check("Atlas", Atlas(method="pca"))


def test_transform_before_fit_raises_not_fitted(words_3k):
    with pytest.raises(NotFittedError, match=r"call atlas.fit\(points\) first"):
        Atlas(method="pca").transform(words_3k[:3])
    with pytest.raises(NotFittedError):
        Atlas(method="pca").points
    with pytest.raises(InputError, match=r"needs the points to map: Atlas\(method=...\).fit\(points\)"):
        Atlas(method="pca").fit()


def test_fit_returns_self_and_transform_places_new_points(atlas, words_3k, glove):
    small = words_3k[:300]
    with warnings.catch_warnings():
        warnings.simplefilter("error", FutureWarning)  # the new forms do not warn
        fitted = Atlas(method="pca", levels=(4,))
        assert fitted.fit(small) is fitted
        coords = Atlas(method="pca", levels=(4,)).fit_transform(small)
        placed = atlas.transform(glove.vectors(["king", "queen"]))
    np.testing.assert_array_equal(coords, fitted.coords_)
    assert fitted.points_ is small and fitted.points is small and fitted.n_features_in_ == 50
    np.testing.assert_allclose(placed, atlas.coords_[[atlas.find("king")[0], atlas.find("queen")[0]]], atol=1e-9)


def test_the_old_call_forms_warn_and_give_the_same_map(atlas, words_3k, glove):
    with pytest.warns(FutureWarning, match=r"Atlas\(points, ...\).fit\(\) is deprecated: use Atlas\(...\).fit\(points\)"):
        old = Atlas(words_3k, method="pca", levels=(8, 32))
    assert old.points is words_3k  # before fit, as before
    np.testing.assert_array_equal(old.fit().coords_, atlas.coords_)
    assert old.clusters(1).labels == atlas.clusters(1).labels
    new = glove.vectors(["king", "river"])
    with pytest.warns(FutureWarning, match=r"Atlas.place\(X\) is deprecated: use Atlas.transform\(X\)"):
        np.testing.assert_array_equal(old.place(new), atlas.transform(new))
    small = words_3k[:300]
    with pytest.warns(FutureWarning, match=r"give projector parameters as Atlas\(params=\{'normalize': ...\}\)"):
        loose = Atlas(method="pca", levels=(4,), normalize=True)
    assert loose.params == {"normalize": True}
    np.testing.assert_array_equal(loose.fit(small).coords_,
                                  Atlas(method="pca", levels=(4,), params={"normalize": True}).fit(small).coords_)


def test_a_tsne_atlas_takes_its_true_neighbours_from_the_tsne_graph(glove, tmp_path, monkeypatch):
    """One neighbour search instead of two on a big t-SNE map (here made small by searching approximately from
    1,000 points): the true neighbours are the first columns of t-SNE's own graph, whether it is at hand or
    computed again, so the page is the same whatever the cache holds."""
    from vizkit.atlas import atlas as atlas_module
    from vizkit.projection import cached_neighbours, knn_graph

    monkeypatch.setattr(atlas_module, "EXACT_NEIGHBOURS_UP_TO", 1000)
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path / "one"))
    points = glove.vectors([w for w in glove.words[:3000] if w.isalpha()][:2500])
    fitted = Atlas(method="tsne", params={"neighbors": "nndescent"}, levels=(4,), random_state=0).fit(points)
    graph = fitted.map_.projector_.graph_spec(len(points))
    assert graph == {"k": 45, "method": "nndescent", "metric": "cosine", "random_state": 0}
    idx, cos, _kept = fitted.neighbour_table()
    ref, dist = knn_graph(points.vectors, 45, metric="cosine", method="nndescent", random_state=0)
    assert (idx == ref[:, :10]).all() and np.allclose(cos, 1 - dist[:, :10], atol=1e-6)
    assert fitted.map_.projector_.take_neighbours() is None  # handed over once, not kept
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path / "two"))  # no graph at hand: the same search again
    again, _ = cached_neighbours(points.vectors, 10, method="auto", exact_up_to=1000,
                                 graph={"k": 45, "random_state": 0})
    assert (again == idx).all()
