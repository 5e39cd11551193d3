"""Clusters of a map and their labels: found on real maps, named by their own words, the same in every run."""

import doctest
import warnings
from collections import Counter

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from vizkit.atlas import clusters as clusters_module
from vizkit.atlas import cluster_levels, find_clusters, text_cluster_labels
from vizkit.datasets.wordlists import GROUPS, group_vectors
from vizkit.errors import InputError
from vizkit.projection import TSNE


@pytest.fixture(scope="module")
def groups_map(glove):
    points = group_vectors(glove, list(GROUPS))  # 70 words in 7 groups
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return points, TSNE(random_state=0).fit_transform(points)


def test_docstring_examples_run():
    result = doctest.testmod(clusters_module)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("space", ["map", "vectors"])
def test_word_groups_come_back_as_clusters_named_by_their_members(groups_map, space):
    points, xy = groups_map
    c = find_clusters(points, xy, 7, space=space)
    group = points.meta["group"]
    assert adjusted_rand_score(group, c.assignment) > 0.7  # random clusters score about 0
    assert c.sizes.tolist() == sorted(c.sizes.tolist(), reverse=True) and c.sizes.sum() == 70
    clean = 0
    for k, label in enumerate(c.labels):
        members = c.members(k)
        words = label.split(", ")
        assert len(words) == 2 and set(words) <= {points.labels[i] for i in members}, label
        majority, count = Counter(group[members]).most_common(1)[0]
        if count >= 0.8 * len(members):  # a clean cluster is named by its own group's words
            clean += 1
            assert {group[list(points.labels).index(w)] for w in words} == {majority}, (label, majority)
        assert tuple(c.centres[k]) in {tuple(p) for p in xy[members]}  # the label sits on a member
    assert clean >= 5


def test_the_same_clusters_and_labels_in_every_run(groups_map):
    points, xy = groups_map
    a, b = find_clusters(points, xy, 7), find_clusters(points, xy, 7)
    np.testing.assert_array_equal(a.assignment, b.assignment)
    assert a.labels == b.labels


def test_word_labels_prefer_frequent_words(glove):
    words = glove.top_words(3000)[1000:1600]
    points = glove.vectors(words).with_meta(rank=list(range(1000, 1600)))
    c = find_clusters(points, np.asarray(points.vectors[:, :2]), 6, space="vectors")
    for k, label in enumerate(c.labels):
        first, second = label.split(", ")
        assert words.index(first) < words.index(second)  # the more frequent word first


def test_texts_are_labelled_by_their_distinctive_terms(llm):
    from vizkit.sentence_embeddings import collection, sentence_vectors

    col = collection()
    X = sentence_vectors(llm, col.sentences)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        xy = TSNE(random_state=0).fit_transform(X)
    c = find_clusters(X, xy, 6, texts=col.sentences)
    assert adjusted_rand_score(col.topics, c.assignment) > 0.6
    assert len(set(c.labels)) == 6
    for k, label in enumerate(c.labels):
        text = " ".join(col.sentences[i].lower() for i in c.members(k))
        assert all(term in text for term in label.split(", ")), label


def test_text_labels_score_distinctive_over_common_terms():
    texts = ["the cat sat on the mat", "a cat and a mat", "the dog ran home", "a dog and a bone"]
    assert text_cluster_labels(texts, [0, 0, 1, 1], top=2)[0] == "cat, mat"  # "the", "a", "and": stop words
    labels = text_cluster_labels(texts, [0, 0, 1, 1], top=1)
    assert labels == ["cat", "dog"]


def test_levels_and_errors(groups_map):
    points, xy = groups_map
    levels = cluster_levels(points, xy, levels=(3, 7, 200))
    assert [len(c) for c in levels] == [3, 7]
    with pytest.raises(InputError, match=r"n_clusters must be in \[1, 70\]"):
        find_clusters(points, xy, 0)
    with pytest.raises(InputError, match=r"70 points but coordinates of shape \(3, 2\)"):
        find_clusters(points, xy[:3], 2)
    with pytest.raises(InputError, match="space must be"):
        find_clusters(points, xy, 2, space="graph")


def test_reopening_an_atlas_reads_its_clusters_from_the_cache(glove_1k, tmp_path, monkeypatch):
    import warnings

    from vizkit import _cache
    from vizkit.atlas import Atlas
    from vizkit.atlas import clusters as clusters_module

    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path / "cache"))
    first = Atlas(method="pca", levels=(5, 20), random_state=3).fit(glove_1k)

    def forbidden(*args, **kwargs):
        raise AssertionError("clustered again")

    with monkeypatch.context() as m:
        m.setattr(clusters_module, "_kmeans", forbidden)
        again = Atlas(method="pca", levels=(5, 20), random_state=3).fit(glove_1k)
        with pytest.raises(AssertionError, match="clustered again"):
            Atlas(method="pca", levels=(5, 20), random_state=4).fit(glove_1k)  # another seed: clustered anew
    for a, b in zip(first.clusters_, again.clusters_):
        assert a.labels == b.labels and np.array_equal(a.assignment, b.assignment) and np.allclose(a.centres, b.centres)
        assert np.array_equal(a.sizes, b.sizes)
    entry = next((tmp_path / "cache" / "clusters").iterdir())
    (entry / "labels.json").write_text("[]", encoding="utf-8")  # damaged: the manifest's hash no longer matches
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        healed = Atlas(method="pca", levels=(5, 20), random_state=3).fit(glove_1k)
    assert [c.labels for c in healed.clusters_] == [c.labels for c in first.clusters_]
    assert sum(issubclass(w.category, _cache.CacheWarning) for w in seen) == 1


def test_automatic_levels_follow_the_data_and_find_its_natural_groups(rng):
    """Issue 26: 200 natural groups among 200,000 points get a level of their size (192 clusters), where the
    two fixed levels (12, 48) cut across them; the levels are picked from the number of points."""
    from vizkit.atlas import Atlas
    from vizkit.atlas.clusters import _kmeans, auto_levels
    from vizkit.vectors import LabelledVectors

    assert auto_levels(2_000) == (12, 48) and auto_levels(1_000_000) == (12, 48, 192, 768)
    centres = rng.uniform(-100, 100, size=(200, 2))
    truth = rng.integers(0, 200, size=200_000)
    xy = centres[truth] + rng.normal(scale=0.8, size=(200_000, 2))
    levels = auto_levels(len(xy))
    assert levels == (12, 48, 192)
    fine = _kmeans(xy, levels[-1], 0)
    assert adjusted_rand_score(truth, fine) > 0.9  # (48 clusters, a fixed level, score 0.33 here)
    small = LabelledVectors(rng.normal(size=(300, 8)), [f"p{i}" for i in range(300)])
    assert [len(c) for c in Atlas(method="pca", levels="auto").fit(small).clusters_] == [12, 48]
    with pytest.raises(InputError, match="'auto'"):
        Atlas(method="pca", levels="many").fit(small)
