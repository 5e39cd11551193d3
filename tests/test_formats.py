"""Your own embeddings in and out: TensorFlow Projector TSV, word2vec text/binary (against gensim), .npy, DataFrames.

Round trips run on the real GloVe vectors, and the word2vec files are checked against gensim's own writer and
reader, so "compatible" means what the other tools do, not what we wrote.
"""

import doctest

import numpy as np
import pandas as pd
import pytest

from vizkit import formats
from vizkit.errors import InputError
from vizkit.formats import (from_frame, read_npy, read_projector, read_vectors, read_word2vec, write_projector,
                            write_word2vec)
from vizkit.vectors import LabelledVectors


@pytest.fixture(scope="module")
def glove_2k(glove):
    words = glove.top_words(2000)
    return glove.vectors(words).with_meta(rank=list(range(len(words))))


def test_docstring_examples_run():
    for module in (formats, formats.arrays):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.attempted > 0 and result.failed == 0, module.__name__


# ------------------------------------------------------------------ Projector
def test_projector_round_trip_keeps_vectors_labels_metadata_and_neighbours(glove_2k, tmp_path):
    v, m = write_projector(glove_2k, tmp_path)
    assert (v.name, m.name) == ("vectors.tsv", "metadata.tsv")
    assert m.read_text(encoding="utf-8").splitlines()[0] == "label\tsource\trank"  # several columns: a header
    back = read_vectors(v)  # metadata.tsv found beside it
    assert back.labels.tolist() == glove_2k.labels.tolist()
    np.testing.assert_allclose(back.vectors, glove_2k.vectors, rtol=1e-6, atol=1e-7)
    assert back.meta["rank"][:3].tolist() == ["0", "1", "2"] and set(back.meta["source"]) == {"glove"}
    assert [w for w, _ in back.most_similar("king", top=5)] == [w for w, _ in glove_2k.most_similar("king", top=5)]


def test_projector_single_column_has_no_header(glove_2k, tmp_path):
    plain = LabelledVectors(glove_2k.vectors[:5], glove_2k.labels[:5])
    _, m = write_projector(plain, tmp_path, prefix="glove_")
    assert m.name == "glove_metadata.tsv"
    assert m.read_text(encoding="utf-8").splitlines() == glove_2k.labels[:5].tolist()
    back = read_projector(tmp_path / "glove_vectors.tsv", m)
    assert back.labels.tolist() == glove_2k.labels[:5].tolist() and back.meta == {}


def test_projector_header_rule_and_label_column(tmp_path):
    (tmp_path / "vectors.tsv").write_text("1\t0\n0\t1\n0.5\t0.5\n")
    (tmp_path / "metadata.tsv").write_text("id\tword\tpos\n7\tcat\tnoun\n8\trun\tverb\n9\tblue\tadj\n")
    lv = read_projector(tmp_path / "vectors.tsv", tmp_path / "metadata.tsv", label_column="word")
    assert lv.labels.tolist() == ["cat", "run", "blue"]
    assert lv.meta["id"].tolist() == ["7", "8", "9"] and lv.meta["pos"].tolist() == ["noun", "verb", "adj"]
    no_meta = read_projector(tmp_path / "vectors.tsv")
    assert no_meta.labels.tolist() == ["0", "1", "2"] and no_meta.shape == (3, 2)


def test_metadata_values_with_tabs_or_newlines_stay_on_their_line(tmp_path):
    lv = LabelledVectors([[1, 0], [0, 1]], ["a\tb", "c"], {"sentence": ["two\nlines", None]})
    write_projector(lv, tmp_path)
    back = read_vectors(tmp_path / "vectors.tsv")
    assert back.labels.tolist() == ["a b", "c"] and back.meta["sentence"].tolist() == ["two lines", ""]


@pytest.mark.parametrize("vectors, metadata, message", [
    ("1\t0\n0\t1\t5\n", None, r"vectors.tsv: line 2 has 3 values where the first line has 2"),
    ("1\t0\n0\tx\n", None, r"line 2 holds a value that is not a number"),
    ("1\t0\n0\t1\n", "cat\n", r"1 labels for 2 vectors"),
    ("1\t0\n0\t1\n", "word\tpos\ncat\tnoun\ndog\n", r"metadata.tsv:3: 1 columns where the header has 2"),
    ("1\t0\n0\t1\n", "word\tpos\ncat\tnoun\n", r"1 rows for 2 vectors \(its first line is the header"),
])
def test_projector_errors_name_the_file_and_line(tmp_path, vectors, metadata, message):
    (tmp_path / "vectors.tsv").write_text(vectors)
    meta = None
    if metadata is not None:
        meta = tmp_path / "metadata.tsv"
        meta.write_text(metadata)
    with pytest.raises(InputError, match=message):
        read_projector(tmp_path / "vectors.tsv", meta)


# ------------------------------------------------------------------ word2vec, against gensim
@pytest.mark.parametrize("binary", [False, True])
def test_word2vec_files_agree_with_gensim_both_ways(glove_2k, tmp_path, binary):
    from gensim.models import KeyedVectors

    kv = KeyedVectors(vector_size=glove_2k.dim)
    kv.add_vectors(glove_2k.labels.tolist(), glove_2k.vectors)
    theirs = tmp_path / ("gensim.bin" if binary else "gensim.txt")
    kv.save_word2vec_format(str(theirs), binary=binary)
    ours = read_vectors(theirs)
    assert ours.labels.tolist() == glove_2k.labels.tolist()
    np.testing.assert_allclose(ours.vectors, glove_2k.vectors, rtol=1e-6, atol=1e-7)

    mine = write_word2vec(glove_2k, tmp_path / ("ours.bin" if binary else "ours.txt"), binary=binary)
    back = KeyedVectors.load_word2vec_format(str(mine), binary=binary)
    assert list(back.index_to_key) == glove_2k.labels.tolist()
    np.testing.assert_allclose(back.vectors, glove_2k.vectors, rtol=1e-6, atol=1e-7)
    assert read_word2vec(mine, limit=10).labels.tolist() == glove_2k.labels[:10].tolist()


