"""Semantic axes: x and y are directions between word poles, on the real GloVe vectors."""

import doctest

import numpy as np
import pytest
from sklearn.base import clone

from vizkit.errors import InputError, UnknownWordError
from vizkit.projection import Axes, _axes

PAIRS = [("king", "queen"), ("man", "woman"), ("he", "she"), ("actor", "actress"), ("father", "mother"),
         ("brother", "sister"), ("boy", "girl")]


@pytest.fixture(scope="module")
def words(glove):
    names = [w for pair in PAIRS for w in pair] + ["rich", "poor", "wealthy", "poverty", "nurse", "engineer"]
    return glove.vectors(names)


def test_docstring_examples_run():
    result = doctest.testmod(_axes)
    assert result.attempted > 0 and result.failed == 0


def test_gender_and_wealth_axes_order_the_words(words):
    axes = Axes("man:woman", "poor:rich")
    xy = axes.fit_transform(words)
    at = {w: xy[i] for i, w in enumerate(words.labels)}
    for male, female in PAIRS:
        assert at[female][0] > at[male][0], (male, female)
    assert at["rich"][1] > at["poor"][1] and at["wealthy"][1] > at["poverty"][1]
    assert at["nurse"][0] > at["engineer"][0]  # what GloVe learned from its text: the lesson of the axis
    assert abs(axes.axis_cosine_) < 1e-9 and axes.axis_titles() == ("man \u2190 \u2192 woman",
                                                                    "poor \u2190 \u2192 rich")
    # the formula: scalar projection of the unit vector on the unit pole difference
    u = words.unit()
    d = u[list(words.labels).index("woman")] - u[list(words.labels).index("man")]
    np.testing.assert_allclose(xy[:, 0], u @ (d / np.linalg.norm(d)), atol=1e-6)


def test_orthogonal_y_and_raw_y(words):
    raw = Axes("man:woman", "poor:rich", orthogonal=False).fit(words)
    assert abs(raw.axis_cosine_) > 0.01  # in GloVe the two directions are not independent
    straight = Axes("man:woman", "poor:rich").fit(words)
    assert abs(straight.directions_[0] @ straight.directions_[1]) < 1e-9


def test_word_lists_sources_and_placing_new_points(words, glove):
    lists = Axes("man,he,boy:woman,she,girl").fit(words)
    row = list(words.labels).index
    assert lists.embedding_[row("queen"), 0] > lists.embedding_[row("king"), 0]
    jobs = glove.vectors(["nurse", "engineer", "receptionist", "mechanic"])  # the poles are not among them
    xy = Axes("man:woman", source=glove).fit_transform(jobs)
    assert xy[0, 0] > xy[1, 0] and xy[2, 0] > xy[3, 0]
    fitted = Axes("man:woman", "poor:rich").fit(words)
    np.testing.assert_allclose(fitted.transform(words), fitted.embedding_)


def test_clone_gives_the_same_map_and_an_atlas_can_use_it(words):
    from vizkit.atlas import Atlas

    axes = Axes("man:woman", "poor:rich")
    np.testing.assert_array_equal(clone(axes).fit_transform(words), axes.fit_transform(words))
    atlas = Atlas(method=Axes("man:woman", "poor:rich"), levels=(2,)).fit(words)
    np.testing.assert_allclose(atlas.coords_, axes.embedding_)
    free = Axes("man:woman").fit(words)  # y: the direction of most variance left
    np.testing.assert_array_equal(Axes("man:woman").fit(words).embedding_, free.embedding_)
    assert abs(free.directions_[0] @ free.directions_[1]) < 1e-9


def test_errors_name_the_fix(words):
    with pytest.raises(UnknownWordError, match="womn"):
        Axes("man:womn").fit(words)
    with pytest.raises(InputError, match=r"an axis is 'negative:positive'"):
        Axes("man-woman").fit(words)
    with pytest.raises(InputError, match="same direction"):
        Axes("man:man").fit(words)
    with pytest.raises(InputError, match="is the x axis"):
        Axes("man:woman", "man:woman").fit(words)
    with pytest.raises(InputError, match="needs labelled points or source"):
        Axes("man:woman").fit(words.vectors)


def test_a_clone_shares_the_source_instead_of_copying_it(glove):
    import copy

    axes = Axes("man:woman", source=glove)
    assert clone(axes).source is glove and copy.deepcopy(glove) is glove
