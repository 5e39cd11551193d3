"""Word2Vec trained live: training examples by hand, epoch snapshots from gensim callbacks, the animation.

Real gensim training throughout, on subsets of the real bundled corpus small enough to take seconds.
"""

import json
import re

import numpy as np
import pytest

pytest.importorskip("gensim")

from conftest import SEED  # noqa: E402
from vizkit.errors import InputError  # noqa: E402
from vizkit.training import (TRACKED_GROUPS, EpochSnapshots, cbow_examples, epoch_coords,  # noqa: E402
                             negative_samples, noise_distribution, parse_groups, seed_sentences, skipgram_pairs, train_word2vec,
                             training_corpus, training_figure, write_training_html)

EPOCHS = 6


@pytest.fixture(scope="module")
def corpus_300k():
    """Every k-th sentence of the bundled corpus, about 300k words."""
    return training_corpus(300_000, progress=False)


@pytest.fixture(scope="module")
def run(corpus_300k):
    """Skip-gram, 6 epochs, 32-d, one worker: about 5 s."""
    return train_word2vec(corpus_300k, sg=1, vector_size=32, epochs=EPOCHS, seed=SEED, workers=1, progress=False)


# ------------------------------------------------------------------ examples by hand
def test_skipgram_pairs_of_the_seed_sentence():
    # the seed's sliding window (window 2) over "Thou shalt not make a machine in the likeness of a human mind"
    pairs = skipgram_pairs("Thou shalt not make a machine", window=2)
    assert pairs[:7] == [("thou", "shalt"), ("thou", "not"), ("shalt", "thou"), ("shalt", "not"), ("shalt", "make"),
                         ("not", "thou"), ("not", "shalt")]
    assert ("not", "a") in pairs and ("not", "machine") not in pairs
    assert len(pairs) == 2 + 3 + 4 + 4 + 3 + 2
    assert skipgram_pairs(["love", "programming", "in", "python"], window=1) == [
        ("love", "programming"), ("programming", "love"), ("programming", "in"), ("in", "programming"),
        ("in", "python"), ("python", "in")]
    assert cbow_examples(["love", "programming", "in", "python"], window=1)[1] == (("love", "in"), "programming")


def test_seed_train_data_is_preprocessed_like_the_seed():
    sents = seed_sentences()
    assert len(sents) == 5 and sents[2] == ["machine", "learning", "is", "fascinating"]
    assert "a" not in sents[1] and sents[0][0] == "love"  # simple_preprocess drops one-letter tokens


def test_negative_samples_follow_unigram_to_the_075():
    words, p = noise_distribution({"the": 100, "cat": 10, "mat": 1})
    expected = np.array([100, 10, 1]) ** 0.75
    np.testing.assert_allclose(p, expected / expected.sum())
    counts = {"the": 1000, "cat": 10, "sat": 10, "mat": 1}
    rows = negative_samples([("cat", "sat")] * 2000, counts, k=3, random_state=SEED)
    assert len(rows) == 2000 * 4 and [r["label"] for r in rows[:4]] == [1, 0, 0, 0]
    noise = [r["context"] for r in rows if r["label"] == 0]
    assert "cat" not in noise  # a draw equal to the target is drawn again
    freq = {w: noise.count(w) / len(noise) for w in ("the", "sat", "mat")}
    w = {k: counts[k] ** 0.75 for k in ("the", "sat", "mat")}
    for k in freq:  # "the" is 100x "sat" in counts but only ~32x in the noise
        assert freq[k] == pytest.approx(w[k] / sum(w.values()), abs=0.02)
    assert rows == negative_samples([("cat", "sat")] * 2000, counts, k=3, random_state=SEED)


# ------------------------------------------------------------------ callbacks -> frames
def test_callbacks_give_epochs_plus_one_frames_of_the_chosen_words(run):
    words = [w for ws in TRACKED_GROUPS.values() for w in ws]
    assert len(run.frames) == EPOCHS + 1 and [f.epoch for f in run.frames] == list(range(EPOCHS + 1))
    assert run.words == words and run.groups == [g for g, ws in TRACKED_GROUPS.items() for _ in ws]
    for f in run.frames:
        assert f.vectors.shape == (len(words), 32) and f.coords.shape == (len(words), 2)
    # epoch 0 is gensim's random initialisation: uniform in +-1/vector_size
    init = run.frames[0].vectors
    assert 0.9 / 32 < np.abs(init).max() <= 1 / 32
    # the last frame is the trained model's vectors
    np.testing.assert_array_equal(run.frames[-1].vectors, np.stack([run.model.wv[w] for w in words]))
    assert np.isnan(run.frames[0].loss) and all(f.loss > 0 for f in run.frames[1:])
    assert all(b.seconds >= a.seconds for a, b in zip(run.frames, run.frames[1:]))
    assert run.movement()[0] == 0 and run.movement()[-1] > 10  # trained vectors are far from their start


