"""Semantic axes on contextual occurrences, layer by layer (issue 16, part 1): the seed's money <-> river picture."""

from __future__ import annotations

import numpy as np
import pytest

from vizkit.datasets import sentence_sets
from vizkit.errors import InputError
from vizkit.polysemy import animation_figure, polysemy_frames


@pytest.fixture(scope="module")
def bank_axes(llm):
    s = sentence_sets.load("bank")
    return polysemy_frames("bank", s.sentences, s.senses, llm=llm, static="glove", method="axes")


def _gap(frame, senses):
    senses = np.asarray(senses)
    return frame.coords[senses == "river", 0].mean() - frame.coords[senses == "money", 0].mean()


def test_bank_occurrences_move_apart_along_money_river(bank_axes):
    fs = bank_axes
    assert fs.method == "axes" and fs.axis_titles[0].startswith("money") and "river" in fs.axis_titles[0]
    layer0 = next(f for f in fs.frames if f.layer == 0)
    best = max((f for f in fs.frames if f.layer), key=lambda f: f.separation["separation"])
    # measured: river minus money on x is 0.001 at the embedding layer, 0.09-0.10 at the best layers
    assert abs(_gap(layer0, fs.senses)) < 0.02
    assert _gap(best, fs.senses) > 0.05
    # GloVe's static "bank" leans to the money pole (negative x), one point for every occurrence
    static = fs.frames[0].coords
    assert np.allclose(static, static[0]) and static[0, 0] < 0 and static[0, 1] == 0
    # anchor words sit on their own side of the axis
    xs = {a.sense: [] for a in fs.anchors}
    for a in fs.anchors:
        xs[a.sense].append(a.xy[0])
    assert np.mean(xs["money"]) < np.mean(xs["river"])


def test_the_axes_figure_names_its_axes(bank_axes):
    fig = animation_figure(bank_axes)
    assert fig.layout.xaxis.title.text == bank_axes.axis_titles[0] and fig.layout.xaxis.showticklabels
    assert "semantic axes" in fig.layout.title.text and len(fig.frames) == len(bank_axes.frames)


def test_axes_of_ones_own_words_and_a_second_pair(llm):
    s = sentence_sets.load("bank")
    fs = polysemy_frames("bank", s.sentences, s.senses, llm=llm, method="axes",
                         axes=("money,loan:river,shore", "man:woman"))
    assert fs.axis_titles == ("money, loan \u2190 \u2192 river, shore", "man \u2190 \u2192 woman")
    assert all(np.isfinite(f.coords).all() for f in fs.frames)
    with pytest.raises(InputError, match="needs poles"):
        polysemy_frames("bank", s.sentences, s.senses, llm=llm, method="axes", anchors={})


def test_the_cli_animates_on_axes(tmp_path, capsys):
    from vizkit.cli import main

    out = tmp_path / "bank_axes.html"
    assert main(["animate", "bank", "--method", "axes", "--static", "glove", "--out", str(out)]) == 0
    assert "money, loan" in out.read_text(encoding="utf-8")
    assert main(["animate", "bank", "--x-axis", "money:river", "--out", str(out)]) != 0
    assert "go with --method axes" in capsys.readouterr().err
