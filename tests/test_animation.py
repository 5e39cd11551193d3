"""The static-to-contextual animation: frames and the plotly figure, on the real MiniLM."""

import re
from pathlib import Path

import numpy as np
import pytest

from vizkit.datasets import sentence_sets
from vizkit.polysemy import animation_figure, highlight, polysemy_frames
from vizkit.errors import InputError, UnknownWordError


@pytest.fixture(scope="module")
def bank_frames(llm):
    s = sentence_sets.load("bank")
    return polysemy_frames("bank", s.sentences, s.senses, llm=llm)


def test_frames_static_then_every_layer(bank_frames, llm):
    fs = bank_frames
    assert len(fs.frames) == 1 + llm.n_layers + 1
    assert fs.frames[0].layer is None and [f.layer for f in fs.frames[1:]] == list(range(7))
    assert fs.n_occurrences == 16
    static = fs.frames[0].coords
    assert np.allclose(static, static[0])  # every occurrence on one point
    assert not np.allclose(fs.frames[-1].coords, fs.frames[-1].coords[0])  # then they split


def test_separation_rises_from_static_and_layer_0(bank_frames):
    rows = bank_frames.metrics()
    assert list(rows[0]) == ["frame", "layer", "within_sense_cos", "across_sense_cos", "separation"]
    assert rows[0]["layer"] == "static" and rows[0]["separation"] == 0.0
    best = max(r["separation"] for r in rows[2:])
    assert best > rows[1]["separation"] + 0.05


def test_figure_frames_identity_and_fixed_axes(bank_frames):
    fig = animation_figure(bank_frames)
    assert len(fig.frames) == len(bank_frames.frames)
    assert [tr.name for tr in fig.data] == ["money", "river", "anchor words"]
    ids0 = [list(tr.ids) for tr in fig.frames[0].data]
    for frame in fig.frames:
        assert [list(tr.ids) for tr in frame.data] == ids0  # object constancy
        assert list(frame.traces) == [0, 1]
    assert fig.layout.xaxis.autorange is False and fig.layout.yaxis.autorange is False
    xs = np.concatenate([np.asarray(tr.x) for fr in fig.frames for tr in fr.data])
    assert fig.layout.xaxis.range[0] < xs.min() and xs.max() < fig.layout.xaxis.range[1]
    assert len(fig.layout.sliders[0].steps) == len(fig.frames)
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == ["Play", "Pause"]
    assert "separation +0.000" in fig.frames[0].layout.annotations[0].text
    assert fig.frames[2].layout.annotations[0].text.startswith("<b>layer 1</b>")
    assert "<b>bank</b>" in fig.data[0].hovertext[0]


def test_frames_are_one_animation_drawn_by_the_one_builder(bank_frames):
    """Issue 25: a FrameSet converts to the Animation every renderer reads; the figure is the one builder's."""
    from vizkit.render.figure import animation_figure as one_builder

    fs = bank_frames
    anim = fs.to_animation()
    assert anim.coords.shape == (8, 16, 2) and anim.n_components == 2 and not anim.beside
    assert anim.ids == [f"occ{i}" for i in range(16)] and anim.groups == fs.senses
    assert anim.group_order == ["money", "river"] and anim.group_title == "sense"
    assert anim.names == [f.name for f in fs.frames] and anim.steps[:2] == ["static", "layer 0"]
    assert [r["separation"] for r in anim.metrics()] == [r["separation"] for r in fs.metrics()]
    assert anim.reference.labels == [a.word for a in fs.anchors] and anim.reference.name == "anchor words"
    np.testing.assert_array_equal(anim.extent, fs.extent)
    fig = one_builder(anim)
    assert fig.to_plotly_json() == animation_figure(fs).to_plotly_json()
    assert len(fig.frames) == anim.n_frames
    assert list(fig.layout.xaxis.range) == list(fs.extent[:, 0]) and list(fig.layout.yaxis.range) == list(fs.extent[:, 1])


def test_hover_escapes_html_in_sentences(llm):
    sents = ["The bank said <script>alert(1)</script> no.", "A bank of the river.",
             "The bank gave a loan.", "We sat on the river bank."]
    fs = polysemy_frames("bank", sents, ["money", "river", "money", "river"], llm=llm)
    hover = " ".join(h for tr in animation_figure(fs).data for h in tr.hovertext)
    assert "<script>" not in hover and "&lt;script&gt;" in hover
    assert highlight("a <b> bank", 6, 10) == "a &lt;b&gt; <b>bank</b>"


