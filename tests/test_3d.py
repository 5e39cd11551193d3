"""3-D maps (issue 16, part 4b): scatter3d, 3-D map cache entries, 3-D animation frames and figure.

Real GloVe and the real MiniLM throughout; the widgets are in test_widgets.py, the exported page in a
browser in test_export_browser.py.
"""

import json
import re

import numpy as np
import pytest

from conftest import SEED
from vizkit import LabelledVectors
from vizkit.datasets import sentence_sets
from vizkit.errors import InputError
from vizkit.plot import scatter, scatter3d
from vizkit.polysemy import animation_figure, polysemy_frames, write_html
from vizkit.projection import PCA, TSNE, UMAP, trustworthiness
from vizkit.projection.cache import fit_cached, map_key


# ------------------------------------------------------------------ plot
def points():
    return LabelledVectors(np.eye(4), ["sparrow", "eagle", "paris", "<b>x</b>"],
                           {"group": ["birds", "birds", "cities", "cities"]})


def test_scatter3d_is_scatter_with_a_z():
    xyz = np.array([[0, 0, 0], [1, 0, 2], [5, 5, 3], [6, 5, 4]], dtype=float)
    flat, deep = scatter(points(), xyz[:, :2], color="group"), scatter3d(points(), xyz, color="group", title="t")
    assert [tr.type for tr in deep.data] == ["scatter3d", "scatter3d"]
    assert [tr.name for tr in deep.data] == [tr.name for tr in flat.data] == ["birds", "cities"]
    assert [tr.marker.color for tr in deep.data] == [tr.marker.color for tr in flat.data]  # same colour per group
    assert deep.data[0].x.tolist() == [0, 1] and deep.data[0].y.tolist() == [0, 0] and deep.data[1].z.tolist() == [3, 4]
    assert deep.data[1].text == ("paris", "&lt;b&gt;x&lt;/b&gt;")  # labels as text, escaped
    assert list(deep.data[0].hovertext) == list(flat.data[0].hovertext)
    assert deep.layout.scene.aspectmode == "data" and deep.layout.title.text == "t"
    with pytest.raises(InputError, match=r"shape \(n, 3\)"):
        scatter3d(points(), xyz[:, :2])


def test_scatter3d_continuous_colour():
    fig = scatter3d(points(), np.zeros((4, 3)), color=np.array([0.1, 0.2, 0.3, 0.9]), color_title="kept")
    assert len(fig.data) == 1 and fig.data[0].marker.showscale and "kept: 0.9" in fig.data[0].hovertext[3]


# ------------------------------------------------------------------ map cache
def test_map_cache_keys_hold_n_components(glove, tmp_path, monkeypatch):
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path / "cache"))
    X = glove.vectors(["king", "queen", "paris", "tokyo", "sparrow", "eagle", "guitar", "piano"])
    for cls in (PCA, TSNE, UMAP):
        assert map_key(cls(random_state=SEED), X) != map_key(cls(n_components=3, random_state=SEED), X)
    flat = fit_cached(PCA(random_state=SEED), X).embedding_
    deep = fit_cached(PCA(n_components=3, random_state=SEED), X).embedding_  # the 2-D entry exists: not served
    again = fit_cached(PCA(n_components=3, random_state=SEED), X)  # read back from the cache
    assert flat.shape == (8, 2) and deep.shape == again.embedding_.shape == (8, 3)
    np.testing.assert_array_equal(again.embedding_, deep)
    np.testing.assert_allclose(deep[:, :2], flat)  # PCA's first two components are the 2-D map
    assert again.transform(X.vectors[:2]).shape == (2, 3)


@pytest.mark.parametrize("cls", [TSNE, UMAP])
def test_tsne_and_umap_in_3d_keep_neighbourhoods(glove_1k, cls):
    Y = cls(n_components=3, random_state=SEED).fit_transform(glove_1k)
    assert Y.shape == (1000, 3) and np.isfinite(Y).all() and Y[:, 2].std() > 0.1 * Y[:, 0].std()
    assert trustworthiness(glove_1k.vectors, Y) >= 0.9


# ------------------------------------------------------------------ animation frames
@pytest.fixture(scope="module")
def bank(llm):
    s = sentence_sets.load("bank")
    return s, polysemy_frames("bank", s.sentences, s.senses, llm=llm, random_state=SEED)


@pytest.fixture(scope="module")
def bank3d(llm, bank):
    s, _ = bank
    return polysemy_frames("bank", s.sentences, s.senses, llm=llm, n_components=3, random_state=SEED)