def test_separation_grows_as_the_groups_form(run):
    sep = [f.separation["separation"] for f in run.frames]
    assert abs(sep[0]) < 0.05, "random vectors: no groups"
    assert sep[-1] > 0.15 and sep[-1] > sep[0] + 0.15
    assert sep[-1] >= max(sep[:-1]) - 0.01
    numbers = set(TRACKED_GROUPS["numbers"])
    first = {w for w, _ in run.frames[0].neighbours}
    last = {w for w, _ in run.frames[-1].neighbours}
    assert run.probe == "two" and len(last & numbers) >= 2 and len(last & numbers) > len(first & numbers)


def test_same_seed_same_frames_by_default(corpus_300k):
    small = corpus_300k[:4000]
    groups = {"numbers": ["two", "three", "four"], "family": ["mother", "father", "wife"]}
    a, b = (train_word2vec(small, groups, vector_size=16, epochs=2, seed=SEED, progress=False)
            for _ in range(2))
    for fa, fb in zip(a.frames, b.frames):
        np.testing.assert_array_equal(fa.vectors, fb.vectors)
        np.testing.assert_array_equal(fa.coords, fb.coords)
    c = train_word2vec(small, groups, vector_size=16, epochs=2, seed=SEED + 1, progress=False)
    assert not np.allclose(c.frames[-1].vectors, a.frames[-1].vectors)
    with pytest.raises(ValueError, match="deterministic=False"):
        train_word2vec(small, groups, vector_size=16, epochs=1, workers=2, progress=False)
    fast = train_word2vec(small, groups, vector_size=16, epochs=1, deterministic=False, progress=False)
    assert len(fast.frames) == 2  # opt-in: every core, not reproducible


def test_the_gensim_callback_on_its_own(corpus_300k):
    from gensim.models import Word2Vec

    snaps = EpochSnapshots(["two", "three"], probe="two", topn=3)
    model = Word2Vec(corpus_300k[:3000], vector_size=8, epochs=3, min_count=2, seed=SEED, workers=1,
                     callbacks=[snaps], compute_loss=True)
    assert len(snaps.vectors) == 4 and snaps.vectors[-1].shape == (2, 8)
    np.testing.assert_array_equal(snaps.vectors[-1][0], model.wv["two"])
    assert all(len(n) == 3 and "two" not in dict(n) for n in snaps.neighbours)


# ------------------------------------------------------------------ the map
def steps(frames):
    """How far the points travel from each frame to the next, relative to the map's size."""
    size = np.mean([np.linalg.norm(f - f.mean(axis=0), axis=1).mean() for f in frames])
    return np.array([np.linalg.norm(b - a, axis=1).mean() for a, b in zip(frames, frames[1:])]) / size


def test_aligned_maps_do_not_spin(run):
    vectors = [f.vectors for f in run.frames]
    shared = epoch_coords(vectors, align="shared")
    aligned = epoch_coords(vectors, align="procrustes")
    unaligned = epoch_coords(vectors, align=None)
    np.testing.assert_allclose(shared[-1], aligned[-1])  # both end on the last epoch's own map
    np.testing.assert_allclose(unaligned[-1], aligned[-1])
    # a map per epoch turns when the leading directions change (here between epochs 1 and 2);
    # after epoch 1 (the jump from random vectors is real) the stable maps never jump like that
    assert steps(unaligned)[1:].max() > 0.9
    assert steps(shared)[1:].max() < 0.6 * steps(unaligned)[1:].max()
    assert steps(aligned)[1:].max() < 0.6 * steps(unaligned)[1:].max()
    # Procrustes: each frame is the rotation of its own map closest to the next frame
    for k in range(len(vectors) - 1):
        sq = lambda a, b: float(((a - a.mean(0)) - (b - b.mean(0))).__pow__(2).sum())  # noqa: E731
        assert sq(aligned[k], aligned[k + 1]) <= sq(unaligned[k], unaligned[k + 1]) + 1e-9
    np.testing.assert_allclose(np.vstack([f.coords for f in run.frames]), np.vstack(shared))
    with pytest.raises(InputError, match="align must be"):
        epoch_coords(vectors, align="spin")


