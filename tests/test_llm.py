"""The bundled all-MiniLM-L6-v2: static input embeddings and contextual hidden states, for real."""

import numpy as np
import pytest

from network_guard import no_network
from vizkit.errors import InputError, OfflineError, UnknownWordError
from vizkit.sources import LLM
from vizkit.sources._llm import WordNotInSentenceWarning

BANK = [  # seed 000, verbatim
    "The bank approved my loan application",
    "I sat by the river bank watching boats",
    "I need to bank with a reliable institution",
]


def test_static_vocabulary_and_neighbours(llm):
    static = llm.static
    assert static.dim == 384
    assert 20000 < static.vocab_size < 30522  # whole-word WordPiece tokens only
    assert not any(w.startswith("##") or w.startswith("[") for w in static.words)
    near = [w for w, _ in static.most_similar("king", top=5)]
    assert "queen" in near and "king" not in near
    assert static.analogy("king", "man", "woman", top=3)[0][0] == "queen"


def test_static_row_is_the_embedding_matrix_row(llm):
    tok = llm.tokenizer
    row = llm.token_embeddings()[tok.convert_tokens_to_ids("bank")]
    np.testing.assert_array_equal(llm.static.vector("bank"), row)


def test_multi_token_word_is_pooled_and_recorded(llm):
    lv = llm.static.vectors(["bank", "embeddings"])
    assert lv.meta["subtokens"].tolist() == ["bank", "em ##bed ##ding ##s"]
    assert lv.meta["pooling"].tolist() == ["none", "mean"]
    emb = llm.token_embeddings()
    ids = llm.tokenizer.convert_tokens_to_ids(["em", "##bed", "##ding", "##s"])
    np.testing.assert_allclose(lv.vectors[1], emb[ids].mean(axis=0), rtol=1e-6)


def test_non_ascii_words(llm):
    lv = llm.static.vectors(["北京"])  # WordPiece splits CJK into characters
    assert lv.meta["subtokens"].tolist() == ["北 京"]
    with pytest.raises(UnknownWordError, match="🙂"):
        llm.static.vector("🙂")  # maps to [UNK]


def test_position_embeddings(llm):
    pos = llm.position_embeddings()
    assert pos.shape == (512, 384)
    assert pos.labels[3] == "pos 3" and pos.meta["position"][3] == 3


def test_contextual_rows_and_metadata(llm):
    occ = llm.contextual("bank", BANK, senses=["money", "river", "money"], cache=False)
    assert llm.n_layers == 6
    assert len(occ) == 3 * 7  # three occurrences x layers 0..6
    first = occ.where(occurrence=0)
    assert first.meta["layer"].tolist() == list(range(7))
    assert set(first.meta["sentence"]) == {BANK[0]}
    river = occ.where(occurrence=1, layer=6)
    assert river.meta["sense"].tolist() == ["river"]
    assert river.meta["char_start"][0] == BANK[1].index("bank")
    assert river.meta["subtokens"][0] == "bank"
    assert river.meta["token_start"][0] == 6  # [CLS] i sat by the river bank
    # layer 0 is the embedding output: identical token, different positions only
    l0 = occ.where(layer=0).unit()
    l6 = occ.where(layer=6).unit()
    assert (l0 @ l0.T).min() > (l6 @ l6.T).min()


def test_contextual_matches_a_direct_forward_pass(llm):
    import torch

    occ = llm.contextual("bank", [BANK[1]], layers=[3], cache=False)
    enc = llm.tokenizer(BANK[1], return_tensors="pt")
    with torch.no_grad():
        hs = llm.model(**enc, output_hidden_states=True).hidden_states[3][0]
    np.testing.assert_allclose(occ.vectors[0], hs[6].numpy(), rtol=1e-4, atol=1e-5)


def test_sub_token_word_and_repeated_occurrences(llm):
    occ = llm.contextual("embeddings", ["Embeddings are vectors; embeddings help."], layers=[6], cache=False)
    assert len(occ) == 2
    assert occ.meta["subtokens"].tolist() == ["em ##bed ##ding ##s"] * 2
    assert occ.meta["pooling"].tolist() == ["mean", "mean"]


def test_chinese_target_word(llm):
    occ = llm.contextual("北京", ["我住在北京", "北京是首都"], layers=[6], cache=False)
    assert len(occ) == 2 and occ.meta["subtokens"][0] == "北 京"


def test_contextual_is_cached(llm, tmp_path, monkeypatch):
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path))
    from vizkit import cache

    first = llm.contextual("bank", BANK)
    assert [e.managed for e in cache.entries("contextual")] == [True]

    def boom(*a, **k):
        raise AssertionError("the model ran again")

    monkeypatch.setattr(llm, "occurrence_states", boom)
    second = llm.contextual("bank", BANK)
    np.testing.assert_array_equal(first.vectors, second.vectors)
    assert second.meta["subtokens"].tolist() == first.meta["subtokens"].tolist()


def test_bad_contextual_input(llm):
    with pytest.warns(WordNotInSentenceWarning, match="does not occur in 1 sentence"):
        occ = llm.contextual("bank", BANK + ["No such word here."], layers=[1], cache=False)
    assert len(occ) == 3
    with pytest.raises(InputError, match="does not occur in any"):
        llm.contextual("bank", ["Nothing to see."], cache=False)
    with pytest.raises(InputError, match="no sentences"):
        llm.contextual("bank", [], cache=False)
    with pytest.raises(InputError, match="non-empty"):
        llm.contextual("  ", BANK, cache=False)
    from vizkit.sources import LongSentenceWarning

    with pytest.warns(LongSentenceWarning, match="400 occurrence.* longer than all-MiniLM-L6-v2's 512 tokens"):
        long = llm.contextual("bank", ["the bank " * 400], layers=[6], cache=False)  # each read in a window
    assert len(long) == 400 and np.isfinite(long.vectors).all()
    with pytest.raises(InputError, match="layers \\[9\\]"):
        llm.contextual("bank", BANK, layers=[9], cache=False)
    with pytest.raises(InputError, match="2 senses for 3 sentences"):
        llm.contextual("bank", BANK, senses=["a", "b"], cache=False)


def test_unknown_hub_model_fails_fast_offline(no_hub):
    with no_network(), pytest.raises(OfflineError, match="bert-base-uncased"):
        LLM("bert-base-uncased").tokenizer


def test_one_network_check_takes_every_download_offline(no_hub, monkeypatch, tmp_path):
    from vizkit import _hf, sources
    from vizkit.sources import _online

    assert sources.hf_reachable is _hf.hub_reachable  # the public name is the shared loader's check
    monkeypatch.setenv("GENSIM_DATA_DIR", str(tmp_path))
    with no_network() as attempts:
        assert sources.hf_reachable() is False
        with pytest.raises(OfflineError, match="gensim-data model 'glove-wiki-gigaword-100'"):
            _online.gensim_data("glove-wiki-gigaword-100")
    assert attempts == []  # the fixture replaced the one check that the hub and gensim-data both ask


def test_llm_is_a_contextual_model_and_a_source_is_not(llm, glove):
    from vizkit.sources import ContextualModel, Source

    assert isinstance(llm, ContextualModel) and not isinstance(llm, Source)
    assert isinstance(glove, Source) and not isinstance(glove, ContextualModel)
    assert not isinstance(llm.static, ContextualModel)  # the input embeddings are a Source: one vector per word