def test_frames_in_3d_shape_and_same_scores(bank, bank3d):
    _, flat = bank
    fs = bank3d
    assert fs.n_components == 3 and flat.n_components == 2
    assert all(f.coords.shape == (fs.n_occurrences, 3) for f in fs.frames) and fs.extent.shape == (2, 3)
    assert all(a.xy.shape == (3,) for a in fs.anchors) and len(fs.anchors) == len(flat.anchors)
    assert np.allclose(fs.frames[0].coords, fs.frames[0].coords[0])  # the static stage: one shared point
    last = fs.frames[-1].coords
    assert not np.allclose(last, last[0]) and last[:, 2].std() > 0  # then a real third dimension
    np.testing.assert_allclose(last[:, :2], flat.frames[-1].coords, atol=1e-9)  # PCA: the 2-D map plus a z
    assert fs.metrics() == flat.metrics()  # separation is measured in the original space
    allxyz = np.vstack([f.coords for f in fs.frames] + [a.xy[None] for a in fs.anchors])
    assert (fs.extent[0] < allxyz.min(axis=0)).all() and (allxyz.max(axis=0) < fs.extent[1]).all()


@pytest.mark.parametrize("method", ["pca", "tsne", "umap"])
def test_frames_in_3d_are_deterministic(llm, bank, method, tmp_path, monkeypatch):
    s, _ = bank
    runs = []
    for k in range(2):  # each run in an empty map cache: computed twice, not read back
        monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path / f"cache{k}"))
        runs.append(polysemy_frames("bank", s.sentences, s.senses, llm=llm, method=method, n_components=3,
                                    random_state=SEED))
    assert runs[0].frames[-1].coords.shape == (16, 3)
    assert len(list((tmp_path / "cache1").rglob("embedding.npy"))) == 1
    for a, b in zip(runs[0].frames, runs[1].frames):
        np.testing.assert_array_equal(a.coords, b.coords)


def test_frames_in_3d_refuse_axes_and_other_dimensions(llm, bank):
    s, _ = bank
    with pytest.raises(InputError, match="semantic axes map is 2-D"):
        polysemy_frames("bank", s.sentences, s.senses, llm=llm, method="axes", n_components=3)
    with pytest.raises(InputError, match="n_components is 2 .* or 3"):
        polysemy_frames("bank", s.sentences, s.senses, llm=llm, n_components=4)


def test_gif_refuses_3d_frames_clearly(bank3d):
    from vizkit.polysemy.gif import animation_mpl

    with pytest.raises(InputError, match="GIF is drawn in 2-D.*write_html"):
        animation_mpl(bank3d)


# ------------------------------------------------------------------ animation figure
def test_animation_figure_in_3d(bank3d):
    fs = bank3d
    fig = animation_figure(fs)
    assert [tr.type for tr in fig.data] == ["scatter3d"] * 3 and fig.data[2].name == "anchor words"
    assert len(fig.frames) == len(fs.frames)
    money = [i for i, s in enumerate(fs.senses) if s == "money"]
    ids0 = [list(tr.ids) for tr in fig.frames[0].data]
    for frame, f in zip(fig.frames, fs.frames):
        assert [tr.type for tr in frame.data] == ["scatter3d", "scatter3d"] and list(frame.traces) == [0, 1]
        assert [list(tr.ids) for tr in frame.data] == ids0  # object constancy
        np.testing.assert_array_equal(np.column_stack([frame.data[0].x, frame.data[0].y, frame.data[0].z]),
                                      f.coords[money])
    scene = fig.layout.scene
    for i, axis in enumerate((scene.xaxis, scene.yaxis, scene.zaxis)):  # fixed ranges: nothing jumps
        assert axis.autorange is False and list(axis.range) == list(fs.extent[:, i])
    assert fig.layout.xaxis.range is None  # no flat axes
    assert fig.layout.sliders[0].steps[3].args[1]["frame"]["redraw"] is True  # a 3-D scene is redrawn per frame
    assert "3-D PCA map" in fig.layout.title.text
    assert fig.frames[2].layout.annotations[0].text.startswith("<b>layer 1</b>")


def test_export_of_a_3d_animation(bank3d, tmp_path):
    path = write_html(animation_figure(bank3d), tmp_path / "bank3d.html")
    text = open(path, encoding="utf-8").read()
    assert text.count('"type":"scatter3d"') >= 3 + 2 * len(bank3d.frames)  # the traces and every frame's
    assert "window.vizkit" in text and '"scene":' in text
    names = json.loads(re.search(r'<script type="application/json" id="vizkit-keyboard">(.*?)</script>', text).group(1))["names"]
    assert names == [f.name for f in bank3d.frames]