# ------------------------------------------------------------------ figure and export
def test_figure_has_a_frame_and_a_slider_step_per_epoch(run):
    fig = training_figure(run)
    assert len(fig.frames) == EPOCHS + 1
    steps = fig.layout.sliders[0].steps
    assert [s.label for s in steps] == [str(k) for k in range(EPOCHS + 1)]
    assert [s.args[0][0] for s in steps] == [f.name for f in fig.frames]
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == ["Play", "Pause"]
    assert [t.name for t in fig.data] == list(TRACKED_GROUPS)
    last = fig.frames[-1].data[0]
    assert list(last.ids) == TRACKED_GROUPS["numbers"] and list(last.text) == TRACKED_GROUPS["numbers"]
    np.testing.assert_allclose(np.column_stack([last.x, last.y]), run.frames[-1].coords[:len(TRACKED_GROUPS["numbers"])])
    assert fig.layout.xaxis.autorange is False and fig.layout.yaxis.autorange is False
    assert "separation" in fig.frames[-1].layout.annotations[0].text
    assert "skip-gram" in fig.layout.title.text


def test_export_is_one_offline_html_file(run, tmp_path):
    path = write_training_html(run, tmp_path / "w2v.html")
    text = open(path, encoding="utf-8").read()
    assert list(tmp_path.iterdir()) == [tmp_path / "w2v.html"]
    assert not re.search(r"<script[^>]*\bsrc=", text), "no external script"
    assert 'id="vizkit-animation"' in text and "epoch 0 (random init)" in text
    assert len(text) > 1_000_000  # plotly.js inline (the page writer inlines the smallest bundle that draws it)
    # the arrow keys step at the buttons' pace (800 ms frames, 500 ms transitions by default)
    keys = json.loads(re.search(r'<script type="application/json" id="vizkit-keyboard">(.*?)</script>', text).group(1))
    assert (keys["duration"], keys["transition"]) == (800, 500)


# ------------------------------------------------------------------ one animation model (issue 25)
def test_the_run_is_one_animation_and_its_figure_is_the_one_builders(run):
    from vizkit.render.animation import PADDING, fixed_extent
    from vizkit.render.figure import animation_figure

    words = [w for ws in TRACKED_GROUPS.values() for w in ws]
    anim = run.to_animation()
    assert anim.coords.shape == (EPOCHS + 1, len(words), 2) and anim.n_frames == EPOCHS + 1
    assert anim.ids == words == anim.labels and anim.text and anim.group_order == list(TRACKED_GROUPS)
    assert anim.names == [f.name for f in run.frames] and anim.steps == [str(k) for k in range(EPOCHS + 1)]
    assert [r["separation"] for r in anim.metrics()] == [f.separation["separation"] for f in run.frames]
    assert anim.notes[-1].startswith("nearest to two: ") and anim.captions[0].startswith("<b>epoch 0 (random init)</b>")
    # one padding for every animation: the run's extent is its frames' with PADDING (0.08) of the range around
    np.testing.assert_array_equal(run.extent, fixed_extent(np.vstack([f.coords for f in run.frames])))
    lo, hi = np.vstack(anim.coords).min(axis=0), np.vstack(anim.coords).max(axis=0)
    np.testing.assert_allclose(run.extent, [lo - PADDING * (hi - lo), hi + PADDING * (hi - lo)])
    fig = animation_figure(anim, duration=800, transition=500)
    assert fig.to_plotly_json() == training_figure(run).to_plotly_json()  # the old builder is a wrapper of the one
    assert len(fig.frames) == anim.n_frames and fig.layout.height == 620
    assert list(fig.layout.xaxis.range) == list(anim.extent[:, 0]) and list(fig.layout.yaxis.range) == list(
        anim.extent[:, 1])