def test_glove_text_without_header_reads_as_word2vec_text(tmp_path):
    (tmp_path / "glove.txt").write_text("the 0.1 0.2\nof -0.3 0.4\n", encoding="utf-8")
    lv = read_vectors(tmp_path / "glove.txt")
    assert lv.labels.tolist() == ["the", "of"] and lv.vectors.dtype == np.float32
    np.testing.assert_allclose(lv.vectors, [[0.1, 0.2], [-0.3, 0.4]], rtol=1e-6)


def test_word2vec_errors(tmp_path, glove_2k):
    (tmp_path / "bad.txt").write_text("2 2\nthe 0.1 0.2\nof 0.3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.txt:3: 1 numbers where the file has 2 per word"):
        read_vectors(tmp_path / "bad.txt")
    full = write_word2vec(glove_2k[:5], tmp_path / "five.bin", binary=True)
    (tmp_path / "cut.bin").write_bytes(full.read_bytes()[:-150])
    with pytest.raises(InputError, match=r"ends after 4 of the 5 vectors"):
        read_vectors(tmp_path / "cut.bin")
    with pytest.raises(InputError, match=r"not UTF-8 text .* binary=True"):
        read_word2vec(full, binary=False)
    with pytest.raises(InputError, match=r"'new york' cannot be written in word2vec format"):
        write_word2vec(LabelledVectors([[1.0]], ["new york"]), tmp_path / "x.txt")


# ------------------------------------------------------------------ NumPy and pandas
def test_npy_with_a_labels_file_beside_it(glove_2k, tmp_path):
    np.save(tmp_path / "emb.npy", glove_2k.vectors)
    (tmp_path / "emb.labels.txt").write_text("\n".join(glove_2k.labels) + "\n", encoding="utf-8")
    lv = read_vectors(tmp_path / "emb.npy")
    assert lv.labels.tolist() == glove_2k.labels.tolist()
    np.testing.assert_array_equal(lv.vectors, glove_2k.vectors)
    assert read_vectors(tmp_path / "emb.npy", limit=3).labels.tolist() == glove_2k.labels[:3].tolist()
    (tmp_path / "emb.labels.txt").unlink()
    assert read_npy(tmp_path / "emb.npy").labels[:2].tolist() == ["0", "1"]
    (tmp_path / "short.txt").write_text("a\nb\n")
    with pytest.raises(InputError, match=r"short.txt has 2 labels for the 2000 rows"):
        read_npy(tmp_path / "emb.npy", tmp_path / "short.txt")
    np.save(tmp_path / "obj.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(InputError, match="not a plain numeric .npy"):
        read_vectors(tmp_path / "obj.npy")


def test_dataframe_with_a_vector_column_or_numeric_columns(glove_2k):
    df = pd.DataFrame({"word": glove_2k.labels[:50], "vec": list(glove_2k.vectors[:50]),
                       "rank": range(50)})
    lv = from_frame(df)
    assert lv.labels.tolist() == glove_2k.labels[:50].tolist() and lv.meta["rank"][:3].tolist() == [0, 1, 2]
    np.testing.assert_array_equal(lv.vectors, glove_2k.vectors[:50])
    wide = pd.DataFrame(glove_2k.vectors[:50], columns=[f"d{i}" for i in range(glove_2k.dim)])
    wide["term"] = glove_2k.labels[:50]
    lv2 = from_frame(wide, vector=[f"d{i}" for i in range(glove_2k.dim)], label="term")
    assert lv2.labels.tolist() == lv.labels.tolist() and lv2.meta == {}
    with pytest.raises(InputError, match="say which column holds the vectors"):
        from_frame(wide)


def test_unknown_file_kind_lists_the_known_ones(tmp_path):
    (tmp_path / "x.h5").write_bytes(b"\x89HDF")
    with pytest.raises(InputError, match=r"unknown vectors file kind '.h5'; give a .tsv"):
        read_vectors(tmp_path / "x.h5")
    with pytest.raises(InputError, match="no such vectors file"):
        read_vectors(tmp_path / "missing.tsv")


def test_words_that_table_readers_take_for_missing_values_stay_words(glove, tmp_path):
    words = ["nan", "null", "na", "none", "true", "false", "n/a", "king"]
    lv = glove.vectors(words).with_meta(note=["nan", "null", "", "none", "true", "false", "n/a", "#N/A"])
    write_projector(lv, tmp_path / "p")
    back = read_vectors(tmp_path / "p" / "vectors.tsv")
    assert back.labels.tolist() == words and back.meta["note"].tolist() == lv.meta["note"].tolist()
    single = LabelledVectors(lv.vectors, lv.labels)
    write_projector(single, tmp_path / "s")
    assert read_vectors(tmp_path / "s" / "vectors.tsv").labels.tolist() == words
    write_word2vec(lv, tmp_path / "w.txt")
    assert read_vectors(tmp_path / "w.txt").labels.tolist() == words
    frame = from_frame(pd.DataFrame({"word": words, "vec": list(lv.vectors)}))
    assert frame.labels.tolist() == words
