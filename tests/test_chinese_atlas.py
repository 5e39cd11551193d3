"""The top 20,000 words of word2vec-zh as one offline atlas page, searched in Chinese in headless Chromium."""

import csv
import io
import re
from urllib.parse import unquote

import pytest

from conftest import draw_lasso


@pytest.fixture(scope="module")
def zh_atlas(w2v_zh):
    from vizkit.atlas import Atlas

    return Atlas(method="tsne", random_state=0).fit(w2v_zh.vectors(w2v_zh.top_words(20_000)))


@pytest.fixture(scope="module")
def zh_page(zh_atlas, tmp_path_factory):
    from vizkit.atlas import write_page

    return write_page(zh_atlas, tmp_path_factory.mktemp("atlas_zh") / "atlas_zh.html", title="中文词向量：两万词")


def test_chinese_atlas_page_is_offline_and_draws_with_the_system_font(zh_page):
    text = open(zh_page, encoding="utf-8").read()
    assert not re.search(r"<script[^>]*\bsrc=", text) and "<link" not in text and "@font-face" not in text
    assert "中文词向量：两万词" in text


def test_search_cat_in_chinese_lists_its_true_neighbours(w2v_zh, zh_atlas, zh_page, offline_page):
    page = offline_page.page
    page.goto(f"file://{zh_page}")
    page.evaluate("() => window.vizkit.ready")
    page.fill(".vizkit-search", "")
    page.type(".vizkit-search", "猫")
    page.press(".vizkit-search", "Enter")
    page.wait_for_function("() => window.vizkit.state().query === '猫'")
    items = page.locator(".vizkit-neighbours li")
    listed = [items.nth(i).locator(".vizkit-label").inner_text() for i in range(items.count())]
    inside = set(zh_atlas.points.labels)
    expected = [w for w, _ in w2v_zh.most_similar("猫", top=200) if w in inside][:10]
    assert listed == expected and "狗" in listed
    assert unquote(page.url).endswith("#search=猫")
    state = page.evaluate("() => window.vizkit.state()")
    assert any("猫" in label for label in state["labels"])  # the word's label on the map, in Chinese
    offline_page.screenshot("atlas_zh_search.png")

    ring = draw_lasso(page, page.locator(".vizkit-plot .vizkit-canvas-box"), x=0.5, radius=0.12)
    assert ring
    page.wait_for_function("() => window.vizkit.state().selected.length > 0")
    with page.expect_download() as info:
        page.click(".vizkit-download")
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    selected = sorted(page.evaluate("() => window.vizkit.state().selected"))
    assert [r["label"] for r in rows] == [zh_atlas.points.labels[i] for i in selected]
    assert any(re.search("[\u4e00-\u9fff]", r["label"]) for r in rows)  # Chinese kept intact in the CSV
    assert offline_page.blocked == [] and offline_page.errors == []