def test_the_training_run_plays_in_presenter_mode(run, tmp_path, offline_page):
    from vizkit.present import animation_slides, present

    slides, figures = animation_slides(run)
    kinds = [s.kind for s in slides]
    assert kinds[0] == "title" and kinds[-1] == "separation" and set(kinds[1:-1]) == {"frame"}
    shown = [s.frame for s in slides if s.frame]
    assert shown[0] == "epoch 0 (random init)" and shown[-1] == f"epoch {EPOCHS}" and 4 <= len(shown) <= 5
    assert "group separation" in slides[-2].detail and "nearest to two" in slides[-2].detail
    assert set(figures) == {"map", "separation"} and len(figures["map"].frames) == EPOCHS + 1
    assert not figures["map"].layout.sliders and figures["map"].data[0].marker.size == 20  # big, no Play button
    path = present(run, tmp_path / "train_talk.html")
    page = offline_page.page
    page.goto((tmp_path / "train_talk.html").as_uri())
    page.wait_for_function("window.vizkitPresent && !window.vizkitPresent.busy()")
    assert page.evaluate("window.vizkitPresent.kinds") == kinds and path.endswith("train_talk.html")
    points = ("Array.from(document.querySelectorAll('#vp-map .scatterlayer .trace')[0].querySelectorAll('.point'))"
              ".map(p => p.getAttribute('transform'))")
    positions = []
    for i in (1, len(shown)):  # the random start, then the last epoch: the words have moved
        page.evaluate(f"window.vizkitPresent.go({i})")
        page.wait_for_function(f"window.vizkitPresent.current() === {i} && !window.vizkitPresent.busy()")
        positions.append(page.evaluate(points))
    assert len(positions[0]) == len(TRACKED_GROUPS["numbers"]) and positions[0] != positions[1]
    assert page.evaluate("document.querySelector('#vp-map .annotation-text').textContent") == f"epoch {EPOCHS}"
    assert offline_page.blocked == [] and offline_page.errors == []


# ------------------------------------------------------------------ errors
def test_bad_inputs_give_clear_errors(corpus_300k):
    small = corpus_300k[:3000]
    with pytest.raises(InputError, match=r"window must be .* at least 1; got 0"):
        skipgram_pairs("the cat sat", window=0)
    with pytest.raises(InputError, match=r"window must be a whole number >= 1"):
        train_word2vec(small, window=0, progress=False)
    with pytest.raises(InputError, match=r"sg must be 0 \(CBOW\) or 1"):
        train_word2vec(small, sg=2, progress=False)
    with pytest.raises(InputError, match=r"negative must be .*0 means hierarchical softmax"):
        train_word2vec(small, negative=-1, progress=False)
    with pytest.raises(InputError) as err:
        train_word2vec(small, {"a": ["two", "xqzzy", "thre"], "b": ["mother", "father"]}, epochs=1, progress=False,
                       workers=1)
    msg = str(err.value)
    assert "'xqzzy'" in msg and "'thre'" in msg and "three" in msg and "'two'" not in msg and "min_count" in msg
    with pytest.raises(InputError, match="at least two word groups"):
        train_word2vec(small, {"a": ["two", "three"]}, epochs=1, progress=False)
    with pytest.raises(TypeError, match="unknown training parameter"):
        train_word2vec(small, size=100)
    with pytest.raises(InputError, match="line 1 .* name:"):
        parse_groups("two three")


def test_negative_zero_trains_with_hierarchical_softmax(corpus_300k):
    r = train_word2vec(corpus_300k[:3000], {"n": ["two", "three"], "f": ["mother", "father"]}, negative=0, sg=0,
                       vector_size=8, epochs=2, workers=1, progress=False)
    assert r.params["hs"] == 1 and r.model.hs == 1 and r.algorithm == "CBOW, hierarchical softmax"
    assert r.movement()[-1] > 0


