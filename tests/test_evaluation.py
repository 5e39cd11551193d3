"""Intrinsic evaluation for the notebook: pairs, per-kind analogy accuracy, the table, the chart, the widget."""

import numpy as np
import pytest

from vizkit.metrics.evaluation import analogies, evaluation_figure, evaluation_table, similarity_pairs, word_similarity


def test_similarity_pairs_are_the_sources_cosines(glove):
    df = similarity_pairs(glove, "wordsim353.tsv")
    assert list(df.columns) == ["a", "b", "human", "cosine"] and len(df) == word_similarity(glove).covered
    a, b, _, cos = df.iloc[0]
    assert cos == pytest.approx(glove.similarity(a, b))
    assert word_similarity(glove).value == pytest.approx(0.503, abs=0.01)  # GloVe 6B 50d, as in the issue-2 note


def test_analogies_split_into_semantic_and_syntactic(glove):
    s = analogies(glove)
    sem, syn = s.extra["semantic"], s.extra["syntactic"]
    n_sem, n_syn = s.extra["semantic_asked"], s.extra["syntactic_asked"]
    assert n_sem + n_syn == s.covered and n_sem > 1000 and n_syn > 1000
    assert s.value == pytest.approx((sem * n_sem + syn * n_syn) / s.covered)
    assert 0.2 < sem < 0.9 and 0.2 < syn < 0.9


def test_table_and_chart(glove, llm):
    table = evaluation_table({"GloVe": glove, "MiniLM static": llm.static})
    assert list(table["source"]) == ["GloVe", "MiniLM static"]
    assert table.loc[0, "WordSim-353"] == pytest.approx(word_similarity(glove).value)
    assert table.loc[1, "SimLex-999"] > table.loc[0, "SimLex-999"]  # 0.467 vs 0.265 (issue-2 note)
    fig = evaluation_figure(table)
    assert [t.name for t in fig.data] == ["GloVe", "MiniLM static"]
    assert list(fig.data[0].x) == ["WordSim-353", "SimLex-999", "analogy semantic", "analogy syntactic"]
    np.testing.assert_allclose(fig.data[1].y[1], table.loc[1, "SimLex-999"])


def test_similarity_widget_driven_from_python(glove, llm):
    pytest.importorskip("ipywidgets")
    from vizkit.widgets import _common
    from vizkit.widgets.evaluation import SimilarityView

    _common.SESSION_CACHE.put("glove", glove)
    view = SimilarityView("glove", progress=False)
    assert "SimLex" in view.figure.layout.title.text
    assert f"ρ = {word_similarity(glove, 'simlex999.txt').value:.3f}" in view.figure.layout.title.text
    assert len(view.figure.data[0].x) == len(view.pairs) > 900
    view.dataset.value = "wordsim353.tsv"
    assert f"ρ = {word_similarity(glove).value:.3f}" in view.figure.layout.title.text
    _common.SESSION_CACHE.put("llm", llm.static)
    view.source.value = "llm"
    assert view.status.error is None and "all-MiniLM-L6-v2" in view.figure.layout.title.text


def test_similarity_widget_in_chinese_and_english(glove):
    """The learner's language (issue 25): labels, the title and the axes from the message catalogue."""
    pytest.importorskip("ipywidgets")
    from vizkit.widgets import _common
    from vizkit.widgets.evaluation import SimilarityView

    _common.SESSION_CACHE.put("glove", glove)
    rho = f"{word_similarity(glove, 'simlex999.txt').value:.3f}"
    zh = SimilarityView("glove", progress=False, lang="zh")
    assert zh.status.error is None and zh.source.description == "来源" and zh.dataset.description == "数据集"
    assert ("SimLex-999（仅相似性）", "simlex999.txt") in zh.dataset.options
    assert zh.figure.layout.title.text.startswith(f"glove 在 SimLex-999（仅相似性） 上：Spearman ρ = {rho}（")
    assert zh.figure.layout.xaxis.title.text == "人工评分" and zh.figure.layout.yaxis.title.text == "余弦相似度"
    assert "人工评分 " in zh.figure.data[0].hovertext[0] and "，余弦 " in zh.figure.data[0].hovertext[0]
    en = SimilarityView("glove", progress=False)
    assert en.source.description == "source" and en.dataset.description == "set"
    assert en.figure.layout.title.text == (f"glove on SimLex-999 (similarity only): Spearman ρ = {rho} "
                                           f"({len(en.pairs)} pairs)")
    assert en.figure.layout.xaxis.title.text == "human rating" and ", cosine " in en.figure.data[0].hovertext[0]
