import time

import numpy as np
import pytest

from network_guard import no_network
from vizkit.errors import InputError, OfflineError, UnknownWordError, UnknownWordWarning
from vizkit.sources import GloVe


def test_full_vocabulary_is_loaded(glove):
    assert glove.vocab_size == 400_000
    assert glove.dim == 50
    assert glove.words[:3] == ["the", ",", "."]


def test_neighbours_of_king_match_the_seed(glove):
    # seed 004: glove-wiki-gigaword-50 most_similar(king) -> prince, queen, ii, emperor, son
    near = glove.most_similar("king", top=5)
    assert [w for w, _ in near] == ["prince", "queen", "ii", "emperor", "son"]
    assert near[0][1] == pytest.approx(0.8236, abs=1e-4)
    assert "king" not in dict(glove.most_similar("king", top=50))


def test_analogies(glove):
    assert glove.analogy("king", "man", "woman", top=1)[0][0] == "queen"
    assert glove.analogy("paris", "france", "italy", top=1)[0][0] == "rome"
    assert glove.analogy("berlin", "germany", "japan", top=1)[0][0] == "tokyo"


def test_similarity_orders_sensibly(glove):
    assert glove.similarity("cat", "dog") > glove.similarity("cat", "car") > glove.similarity("cat", "democracy")
    assert glove.similarity("cat", "cat") == pytest.approx(1.0)


def test_unknown_word_names_closest_known_words(glove):
    with pytest.raises(UnknownWordError) as err:
        glove.vector("Pariss")
    assert "'Pariss'" in str(err.value)
    assert "paris" in err.value.suggestions


def test_word_list_with_unknown_word_reports_and_continues(glove):
    with pytest.warns(UnknownWordWarning, match="qwzxv"):
        lv = glove.vectors(["bank", "qwzxv", "river", "bank"])
    assert lv.labels.tolist() == ["bank", "river", "bank"]
    with pytest.raises(UnknownWordError):
        glove.vectors(["bank", "qwzxv"], on_unknown="raise")
    assert len(glove.vectors(["bank", "qwzxv"], on_unknown="skip")) == 1
    with pytest.raises(InputError, match="on_unknown must be"):
        glove.vectors(["bank"], on_unknown="ignore")


def test_empty_and_all_unknown_lists_are_clear_errors(glove):
    with pytest.raises(InputError, match="empty"):
        glove.vectors([])
    with pytest.raises(InputError, match="empty"):
        glove.vectors(["", "  "])
    with pytest.raises(InputError, match="none of the 2 words"):
        glove.vectors(["qwzxv", "zzqqy"])
    with pytest.raises(InputError, match="non-empty string"):
        glove.vector("")


def test_non_ascii_words(glove):
    # GloVe 6B has a few CJK tokens but not emoji
    with pytest.raises(UnknownWordError, match="🙂"):
        glove.vector("🙂")
    with pytest.warns(UnknownWordWarning):
        lv = glove.vectors(["café", "🙂", "東京"])
    assert "café" in lv.labels.tolist()


def test_query_vector_of_wrong_dimension(glove):
    with pytest.raises(InputError, match=r"\(50,\)"):
        glove.most_similar(np.ones(10))


def test_glove_text_file_route(glove, tmp_path):
    path = tmp_path / "small.50d.txt"
    with open(path, "w", encoding="utf-8") as fh:
        for w in glove.words[:5000]:
            fh.write(w + " " + " ".join(f"{x:.6f}" for x in glove.vector(w)) + "\n")
    small = GloVe(str(path))
    assert small.vocab_size == 5000 and small.dim == 50
    assert small.most_similar("king", top=1)[0][0] == "prince"
    again = GloVe(str(path))  # parsed once, then memory-mapped from the cache
    np.testing.assert_allclose(again.vector("queen"), small.vector("queen"))


def test_malformed_text_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("cat 0.1 0.2\ndog 0.3\n")
    with pytest.raises(InputError, match="bad.txt:2"):
        GloVe(str(bad))


def test_gensim_data_name_fails_fast_offline(monkeypatch, tmp_path):
    from vizkit import _hf

    monkeypatch.setenv("GENSIM_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(_hf, "reachable", lambda url, timeout=3.0: False)
    with no_network() as attempts, pytest.raises(OfflineError, match="glove-wiki-gigaword-100"):
        GloVe("glove-wiki-gigaword-100")
    assert attempts == []  # fails at once: nothing waited on the download server


def test_gensim_data_name_really_offline(monkeypatch, tmp_path):
    from vizkit._hf import reachable
    from vizkit.sources._online import GENSIM_DATA_URL

    if reachable(GENSIM_DATA_URL):
        pytest.skip("online: the download path is exercised only offline here")
    monkeypatch.setenv("GENSIM_DATA_DIR", str(tmp_path))
    t = time.perf_counter()
    with pytest.raises(OfflineError):
        GloVe("glove-wiki-gigaword-100")
    assert time.perf_counter() - t < 10