# ------------------------------------------------------------------ the widget
def test_training_view_driven_from_python(corpus_300k, tmp_path):
    pytest.importorskip("ipywidgets")
    from vizkit.widgets import _snapshot
    from vizkit.widgets.training import TrainingView

    view = TrainingView(corpus=corpus_300k[::3], export_dir=tmp_path, progress=False, workers=1)
    assert view.run is None and len(view.figure.data) == 0 and view.corpus_size.disabled
    view.groups.value = "numbers: two three four five\nfamily: mother father wife son"
    view.sg.value, view.window.value, view.negative.value = 0, 3, 4
    view.vector_size.value, view.epochs.value = 20, 3
    view.train.click()
    assert view.status.error is None and view.n_trained == 1
    assert len(view.animation.frames) == 4 and view.epoch.max == 3 and view.epoch.value == 3
    assert view.run.algorithm == "CBOW, negative sampling" and view.run.params["window"] == 3
    assert [t.name for t in view.figure.data] == ["numbers", "family"]
    trained = np.array(view.figure.data[0].x)
    view.epoch.value = 0
    assert not np.allclose(np.array(view.figure.data[0].x), trained)  # the figure shows the random start
    assert "random init" in view.figure.layout.annotations[0].text
    assert view.table.value.count("font-weight:bold") == 1 and "neighbours of <i>two</i>" in view.table.value

    view.sg.value = 1
    view.train.click()
    assert view.n_trained == 2 and "skip-gram" in view.figure.layout.title.text
    view.sg.value = 0
    view.train.click()  # back to a setting already trained: from the cache
    assert view.n_trained == 2 and view.run.params["sg"] == 0

    view.window.value = 0  # the slider clamps to its minimum
    assert view.window.value == 1
    view.groups.value = "numbers: two three xqzzy\nfamily: mother father"
    view.train.click()
    assert "xqzzy" in view.status.error and view.run.params["sg"] == 0  # the last good run stays shown

    view.export.click()
    assert view.export_path.exists() and view.export_path.parent == tmp_path
    assert "works offline" in view.export_link.value
    view.export_gif.click()  # the training animation as a GIF and as a talk: no code of its own
    assert view.status.error is None and view.export_path.suffix == ".gif"
    assert view.export_path.read_bytes()[:6] == b"GIF89a"
    view.export_slides.click()
    assert view.status.error is None and view.export_path.name.endswith("_slides.html")
    assert 'data-frame="epoch 0 (random init)"' in view.export_path.read_text(encoding="utf-8")
    snap = _snapshot.snapshots()[view.model_id]
    assert "vizkit-snapshot" in snap and "CBOW" in snap and "<script src=" not in snap


def test_training_view_shows_a_given_run_without_training(run):
    pytest.importorskip("ipywidgets")
    from vizkit.widgets.training import TrainingView

    view = TrainingView(run=run, progress=False)
    assert view.n_trained == 0 and view.run is run and view.epochs.value == EPOCHS and view.sg.value == 1
    assert view.groups.value.splitlines()[0] == "numbers: " + " ".join(TRACKED_GROUPS["numbers"])
    assert len(view.animation.frames) == EPOCHS + 1 and view.epoch.value == EPOCHS


def test_cli_train_prints_the_epochs_and_writes_page_and_metrics(tmp_path, capsys):
    import csv

    from vizkit.cli import main

    from PIL import Image

    page, table, gif, talk = tmp_path / "w2v.html", tmp_path / "w2v.csv", tmp_path / "w2v.gif", tmp_path / "talk.html"
    assert main(["train", "--epochs", "2", "--max-words", "150000", "--vector-size", "16", "--out", str(page),
                 "--metrics", str(table), "--gif", str(gif), "--present", str(talk)]) == 0
    captured = capsys.readouterr()
    out = captured.out.splitlines()
    assert captured.err.split()[-3:] == [str(page), str(gif), str(talk)]
    # one GIF image per epoch (Pillow merges the images resting on it) and 6 gliding to the next one
    with Image.open(gif) as im:
        assert im.format == "GIF" and im.is_animated and im.n_frames == 3 + 2 * 6
    slides = talk.read_text(encoding="utf-8")
    assert 'data-frame="epoch 0 (random init)"' in slides and 'data-frame="epoch 2"' in slides
    assert 'data-kind="separation"' in slides and "<script src=" not in slides
    assert out[0] == "epoch\tseparation\tneighbours of two" and [line.split("\t")[0] for line in out[1:]] == ["0", "1", "2"]
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert [r["epoch"] for r in rows] == ["0", "1", "2"] and -1 < float(rows[2]["separation"]) < 1
    assert out[3].split("\t")[1] == f"{float(rows[2]['separation']):.3f}"
    text = page.read_text(encoding="utf-8")
    assert "<script src=" not in text and 'id="vizkit-animation"' in text
    assert "epoch 0 (random init)" in text and "epoch 2" in text
    assert main(["train", "--window", "0", "--out", str(page)]) == 1
    assert "window must be" in capsys.readouterr().err
    for bad, says in ((["--gif", "w2v.png"], "needs a .gif name"), (["--present", "talk.pdf"], ".html")):
        assert main(["train", "--out", str(page), *bad]) == 1  # refused at once, before the training
        assert says in capsys.readouterr().err


