"""The main job of `make demo`: the bank animation and talk, the polysemy gallery, and the GloVe / Word2Vec / LLM maps."""

import re

import pytest

from vizkit.cli import main


@pytest.fixture(scope="module")
def demo_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    assert main(["demo", "--out", str(out)]) == 0
    return out


@pytest.mark.slow
def test_demo_prints_what_it_wrote(demo_out, capsys):
    assert main(["demo", "--out", str(demo_out)]) == 0  # a second run reuses every cache
    printed = capsys.readouterr().out.split()
    assert printed == [str((demo_out / p).resolve()) for p in
                       ("bank_animation.html", "bank_talk.html", "polysemy/index.html", "word_maps.html")]
    assert 'data-kind="compare"' in (demo_out / "bank_talk.html").read_text(encoding="utf-8")  # the default talk
    bank = demo_out / "bank_animation.html"
    assert bank.stat().st_size < 2_000_000 and not re.search(r"<script[^>]+src=", bank.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_demo_gallery_pages_work_offline(demo_out, offline_page):
    from vizkit.datasets import sentence_sets

    index = (demo_out / "polysemy" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', index)
    assert links == [f"{w}.html" for w in sentence_sets.bundled_words()]
    assert all((demo_out / "polysemy" / link).exists() for link in links)
    assert [p.name for p in (demo_out / "polysemy").glob("*.js")] == ["plotly-basic.min.js"]  # one shared copy
    page = offline_page
    page.page.goto((demo_out / "polysemy" / "mouse.html").as_uri())
    page.page.wait_for_function("window.vizkit && document.querySelectorAll('.scatterlayer .point').length >= 16")
    page.page.keyboard.press("End")
    page.page.wait_for_function("window.vizkit.current() === 7")
    assert page.blocked == [] and page.errors == []


@pytest.mark.slow
def test_demo_writes_word_maps(demo_out):
    page = demo_out / "word_maps.html"
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", html)  # plotly.js inline: works offline
    for title in ("glove (50-d", "word2vec (100-d", "llm:all-MiniLM-L6-v2 (384-d"):
        assert title in html
    for word in ("sparrow", "germany", "berlin"):
        assert f'"{word}"' in html


def test_word_maps_figure(glove):
    from vizkit.classroom.demo import word_maps

    fig = word_maps(sources=("glove", "llm"))
    groups = [tr.name for tr in fig.data]
    assert groups == ["birds", "countries", "cities"] * 2
    assert sum(len(tr.x) for tr in fig.data[:3]) == 30
