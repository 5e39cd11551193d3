"""Texts from the files people keep them in, embedded offline with the bundled MiniLM, cached by content."""

import json

import numpy as np
import pandas as pd
import pytest

from vizkit import _cache
from vizkit import sentence_embeddings as se
from vizkit.datasets.sentence_collection import collection
from vizkit.errors import InputError
from vizkit.formats import read_texts


@pytest.fixture(scope="module")
def frame():
    col = collection()
    return pd.DataFrame({"id": [f"s{i}" for i in range(len(col.sentences))], "sentence": col.sentences,
                         "topic": col.topics})


@pytest.mark.parametrize("kind", ["csv", "tsv", "parquet", "jsonl", "txt"])
def test_every_file_kind_gives_the_same_texts(frame, tmp_path, kind):
    path = tmp_path / f"texts.{kind}"
    if kind in ("csv", "tsv"):
        frame.to_csv(path, sep="," if kind == "csv" else "\t", index=False)
    elif kind == "parquet":
        frame.to_parquet(path)
    elif kind == "jsonl":
        path.write_text("\n".join(json.dumps(r) for r in frame.to_dict("records")) + "\n", encoding="utf-8")
    else:
        path.write_text("\n".join(frame["sentence"]) + "\n\n", encoding="utf-8")
    got = read_texts(path)
    assert got["text"].tolist() == frame["sentence"].tolist()  # the "sentence" column found by name
    if kind != "txt":
        assert list(got.columns) == ["text", "id", "topic"] and got["topic"].tolist() == frame["topic"].tolist()


def test_read_texts_errors(frame, tmp_path):
    frame.rename(columns={"sentence": "words"}).to_csv(tmp_path / "a.csv", index=False)
    with pytest.raises(InputError, match=r"no column named text / sentence .*columns are \['id', 'words', 'topic'\]"):
        read_texts(tmp_path / "a.csv")
    assert read_texts(tmp_path / "a.csv", column="words")["text"].iloc[0] == frame["sentence"].iloc[0]
    pd.DataFrame({"text": ["fine", " "], "n": [1, 2]}).to_csv(tmp_path / "b.csv", index=False)
    with pytest.raises(InputError, match=r"row 2 has an empty 'text'"):
        read_texts(tmp_path / "b.csv")
    (tmp_path / "c.xml").write_text("<a/>")
    with pytest.raises(InputError, match="unknown texts file kind '.xml'"):
        read_texts(tmp_path / "c.xml")


def test_texts_are_embedded_once_and_read_back_from_the_cache(llm, frame, tmp_path, monkeypatch):
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path / "cache"))
    lv = se.embed_texts(frame, column="sentence", llm=llm, progress=False)
    direct = se.sentence_vectors(llm, frame["sentence"].tolist())
    np.testing.assert_allclose(lv.vectors, direct.vectors, atol=1e-5)
    assert lv.labels.tolist() == frame["sentence"].tolist() and lv.meta["topic"].tolist() == frame["topic"].tolist()
    assert [e.kind for e in _cache.entries("sentence-vectors")] == ["sentence-vectors"]

    def no_model(*args, **kwargs):
        raise AssertionError("embedded again")

    monkeypatch.setattr(se, "sentence_vectors", no_model)
    again = se.embed_texts(frame, column="sentence", llm=llm, progress=False)
    np.testing.assert_array_equal(again.vectors, lv.vectors)
    edited = frame.assign(sentence=frame["sentence"].str.replace("the", "a", n=1, regex=False))
    with pytest.raises(AssertionError, match="embedded again"):  # edited texts are a new entry
        se.embed_texts(edited, column="sentence", llm=llm, progress=False)


def test_a_file_of_texts_embeds_straight_into_an_atlas(llm, frame, tmp_path, monkeypatch):
    from vizkit.atlas import Atlas

    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path / "cache"))
    frame.to_csv(tmp_path / "texts.csv", index=False)
    lv = se.embed_texts(tmp_path / "texts.csv", llm=llm, progress=False)
    atlas = Atlas(method="pca", levels=(6,)).fit(lv)
    near = atlas.neighbours(lv.labels[0], k=5)
    topic = dict(zip(frame["sentence"], frame["topic"]))
    assert sum(topic[t] == topic[lv.labels[0]] for t in near["label"]) >= 4  # its neighbours share its topic


@pytest.mark.parametrize("kind", ["csv", "tsv", "parquet", "jsonl"])
def test_texts_that_look_like_missing_values_stay_texts(tmp_path, kind):
    words = ["nan", "null", "na", "none", "true", "false", "n/a", "#N/A"]
    frame = pd.DataFrame({"text": words, "tag": words[::-1]})
    path = tmp_path / f"t.{kind}"
    if kind == "parquet":
        frame.to_parquet(path)
    elif kind == "jsonl":
        frame.to_json(path, orient="records", lines=True)
    else:
        frame.to_csv(path, sep="," if kind == "csv" else "\t", index=False)
    got = read_texts(path)
    assert got["text"].tolist() == words and got["tag"].tolist() == words[::-1]
