"""The static-to-contextual animation: frames and the plotly figure, on the real MiniLM."""

import numpy as np
import pytest

from vizkit import polysemy
from vizkit.animation import animation_figure, highlight, polysemy_frames
from vizkit.errors import InputError


@pytest.fixture(scope="module")
def bank_frames(llm):
    s = polysemy.load("bank")
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
    assert [tr.name for tr in fig.data] == ["money", "river"]
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
    assert "<b>bank</b>" in fig.data[0].hovertext[0]


def test_hover_escapes_html_in_sentences(llm):
    sents = ["The bank said <script>alert(1)</script> no.", "A bank of the river.",
             "The bank gave a loan.", "We sat on the river bank."]
    fs = polysemy_frames("bank", sents, ["money", "river", "money", "river"], llm=llm)
    hover = " ".join(h for tr in animation_figure(fs).data for h in tr.hovertext)
    assert "<script>" not in hover and "&lt;script&gt;" in hover
    assert highlight("a <b> bank", 6, 10) == "a &lt;b&gt; <b>bank</b>"


def test_single_sense_is_refused(llm):
    with pytest.raises(InputError, match="at least two senses"):
        polysemy_frames("bank", ["The bank lent money.", "The bank is open."], ["money", "money"], llm=llm)
