"""Text -> tokens -> ids -> rows, and token + position (+ type) = the model's input, on the bundled MiniLM."""

import numpy as np
import pytest

from vizkit.transformer.embedding_layer import input_embedding, position_heatmap, position_similarity, rows_heatmap
from vizkit.errors import InputError


def test_rows_are_the_rows_of_the_matrix_and_the_sum_is_hidden_layer_0(llm):
    parts = input_embedding(llm, "The bank approved my loan application")
    assert parts.tokens == ["[CLS]", "the", "bank", "approved", "my", "loan", "application", "[SEP]"]
    assert parts.ids == llm.tokenizer("The bank approved my loan application")["input_ids"]
    matrix = llm.token_embeddings()
    np.testing.assert_array_equal(parts.token, matrix[parts.ids])
    pos = llm.position_embeddings().vectors
    np.testing.assert_array_equal(parts.position, pos[: len(parts.ids)])
    np.testing.assert_allclose(parts.summed, parts.token + parts.position + parts.token_type, atol=1e-6)
    np.testing.assert_allclose(parts.layer0, parts.model_layer0, atol=1e-5)
    df = parts.table(dims=4)
    assert list(df.columns) == ["token", "id", "dim 0", "dim 1", "dim 2", "dim 3"] and df["id"][2] == 2924


def test_same_word_same_token_row_different_position(llm):
    parts = input_embedding(llm, "bank bank")
    assert parts.ids[1] == parts.ids[2]
    np.testing.assert_array_equal(parts.token[1], parts.token[2])
    assert not np.allclose(parts.summed[1], parts.summed[2])  # the position tells them apart


def test_position_similarity_is_highest_near_the_diagonal(llm):
    sim = position_similarity(llm, 64)
    assert sim.shape == (64, 64) and np.allclose(np.diag(sim), 1)
    near = np.mean([sim[i, i + 1] for i in range(1, 63)])
    far = np.mean([sim[i, j] for i in range(1, 64) for j in range(1, 64) if abs(i - j) > 20])
    assert near > far + 0.3
    fig = position_heatmap(llm, 32)
    assert fig.data[0].type == "heatmap" and np.asarray(fig.data[0].z).shape == (32, 32)


def test_heatmap_of_rows_and_errors(llm):
    parts = input_embedding(llm, "<b>hi</b>")
    fig = rows_heatmap(parts, "summed", dims=16)
    assert np.asarray(fig.data[0].z).shape == (len(parts.ids), 16)
    assert all("<b>" not in label for label in fig.data[0].y)
    with pytest.raises(InputError, match="empty"):
        input_embedding(llm, "  ")
    with pytest.raises(InputError, match="unknown part"):
        rows_heatmap(parts, "nope")


def test_widget_driven_from_python(llm):
    pytest.importorskip("ipywidgets")
    from vizkit.widgets import _common
    from vizkit.widgets.embedding_layer import EmbeddingLayerView

    _common.SESSION_CACHE.put(("llm", None), llm)
    view = EmbeddingLayerView("Hello world")
    assert view.status.error is None
    assert "<td>hello</td>" not in view.table.value and "<code>hello</code></td><td>7592<" in view.table.value
    assert np.asarray(view.figure.data[0].z).shape[0] == 4
    view.part.value = "layer0"
    np.testing.assert_allclose(np.asarray(view.figure.data[0].z), view.parts.layer0[:, :64], atol=1e-6)
    view.text.value = ""
    assert "empty" in view.status.error


def test_widgets_in_chinese_and_english(llm):
    """The learner's language (issue 25): labels and table headings from the message catalogue."""
    pytest.importorskip("ipywidgets")
    from vizkit.widgets import _common
    from vizkit.widgets.embedding_layer import EmbeddingLayerView, ParamsCalculator

    _common.SESSION_CACHE.put(("llm", None), llm)
    zh = EmbeddingLayerView("Hello world", lang="zh")
    assert zh.status.error is None and zh.lang == "zh"
    assert zh.text.description == "文本" and zh.part.description == "显示"
    assert ("词元嵌入的行", "token") in zh.part.options
    assert "4 个词元 → id → 30522 x 384 矩阵中的行" in zh.table.value
    assert "<th>位置</th><th>词元</th><th>id（行号）</th>" in zh.table.value and "<code>hello</code>" in zh.table.value
    assert "<p>文本：<i>Hello world</i></p>" in zh.snapshot_html()
    en = EmbeddingLayerView("Hello world")
    assert en.text.description == "text" and ("token embedding rows", "token") in en.part.options
    assert "4 tokens → ids → rows of the 30522 x 384 matrix" in en.table.value
    assert "<th>position</th><th>token</th><th>id (row)</th>" in en.table.value
    assert "<p>text: <i>Hello world</i></p>" in en.snapshot_html()

    calc = ParamsCalculator("gpt3", lang="zh")
    assert calc.preset.description == "模型" and calc.vocab_size.description == "词表大小"
    assert calc.positions.options == (("可学习的位置嵌入", "learned"), ("旋转位置编码（无权重）", "rotary"))
    assert "<th>部分</th><th>形状</th><th>权重数</th>" in calc.result.value and "<td>词元嵌入</td>" in calc.result.value
    assert "617,558,016" in calc.result.value
    calc.preset.value = "qwen2.5-1.5b"
    assert "旋转位置编码（RoPE）：无权重" in calc.result.value
    calc.context.value = 1024
    assert calc.preset.value == "custom" and calc.preset.label == "自定义" and "模型：自定义" in calc.snapshot_html()
    calc = ParamsCalculator("gpt3")
    assert calc.preset.description == "model" and calc.positions.options[0] == ("learned positions", "learned")
    assert "<th>part</th><th>shape</th><th>weights</th>" in calc.result.value
    assert "<td>token embedding</td>" in calc.result.value and "<p>model: gpt3</p>" in calc.snapshot_html()
