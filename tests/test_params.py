"""Embedding parameter counts: the seeds' numbers exactly, and the bundled model's real matrices."""

import json

import pytest

from vizkit.errors import InputError
from vizkit.transformer.embedding_params import PRESETS, embedding_params, load_config


def test_gpt3_numbers_of_the_seed():
    c = embedding_params(PRESETS["gpt3"])
    assert (c.token, c.position) == (50257 * 12288, 2048 * 12288) == (617_558_016, 25_165_824)
    assert c.total == 642_723_840 and c.position_kind == "learned"


def test_qwen_numbers_of_the_seed_and_rotary_positions():
    c = embedding_params(PRESETS["qwen2.5-1.5b"])
    assert c.token == 151936 * 1536 == 233_373_696
    assert c.position == 0 and c.position_kind == "rotary" and c.tied_output is True
    assert c.total == c.token


def test_bundled_model_counts_match_its_weights(llm):
    import torch

    config = load_config(llm.path)
    c = embedding_params(config)
    emb = llm.model.embeddings
    assert c.token == emb.word_embeddings.weight.numel()
    assert c.position == emb.position_embeddings.weight.numel()
    assert c.token_type == emb.token_type_embeddings.weight.numel()
    assert c.total == sum(p.numel() for n, p in llm.model.named_parameters()
                          if n.startswith("embeddings.") and "LayerNorm" not in n)
    assert isinstance(emb.word_embeddings.weight, torch.Tensor)


def test_config_file_and_errors(tmp_path):
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"model_type": "mistral", "vocab_size": 32000, "hidden_size": 4096,
                                "max_position_embeddings": 32768, "rope_theta": 1e6}))
    assert embedding_params(load_config(path)).total == 32000 * 4096
    assert load_config(tmp_path) == load_config(path)
    path.write_bytes(path.read_bytes().decode().encode("utf-8-sig"))  # as Windows Notepad saves it
    assert embedding_params(load_config(path)).total == 32000 * 4096
    with pytest.raises(InputError, match="presets: gpt2"):
        load_config(tmp_path / "nope.json")
    (tmp_path / "bad.json").write_text("{")
    with pytest.raises(InputError, match="not valid JSON"):
        load_config(tmp_path / "bad.json")
    with pytest.raises(InputError, match="hidden_size, n_embd, d_model"):
        embedding_params({"vocab_size": 10, "n_positions": 5})


def test_cli_prints_the_counts(capsys):
    from vizkit.cli import main

    assert main(["params", "--config", "gpt3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["part\tshape\tweights", "token embedding\t50257 x 12288\t617558016",
                   "position embedding\t2048 x 12288\t25165824", "total embedding\t\t642723840"]
    assert main(["params", "--config", "qwen2.5-1.5b"]) == 0
    captured = capsys.readouterr()
    assert "token embedding\t151936 x 1536\t233373696" in captured.out
    assert "tied to the token embedding" in captured.err
    assert main(["params", "--list"]) == 0 and "gpt3" in capsys.readouterr().out.split()
    assert main(["params", "--config", "no-such-model"]) == 1
    assert capsys.readouterr().err.startswith("error: no preset or config file 'no-such-model'")


def test_calculator_widget_presets_and_typed_numbers():
    pytest.importorskip("ipywidgets")
    from vizkit.widgets.embedding_layer import ParamsCalculator

    calc = ParamsCalculator("gpt3")
    assert calc.counts.total == 642_723_840 and "617,558,016" in calc.result.value
    calc.preset.value = "qwen2.5-1.5b"
    assert calc.counts.token == 233_373_696 and calc.positions.value == "rotary"
    calc.preset.value = "all-minilm-l6-v2"
    assert calc.counts.token_type == 2 * 384  # BERT's segment embedding
    calc.context.value = 1024  # typed by hand
    assert calc.preset.value == "custom" and calc.counts.position == 1024 * 384
