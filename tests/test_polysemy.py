"""Bundled polysemy sentences, user sentence files, and sense separation in the original space."""

import numpy as np
import pytest

from vizkit.datasets import sentence_sets
from vizkit.errors import InputError
from vizkit.datasets.sentence_sets import DuplicateSentenceWarning
from vizkit.metrics.separation import layer_separation, sense_separation
from vizkit._text import word_pattern as _word_pattern

SEED_BANK = [
    ("money", "The bank approved my loan application"),
    ("river", "I sat by the river bank watching boats"),
    ("money", "I need to bank with a reliable institution"),
]


def test_bundled_set_shape():
    words = sentence_sets.bundled_words()
    assert len(words) >= 12
    for w in ["bank", "bat", "spring", "crane", "mouse", "bass", "pitch", "plant", "rock", "match", "apple"]:
        assert w in words
    for w in words:
        s = sentence_sets.load(w)
        assert len(s.sense_names) >= 2
        for sense in s.sense_names:
            assert s.senses.count(sense) >= 6
        for sent in s.sentences:  # the word occurs as a whole word in every sentence
            assert _word_pattern(w).search(sent), (w, sent)
        assert len(set(s.sentences)) == len(s.sentences)


def test_seed_bank_sentences_verbatim():
    bank = sentence_sets.load("bank")
    assert list(zip(bank.senses, bank.sentences))[:3] == SEED_BANK


def test_unknown_bundled_word():
    with pytest.raises(InputError, match="bundled words: bank"):
        sentence_sets.load("banana")


def test_sentence_file_with_and_without_senses(tmp_path):
    path = tmp_path / "s.tsv"
    path.write_text("# my sentences\nmoney\tThe bank lent me money.\n\nA bank of fog rolled in.\n"
                    "river\tThe bank was muddy.\n", encoding="utf-8")
    s = sentence_sets.read_sentence_file(path, "bank")
    assert s.sentences == ["The bank lent me money.", "A bank of fog rolled in.", "The bank was muddy."]
    assert s.senses == ["money", None, "river"]


def test_empty_file_duplicates_and_missing_file(tmp_path):
    empty = tmp_path / "empty.tsv"
    empty.write_text("\n# nothing\n", encoding="utf-8")
    with pytest.raises(InputError, match="no sentences"):
        sentence_sets.read_sentence_file(empty, "bank")
    with pytest.raises(InputError, match="no such sentence file"):
        sentence_sets.read_sentence_file(tmp_path / "nope.tsv", "bank")
    with pytest.warns(DuplicateSentenceWarning, match="1 repeated"):
        s = sentence_sets.from_list("bank", ["The bank.", "the  bank.", "A bank."])
    assert s.sentences == ["The bank.", "A bank."]
    with pytest.raises(InputError, match="empty"):
        sentence_sets.from_list("bank", ["", "  "])


def test_sense_separation_numbers():
    s = sense_separation(np.array([[1.0, 0], [1, 0], [0, 1], [0, 1]]), ["a", "a", "b", "b"])
    assert s == {"within_sense_cos": 1.0, "across_sense_cos": 0.0, "separation": 1.0}
    same = sense_separation(np.ones((4, 3)), ["a", "a", "b", "b"])
    assert same["separation"] == pytest.approx(0.0)
    with pytest.raises(InputError, match="at least two senses"):
        sense_separation(np.eye(3), ["a", "a", "a"])
    with pytest.raises(InputError, match="single occurrence"):
        sense_separation(np.eye(2), ["a", "b"])


def test_bank_senses_separate_in_later_layers(llm):
    bank = sentence_sets.load("bank")
    occ = llm.contextual("bank", bank.sentences, senses=bank.senses)
    rows = layer_separation(occ)
    assert [r["layer"] for r in rows] == list(range(7))
    best = max(r["separation"] for r in rows)
    assert best > rows[0]["separation"] + 0.05
    # the static input embedding is one point for every occurrence: no separation at all
    static = np.repeat(llm.static.vector("bank")[None, :], len(bank), axis=0)
    assert sense_separation(static, bank.senses)["separation"] == pytest.approx(0.0, abs=1e-6)


def test_most_bundled_words_separate(llm):
    better = 0
    words = sentence_sets.bundled_words()
    for w in words:
        s = sentence_sets.load(w)
        rows = layer_separation(llm.contextual(w, s.sentences, senses=s.senses))
        better += max(r["separation"] for r in rows[1:]) > rows[0]["separation"] + 0.02
    assert better >= 0.75 * len(words)


def test_every_bundled_sense_has_anchor_words_known_to_glove_and_minilm(glove, llm):
    for word in sentence_sets.bundled_words():
        anchors = sentence_sets.bundled_anchors(word)
        assert set(anchors) == set(sentence_sets.load(word).sense_names), word
        for sense, words in anchors.items():
            assert len(words) >= 4 and word not in words
            assert all(w in glove for w in words), (word, sense)
            assert all(len(llm.word_tokens(w)) == 1 for w in words), (word, sense)
    assert sentence_sets.bundled_anchors("zebra") == {}