def test_single_sense_is_drawn_without_a_score(llm):
    from vizkit.polysemy import SingleSenseWarning

    with pytest.warns(SingleSenseWarning, match="one sense"):
        fs = polysemy_frames("bank", ["The bank lent money.", "The bank is open.", "A bank."], None, llm=llm)
    assert fs.senses == ["unlabelled"] * 3
    assert all(np.isnan(f.separation["separation"]) for f in fs.frames)
    assert "needs sentences of two senses" in animation_figure(fs).frames[3].layout.annotations[0].text
    with pytest.raises(InputError, match="at least 3 occurrences"):
        polysemy_frames("bank", ["The bank lent money.", "A river bank."], ["money", "river"], llm=llm)


def test_anchor_words_sit_on_their_sense_side(bank_frames):
    fs = bank_frames
    assert {a.sense for a in fs.anchors} == {"money", "river"}
    assert {"money", "loan", "river", "water"} <= {a.word for a in fs.anchors}
    senses = np.asarray(fs.senses)
    for frame in fs.frames[2:]:
        # the anchors' sense centroids are in the same order along the line that joins the sense centroids
        c = {s: frame.coords[senses == s].mean(axis=0) for s in ("money", "river")}
        axis = c["money"] - c["river"]
        a = {s: np.mean([x.xy for x in fs.anchors if x.sense == s], axis=0) @ axis for s in ("money", "river")}
        assert a["money"] > a["river"], frame.name


def test_static_frame_notes_how_glove_leans(llm):
    s = sentence_sets.load("bank")
    fs = polysemy_frames("bank", s.sentences, s.senses, llm=llm, static="glove")
    assert fs.frames[0].name == "static (glove)"
    lean = fs.frames[0].note
    money, river = (float(x) for x in re.findall(r"(\d\.\d\d)", lean))
    assert money > river  # GloVe's one "bank" vector is mostly the money sense
    assert np.allclose(fs.frames[0].coords, 0)


def test_static_source_without_the_word_is_named(llm):
    with pytest.raises(UnknownWordError, match="zzqxv"):
        polysemy_frames("zzqxv", ["A zzqxv here.", "A zzqxv there.", "Another zzqxv."], ["a", "b", "a"],
                        llm=llm, static="glove")


@pytest.mark.parametrize("method", ["tsne", "umap"])
def test_tsne_and_umap_maps_keep_identity_and_split(llm, method):
    s = sentence_sets.load("bank")
    fs = polysemy_frames("bank", s.sentences, s.senses, llm=llm, method=method)
    assert fs.method == method and len(fs.frames) == 8
    assert np.allclose(fs.frames[0].coords, fs.frames[0].coords[0])
    last = fs.frames[-1].coords
    senses = np.asarray(fs.senses)
    # in the last layer every occurrence's nearest other occurrence has its sense for most points
    d = np.linalg.norm(last[:, None] - last[None], axis=-1)
    np.fill_diagonal(d, np.inf)
    agree = (senses[d.argmin(axis=1)] == senses).mean()
    assert agree >= 0.75
    fig = animation_figure(fs)
    assert all(list(fr.traces) == [0, 1] for fr in fig.frames)
    # same seed, same map
    again = polysemy_frames("bank", s.sentences, s.senses, llm=llm, method=method)
    assert np.allclose(again.frames[-1].coords, last)


def test_metrics_csv(bank_frames, tmp_path):
    import csv

    path = bank_frames.write_metrics(tmp_path / "m.csv")
    rows = list(csv.DictReader(Path(path).read_text().splitlines()))
    assert list(rows[0]) == ["frame", "layer", "within_sense_cos", "across_sense_cos", "separation"]
    assert [r["layer"] for r in rows] == ["static"] + [str(i) for i in range(7)]
    assert float(rows[0]["separation"]) == 0.0
    for r in rows:
        assert abs(float(r["within_sense_cos"]) - float(r["across_sense_cos"]) - float(r["separation"])) < 1e-5


@pytest.mark.slow
def test_static_stage_from_the_default_word2vec(llm):
    s = sentence_sets.load("spring")
    fs = polysemy_frames("spring", s.sentences, s.senses, llm=llm, static="word2vec")
    assert fs.frames[0].name == "static (word2vec)"
    season, coil = (float(x) for x in re.findall(r"(-?\d\.\d\d)", fs.frames[0].note))
    assert -1 <= coil < season <= 1  # trained on ordinary English text: "spring" is mostly the season
    assert np.allclose(fs.frames[0].coords, fs.frames[0].coords[0])