def test_training_view_speaks_chinese_when_asked_and_english_by_default(run, corpus_300k):
    pytest.importorskip("ipywidgets")
    from vizkit.widgets import _snapshot
    from vizkit.widgets.training import TrainingView

    zh = TrainingView(run=run, progress=False, lang="zh")
    assert zh.lang == "zh" and zh.n_trained == 0
    assert zh.train.description == "训练" and zh.epoch.description == "轮" and zh.play.description == "播放"
    assert zh.sg.description == "模型" and zh.window.description == "窗口" and zh.epochs.description == "轮数"
    assert zh.negative.description == "负样本" and zh.vector_size.description == "向量维数"
    assert zh.groups.description == "词组" and zh.probe.description == "观察词" and zh.export.description == "导出 HTML"
    assert zh.corpus_size.description == "语料" and ("40 万词", 400_000) in zh.corpus_size.options
    assert ("全部 260 万词", None) in zh.corpus_size.options
    assert "<caption>词组分离度（组内 − 组间的余弦）和 <i>two</i> 的近邻</caption>" in zh.table.value
    assert "<th>轮</th><th colspan=2>分离度</th><th>与 two 最接近</th>" in zh.table.value
    assert zh.animation.frames[0].name == "第 0 轮（随机初始化）" and zh.animation.frames[-1].name == f"第 {EPOCHS} 轮"
    snap = _snapshot.snapshots()[zh.model_id]
    assert f"· 窗口 5 · 向量维数 32 · 在 {run.corpus_words:,} 个词上训练 {EPOCHS} 轮（" in snap
    assert "秒） · 点“播放”或拖动滑块</p>" in snap

    small = TrainingView(corpus=corpus_300k[:3000], groups={"n": ["two", "three"], "f": ["mother", "father"]},
                         vector_size=10, epochs=2, progress=False, workers=1, lang="zh")
    assert "选好设置，然后点“训练”" in small.status.html.value
    small.train.click()
    assert small.status.error is None and "完成，用时" in small.status.html.value and small.n_trained == 1

    en = TrainingView(run=run, progress=False)  # VIZKIT_LANG=en (conftest): the English labels
    assert en.lang == "en" and en.train.description == "Train" and en.epoch.description == "epoch"
    assert en.play.description == "Play" and en.window.description == "window" and en.probe.description == "probe word"
    assert ("400k words", 400_000) in en.corpus_size.options and ("all 2.6M words", None) in en.corpus_size.options
    assert "<th>epoch</th><th colspan=2>separation</th><th>nearest to two</th>" in en.table.value
    assert en.animation.frames[0].name == "epoch 0 (random init)"
    assert f"· window 5 · vector_size 32 · {EPOCHS} epochs on {run.corpus_words:,} words (" in en.snapshot_html()
    assert TrainingView(corpus=corpus_300k[:3000], progress=False).status.html.value.endswith(
        "choose the settings and press Train</span>")


def test_the_same_word2vec_at_several_widths_is_scored_side_by_side_and_cached(corpus_300k):
    from vizkit.training import dimension_sweep

    sweep = dimension_sweep(corpus_300k, dims=(10, 50), epochs=5, seed=SEED, progress=False)
    table = sweep.table
    assert table["dimensions"].tolist() == [10, 50]
    assert set(table.columns) >= {"seconds", "WordSim-353", "SimLex-999", "analogy", "separation", "vocabulary"}
    assert (table["seconds"] > 0).all() and table["vocabulary"].nunique() == 1  # one corpus, two trainings
    assert (table["separation"] > 0.1).all()  # the groups formed at both widths (random vectors: about 0)
    assert set(sweep.groups) == set(TRACKED_GROUPS) and all(sweep.coords[d].shape == (len(sweep.words), 2)
                                                           for d in (10, 50))
    again = dimension_sweep(corpus_300k, dims=(10, 50), epochs=5, seed=SEED, progress=False)
    assert again.table["seconds"].tolist() == table["seconds"].tolist()  # the cached models, with their time
    assert all(np.array_equal(again.coords[d], sweep.coords[d]) for d in (10, 50))
    fig = sweep.figure()
    assert [tr.name for tr in fig.data[:4]] == ["WordSim-353", "SimLex-999", "analogy", "separation"]
    assert list(fig.data[4].y) == table["seconds"].tolist()
    maps = sweep.maps(lang="zh")
    assert [a.text for a in maps.layout.annotations] == ["10 维", "50 维"]
    with pytest.raises(InputError, match="distinct widths"):
        dimension_sweep(corpus_300k, dims=(10, 10), progress=False)
    with pytest.raises(InputError, match="vector_size"):
        dimension_sweep(corpus_300k, dims=(10,), vector_size=20, progress=False)


