"""The exported animation opened in real headless Chromium with every network request blocked."""

import re

import numpy as np
import pytest

from vizkit.datasets import sentence_sets
from vizkit.polysemy import animation_figure, polysemy_frames, write_html
from vizkit.render.plotlyjs import inlined

GD = "document.getElementById('vizkit-animation')"


@pytest.fixture(scope="module")
def bank_html(llm, tmp_path_factory):
    s = sentence_sets.load("bank")
    fs = polysemy_frames("bank", s.sentences, s.senses, llm=llm)
    path = tmp_path_factory.mktemp("export") / "bank.html"
    write_html(animation_figure(fs), path)
    return path, fs


def _xs(page):
    """Where the first sense's points are drawn on screen (their SVG transforms)."""
    return page.page.evaluate(
        "Array.from(document.querySelectorAll('.scatterlayer .trace')[0].querySelectorAll('.point'))"
        ".map(p => p.getAttribute('transform'))")


def test_export_is_one_small_offline_file(bank_html):
    path, _ = bank_html
    text = path.read_text(encoding="utf-8")
    assert path.stat().st_size < 2_000_000 and inlined(text) == ["basic"]  # the smallest bundle that draws it
    assert "<title>" in text and "Plotly" in text
    # nothing loaded from elsewhere: no external scripts, stylesheets or images
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']?(https?:)?//", text)


def test_animation_renders_steps_and_plays_offline(bank_html, offline_page):
    path, fs = bank_html
    page = offline_page
    page.page.goto(path.as_uri())
    page.page.wait_for_function("window.vizkit && document.querySelectorAll('.scatterlayer .point').length > 0")
    n_points = page.page.evaluate("document.querySelectorAll('.scatterlayer .point').length")
    assert n_points == fs.n_occurrences + len(fs.anchors)
    static_x = _xs(page)
    assert len(set(static_x)) == 1  # one shared static point
    page.page.keyboard.press("ArrowRight")
    page.page.keyboard.press("ArrowRight")
    page.page.wait_for_function("window.vizkit.current() === 2")
    page.page.wait_for_timeout(1800)
    assert page.page.evaluate(f"{GD}.layout.sliders[0].active") == 2
    layer1_x = _xs(page)
    assert len(set(layer1_x)) > 1 and layer1_x != static_x  # the point split into its occurrences
    note = page.page.evaluate("document.querySelector('.annotation-text').textContent")
    assert note.startswith("layer 1") and f"{fs.frames[2].separation['separation']:+.3f}" in note
    page.screenshot("export_bank_layer1.png")
    page.page.keyboard.press("Space")  # play to the end
    page.page.wait_for_function(f"window.vizkit.current() === {len(fs.frames) - 1}", timeout=30_000)
    page.page.wait_for_timeout(1200)
    assert _xs(page) != layer1_x
    assert page.page.evaluate(f"{GD}.layout.sliders[0].active") == len(fs.frames) - 1
    page.page.keyboard.press("Home")
    page.page.wait_for_function("window.vizkit.current() === 0")
    assert page.blocked == [], f"requests to the network: {page.blocked}"
    assert page.errors == [], f"console errors: {page.errors}"


def test_html_in_labels_is_shown_as_text_never_run(llm, tmp_path, offline_page):
    evil = "<script>window.__pwned = 1</script>"
    sents = [f"The bank lent us money {evil}.", "We fished from the river bank.",
             "The bank raised its rates.", "Grass grew on the bank of the stream."]
    fs = polysemy_frames("bank", sents, [f"money {evil}", "river <img src=x onerror='window.__pwned=2'>",
                                         f"money {evil}", "river <img src=x onerror='window.__pwned=2'>"], llm=llm)
    path = write_html(animation_figure(fs), tmp_path / "evil.html")
    page = offline_page
    page.page.goto(f"file://{path}")
    page.page.wait_for_function("document.querySelectorAll('.legendtext').length >= 2")
    page.page.wait_for_timeout(500)
    assert page.page.evaluate("window.__pwned === undefined")
    legend = page.page.evaluate("Array.from(document.querySelectorAll('.legendtext')).map(e => e.textContent)")
    assert any("<script>" in t for t in legend), legend
    assert page.errors == [] and page.blocked == []


@pytest.fixture(scope="module")
def bank_3d_html(llm, tmp_path_factory):
    s = sentence_sets.load("bank")
    fs = polysemy_frames("bank", s.sentences, s.senses, llm=llm, n_components=3)
    path = tmp_path_factory.mktemp("export3d") / "bank_3d.html"
    write_html(animation_figure(fs), path)
    return path, fs


def test_3d_animation_renders_a_webgl_scene_and_steps_offline(bank_3d_html, offline_page):
    path, fs = bank_3d_html
    page = offline_page
    page.page.goto(path.as_uri())
    page.page.wait_for_function(f"window.vizkit && {GD}._fullLayout && {GD}._fullLayout.scene"
                                " && document.querySelector('.gl-container canvas')")
    # a WebGL scene, not a flat plot: plotly's 3-D scene and a canvas with a live WebGL context
    assert page.page.evaluate(f"{GD}._fullLayout.scene._scene.glplot.gl.isContextLost()") is False
    assert page.page.evaluate("document.querySelectorAll('.scatterlayer .point').length") == 0
    assert page.page.evaluate(f"{GD}._fullData.map(t => t.type)") == ["scatter3d"] * 3
    scene = page.page.locator(".gl-container canvas").first
    page.page.wait_for_timeout(500)
    static_png = scene.screenshot()
    zs = f"Array.from({GD}._fullData[0].z)"
    assert len({round(v, 9) for v in page.page.evaluate(zs)}) == 1  # one shared static point
    page.page.keyboard.press("ArrowRight")
    page.page.keyboard.press("ArrowRight")
    page.page.wait_for_function("window.vizkit.current() === 2")
    page.page.wait_for_function(f"{GD}.layout.sliders[0].active === 2")
    page.page.wait_for_timeout(1200)
    money = [i for i, s in enumerate(fs.senses) if s == "money"]
    assert page.page.evaluate(zs) == pytest.approx(fs.frames[2].coords[money, 2].tolist())  # the points moved
    assert scene.screenshot() != static_png  # and the scene was drawn again
    note = page.page.evaluate("document.querySelector('.annotation-text').textContent")
    assert note.startswith("layer 1") and f"{fs.frames[2].separation['separation']:+.3f}" in note
    ranges = page.page.evaluate(f"['xaxis', 'yaxis', 'zaxis'].map(a => {GD}._fullLayout.scene[a].range)")
    np.testing.assert_allclose(ranges, fs.extent.T)  # fixed: nothing jumps
    page.screenshot("export_bank_3d_layer1.png")
    page.page.keyboard.press("Home")
    page.page.wait_for_function("window.vizkit.current() === 0")
    page.page.keyboard.press("Space")  # play through every 3-D frame to the end
    page.page.wait_for_function(f"window.vizkit.current() === {len(fs.frames) - 1}", timeout=30_000)
    page.page.wait_for_function(f"{GD}.layout.sliders[0].active === {len(fs.frames) - 1}")
    page.page.wait_for_timeout(600)
    assert page.page.evaluate(zs) == pytest.approx(fs.frames[-1].coords[money, 2].tolist())
    assert page.blocked == [], f"requests to the network: {page.blocked}"
    assert page.errors == [], f"console errors: {page.errors}"
