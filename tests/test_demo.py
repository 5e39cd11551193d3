"""The main job of `make demo`: a self-contained page of GloVe, Word2Vec and LLM maps."""

import re

import pytest

from vizkit.cli import main


@pytest.mark.slow
def test_demo_writes_word_maps(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out.split()
    page = tmp_path / "word_maps.html"
    assert printed == [str(page.resolve())]
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", html)  # plotly.js inline: works offline
    for title in ("glove (50-d", "word2vec (100-d", "llm:all-MiniLM-L6-v2 (384-d"):
        assert title in html
    for word in ("sparrow", "germany", "berlin"):
        assert f'"{word}"' in html


def test_word_maps_figure(glove):
    from vizkit.demo import word_maps

    fig = word_maps(sources=("glove", "llm"))
    groups = [tr.name for tr in fig.data]
    assert groups == ["birds", "countries", "cities"] * 2
    assert sum(len(tr.x) for tr in fig.data[:3]) == 30