# ------------------------------------------------------------------ GloVe trained here (issue 27)


@pytest.fixture(scope="module")
def glove_run(corpus_300k):
    from vizkit.training import train_glove

    return train_glove(corpus_300k, epochs=10, seed=SEED, progress=False)


def test_cooccurrence_counts_pairs_within_the_window_by_one_over_their_distance():
    from vizkit.training import cooccurrence

    co = cooccurrence([["a", "b", "c"], ["a", "b"]], window=2, min_count=1)
    X = co.matrix().toarray()
    i = {w: k for k, w in enumerate(co.words)}
    assert X[i["a"], i["b"]] == X[i["b"], i["a"]] == 2.0  # next to each other in both sentences
    assert X[i["a"], i["c"]] == 0.5 and X[i["b"], i["c"]] == 1.0 and np.trace(X) == 0
    assert cooccurrence([["a", "b", "c"]], window=1, min_count=1).matrix()[0, 2] == 0  # c is two away


def test_glove_learns_from_its_random_start_and_one_seed_gives_one_table(glove_run, corpus_300k):
    from vizkit.training import train_glove

    first, last = glove_run.frames[0], glove_run.frames[-1]
    assert glove_run.algorithm == "GloVe" and len(glove_run.frames) == 11
    assert abs(first.separation["separation"]) < 0.05 < 0.2 < last.separation["separation"]  # the groups form
    losses = [f.loss for f in glove_run.frames]
    assert losses[-1] < 0.25 * losses[0] and all(b <= a for a, b in zip(losses[1:], losses[2:]))  # J falls
    again = train_glove(corpus_300k, epochs=10, seed=SEED, progress=False)
    assert np.array_equal(again.model.vectors, glove_run.model.vectors)
    other = train_glove(corpus_300k, epochs=1, seed=SEED + 1, progress=False)
    assert not np.array_equal(other.frames[0].vectors, first.vectors)
    anim = glove_run.to_animation(lang="zh")
    assert anim.title.startswith("GloVe") or "GloVe" in anim.title
    assert "x_max=100" in anim.subtitle


def test_glove_beats_its_random_start_on_wordsim_and_is_compared_with_the_svd_of_its_counts(glove_run, corpus_300k):
    from vizkit.metrics.evaluation import word_similarity
    from vizkit.sources import TableSource
    from vizkit.training import compare_count_methods

    model = glove_run.model
    trained = word_similarity(model.source())
    start = word_similarity(TableSource(model.words, np.random.default_rng(0).normal(size=model.vectors.shape)))
    assert trained.covered == start.covered > 100
    assert trained.value > start.value + 0.1  # random vectors: about 0
    table = compare_count_methods(corpus_300k, glove=glove_run, progress=False, epochs=10)
    assert table["source"].tolist()[:2] == ["GloVe, trained here", "SVD of the same counts (PPMI)"]
    assert table["pairs covered"].iloc[0] == table["pairs covered"].iloc[1]  # the same words, the same pairs
    stanford = table.iloc[3]
    assert stanford["WordSim-353"] > table["WordSim-353"].iloc[:3].max()  # 6 billion words against 300,000


def test_cli_trains_glove_with_the_same_animation_and_refuses_word2vec_options(tmp_path, capsys):
    import csv

    from vizkit.cli import main

    page, table = tmp_path / "glove.html", tmp_path / "glove.csv"
    assert main(["train", "--algorithm", "glove", "--epochs", "2", "--max-words", "150000", "--vector-size", "16",
                 "--out", str(page), "--metrics", str(table)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "epoch\tseparation\tneighbours of two" and len(out) == 4
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert float(rows[2]["loss"]) < float(rows[0]["loss"])  # J, over every pair
    text = page.read_text(encoding="utf-8")
    assert "GloVe" in text and "<script src=" not in text and "epoch 2" in text
    assert main(["train", "--algorithm", "glove", "--sg", "0", "--out", str(page)]) == 1
    assert "--sg is for word2vec, not --algorithm glove" in capsys.readouterr().err


def test_the_sweep_and_glove_examples_run_as_written():
    import doctest

    from vizkit.training import dimensions, glove

    for module in (dimensions, glove):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__
