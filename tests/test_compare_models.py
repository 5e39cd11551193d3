"""Two (or three) models in one frame (issue 16, part 3): maps aligned by Procrustes, agreement per word."""

from __future__ import annotations

import numpy as np
import pytest

from vizkit.compare import compare_models, models_figure
from vizkit.errors import InputError, UnknownWordWarning
from vizkit.sources import TableSource

WORDS = ["king", "queen", "man", "woman", "prince", "princess", "paris", "france", "berlin", "germany", "rome",
         "italy", "apple", "banana", "orange", "grape", "dog", "cat", "horse", "cow", "car", "bus", "train",
         "plane", "doctor", "nurse", "teacher", "student", "river", "lake", "sea", "mountain"]


@pytest.mark.parametrize("method", ["pca", "tsne"])
def test_a_model_against_itself_agrees_everywhere_and_nothing_moves(glove, method):
    params = {"perplexity": 8} if method == "tsne" else {}
    same = compare_models({"a": glove, "b": glove}, WORDS, method=method, n_neighbors=5, **params)
    assert same.coords.shape == (2, len(WORDS), 2)
    np.testing.assert_array_equal(same.agreement, np.ones((2, len(WORDS))))
    assert same.moved.max() < 1e-9


def test_a_rotated_copy_of_the_vectors_is_aligned_back(glove):
    # the same words in a space turned by a random orthogonal matrix (cosines unchanged): the PCA map comes
    # out mirrored or turned, and Procrustes over the anchors turns it back onto the reference
    X = glove.vectors(WORDS).vectors
    q, _ = np.linalg.qr(np.random.default_rng(0).normal(size=(X.shape[1], X.shape[1])))
    turned = TableSource(WORDS, X @ q, name="turned")
    maps = compare_models({"glove": glove, "turned": turned}, WORDS, anchors=WORDS[:8])
    assert maps.anchors == WORDS[:8]
    assert maps.moved[1].max() < 1e-6
    np.testing.assert_allclose(maps.agreement[1], 1.0)


def test_glove_word2vec_and_the_llm_in_one_frame(glove, llm):
    from vizkit.sources import Word2Vec

    models = {"GloVe 50-d": glove, "Word2Vec 100-d": Word2Vec(progress=False), "MiniLM static 384-d": llm.static}
    with pytest.warns(UnknownWordWarning, match="qqzzx"):
        maps = compare_models(models, WORDS + ["qqzzx"], n_neighbors=5)
    assert maps.models == list(models) and "qqzzx" not in maps.words
    assert maps.coords.shape == (3, len(maps.words), 2)
    # other models: neither identical nor random (a random neighbour set shares k/n of them)
    chance = 5 / len(maps.words)
    for m in (1, 2):
        assert 2 * chance < maps.agreement[m].mean() < 1.0
    assert np.allclose(maps.agreement[0], 1) and maps.moved[0].max() == 0
    # each map has unit RMS radius, so the movements are comparable between models
    np.testing.assert_allclose(np.sqrt((maps.coords ** 2).sum(axis=2).mean(axis=1)), 1.0, atol=1e-9)
    table = maps.table()
    assert len(table) == 3 * len(maps.words) and set(table.columns) >= {"model", "word", "moved", "agreement"}

    fig = models_figure(maps)
    assert [t.name for t in fig.data] == ["Word2Vec 100-d: moved", "MiniLM static 384-d: moved",
                                          "Word2Vec 100-d", "MiniLM static 384-d", "GloVe 50-d"]
    ref, lines = fig.data[-1], fig.data[0]
    assert list(ref.text) == maps.words
    np.testing.assert_allclose(ref.x, maps.coords[0, :, 0])
    # a line from each word's reference place to its Word2Vec place
    np.testing.assert_allclose(np.asarray(lines.x, dtype=float).reshape(-1, 3)[:, :2],
                               np.column_stack([maps.coords[0, :, 0], maps.coords[1, :, 0]]))
    assert "neighbours shared" in fig.data[2].hovertext[0]


def test_bad_input_says_what_to_do(glove):
    with pytest.raises(InputError, match="at least two"):
        compare_models([glove], WORDS)
    with pytest.raises(InputError, match="words every model knows"):
        compare_models({"a": glove, "b": glove}, ["king", "queen"])
    with pytest.raises(InputError, match="3 anchor words"):
        compare_models({"a": glove, "b": glove}, WORDS, anchors=["king", "qqzzx"])
