import numpy as np
import pytest

from vizkit import LabelledVectors
from vizkit.errors import InputError, UnknownWordError


def make():
    vecs = np.array([[1, 0, 0], [0.9, 0.1, 0], [0, 1, 0], [0, 0, 1], [0.8, 0.2, 0.1]], dtype=float)
    labels = ["bank", "bank", "river", "money", "bank"]
    meta = {"sense": ["money", "money", None, None, "river"], "layer": [0, 1, 0, 0, 1]}
    return LabelledVectors(vecs, labels, meta)


def test_repeated_labels_and_metadata_kept():
    lv = make()
    assert len(lv) == 5 and lv.dim == 3
    banks = lv["bank"]
    assert len(banks) == 3
    assert banks.meta["sense"].tolist() == ["money", "money", "river"]
    assert lv.where(layer=1).labels.tolist() == ["bank", "bank"]
    assert lv.where(sense="money", layer=0).labels.tolist() == ["bank"]


def test_subsetting_by_mask_slice_index():
    lv = make()
    assert lv[1:3].labels.tolist() == ["bank", "river"]
    assert lv[np.array([True, False, False, True, False])].labels.tolist() == ["bank", "money"]
    assert lv[[4, 0]].meta["layer"].tolist() == [1, 0]
    assert lv[2].labels.tolist() == ["river"]


def test_concat_fills_missing_metadata_and_checks_dimensions():
    a = make()
    b = LabelledVectors(np.ones((2, 3)), ["x", "y"], {"source": ["glove", "glove"]})
    c = LabelledVectors.concat([a, b])
    assert len(c) == 7
    assert c.meta["source"].tolist() == [None] * 5 + ["glove", "glove"]
    assert c.meta["layer"].tolist()[-2:] == [None, None]
    with pytest.raises(InputError, match="different dimensions"):
        LabelledVectors.concat([a, LabelledVectors(np.ones((1, 4)), ["z"])])
    with pytest.raises(InputError, match="nothing to concatenate"):
        LabelledVectors.concat([])


def test_cosine_neighbours_skip_query_and_deduplicate():
    lv = make()
    near = lv.most_similar("river", top=2)
    assert [w for w, _ in near] == ["bank", "money"]  # three "bank" rows give one answer
    assert near[0][1] == pytest.approx(0.2 / np.linalg.norm([0.8, 0.2, 0.1]), rel=1e-6)
    assert lv.similarity("river", "money") == pytest.approx(0.0)


def test_vector_arithmetic():
    lv = LabelledVectors(np.eye(4), ["king", "man", "woman", "queen"])
    v = lv.arithmetic(positive=["king", "woman"], negative=["man"])
    assert v.tolist() == [1.0, -1.0, 1.0, 0.0]
    with pytest.raises(UnknownWordError, match="kingg"):
        lv.arithmetic(positive=["kingg"])


@pytest.mark.parametrize(
    "vecs, labels, message",
    [
        (np.array([[1.0, np.nan], [0.0, 1.0]]), ["a", "b"], "NaN or inf: 'a'"),
        (np.array([[1.0, np.inf]]), ["x"], "NaN or inf"),
        (np.ones((2, 2)), ["a"], "2 vectors but 1 labels"),
        ([[1, 2], [3]], ["a", "b"], "same dimension"),
        (np.ones(3), ["a", "b", "c"], "2-D array"),
        ([["a", "b"]], ["x"], "numbers"),
    ],
)
def test_bad_input_messages(vecs, labels, message):
    with pytest.raises(InputError, match=message):
        LabelledVectors(vecs, labels)


def test_unknown_label_suggests_close_labels():
    with pytest.raises(UnknownWordError) as err:
        make()["banks"]
    assert err.value.suggestions[0] == "bank"
    assert "closest known words: bank" in str(err.value)


def test_non_ascii_labels_and_frame():
    lv = LabelledVectors(np.eye(3), ["银行", "🙂", "bank"], {"lang": ["zh", "emoji", "en"]})
    assert lv["银行"].meta["lang"].tolist() == ["zh"]
    frame = lv.with_meta(source="test").to_frame()
    assert frame.columns.tolist() == ["label", "lang", "source"]
    assert frame["label"].tolist() == ["银行", "🙂", "bank"]
