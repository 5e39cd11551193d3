"""The one rendering layer: the page writer, plotly.js once per page, the message catalogue, the Chinese interface.

The Chinese pages are driven in headless Chromium with the network blocked, as a learner would: the atlas's
search box, buttons, menus and status lines, and the presenter's controls, all in Chinese.
"""

import json
import re
import warnings
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest

from vizkit.atlas import Atlas, write_page as write_atlas
from vizkit.errors import InputError, VizkitWarning
from vizkit.render import Page, write_html, write_page
from vizkit.render import language, plotlyjs
from vizkit.render.page import external_refs, json_block, script_json

FIELD = re.compile(r"\{(\w+)\}")


# ---------------------------------------------------------------- the catalogue

def test_every_message_has_english_and_chinese_with_the_same_placeholders():
    cat = language.catalogue()
    assert len(cat) >= 50
    for key, texts in cat.items():
        assert set(texts) == set(language.LANGUAGES), key
        assert all(texts[lang].strip() for lang in language.LANGUAGES), key
        assert set(FIELD.findall(texts["en"])) == set(FIELD.findall(texts["zh"])), key
        assert texts["en"] != texts["zh"] or not re.search(r"[a-z]{3}", texts["en"]), key  # translated, not copied


def test_no_message_is_written_twice():
    texts = [t["en"] for t in language.catalogue().values()]
    repeated = {t for t in texts if texts.count(t) > 1 and t != "{n} points selected"}
    assert repeated == set()


def test_every_key_the_front_end_uses_is_in_the_catalogue():
    from pathlib import Path

    js = "\n".join(p.read_text(encoding="utf-8") for p in (Path(language.__file__).parent / "js").glob("*.js"))
    used = set(re.findall(r"""\bt\(\s*["']([a-z0-9.]+)["']""", js))
    used |= {k for pair in re.findall(r"""\?\s*["']([a-z0-9.]+)["']\s*:\s*["']([a-z0-9.]+)["']""", js) for k in pair
             if k.startswith("atlas.")}
    assert used and used <= set(language.catalogue()), used - set(language.catalogue())


def test_the_language_comes_from_the_argument_the_default_the_variable_then_the_locale(monkeypatch):
    monkeypatch.delenv("VIZKIT_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert language.resolve() == "zh"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert language.resolve() == "en"
    monkeypatch.setenv("VIZKIT_LANG", "zh")
    assert language.resolve() == "zh" and language.resolve("en") == "en" and language.resolve("zh-CN") == "zh"
    language.set_language("en")
    try:
        assert language.resolve() == "en"
    finally:
        language.set_language(None)
    with pytest.raises(InputError, match="unknown language 'fr'; choose one of: en, zh"):
        language.resolve("fr")
    assert language.t("atlas.status.ready", "zh", n="1,000") == "共 1,000 个点。搜索一个标签、把鼠标停在点上，或框选一片区域。"


# ---------------------------------------------------------------- the page writer

def _animation(n_frames=3, kind="scatter"):
    trace = go.Scatter if kind == "scatter" else go.Scatter3d
    extra = (lambda i: {"z": [0, i]}) if kind == "scatter3d" else (lambda i: {})
    return go.Figure(trace(x=[0, 1], y=[0, 1], **extra(0)), frames=[
        go.Frame(data=[trace(x=[i, 1], y=[0, i], **extra(i))], name=f"f{i}") for i in range(n_frames)],
        layout={"title": {"text": "<b>bank</b> & co"}})


def test_json_in_a_script_cannot_end_it():
    text = script_json({"label": "</script><script>alert(1)</script> & 银行"})
    assert "</script" not in text and "<" not in text and "&" not in text and "银行" in text
    assert json.loads(text) == {"label": "</script><script>alert(1)</script> & 银行"}
    assert json_block([1], id="x") == '<script type="application/json" id="x">[1]</script>'


def test_the_smallest_bundle_that_draws_the_figures_is_chosen():
    assert plotlyjs.bundle_for([_animation()]) == "basic"
    assert plotlyjs.bundle_for([_animation(kind="scatter3d")]) == "gl3d"
    assert plotlyjs.bundle_for([go.Figure(go.Heatmap(z=[[1]]))]) == "cartesian"
    assert plotlyjs.bundle_for([go.Figure(go.Scattergl(x=[1], y=[1]))]) == "full"
    assert plotlyjs.bundle_for([_animation(), go.Figure(go.Bar(y=[1]))]) == "basic"
    assert plotlyjs.bundle_for([], types=("scattergl",)) == "full"


def test_vendored_bundles_are_the_pinned_files_at_plotly_pys_version():
    from plotly.offline import get_plotlyjs_version

    m = plotlyjs.manifest()
    assert m["version"] == get_plotlyjs_version()  # upgrading plotly.py means vendoring its bundles again
    for name, entry in m["bundles"].items():
        src = plotlyjs.source(name)  # checks the SHA-256
        assert f"plotly.js ({name} - minified) v{m['version']}" in src[:200]
        assert entry["integrity"].startswith("sha512-") and entry["package"] == f"plotly.js-{name}-dist-min"


def test_regl_scatterplot_is_the_pinned_bundle_with_every_licence_inside_it():
    from vizkit.render import vendored

    m = vendored.manifest("regl-scatterplot")
    src = vendored.source("regl-scatterplot")  # checks the SHA-256
    assert len(src.encode()) == m["bytes"] < 300_000 and "reglScatterplot" in src and "</script" not in src.lower()
    assert m["packages"]["regl-scatterplot@1.16.0"] == "MIT" and set(m["packages"].values()) <= {"MIT", "ISC"}
    notices = (Path(vendored.__file__).parent / "vendor" / m["licences"]).read_text(encoding="utf-8")
    for spec in m["packages"]:  # each package inside the bundle has its licence text beside it
        assert f"==== {spec} (" in notices
    lock = json.loads((Path(__file__).resolve().parent.parent / "vendor-js" / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/regl-scatterplot"]["version"] == "1.16.0"  # what make vendor-js installs
    assert lock["packages"]["node_modules/regl-scatterplot"]["integrity"].startswith("sha512-")


def test_a_page_is_written_whole_with_plotly_once(tmp_path):
    path = tmp_path / "a" / "bank.html"
    assert write_html(_animation(), path) == str(path)
    text = path.read_text(encoding="utf-8")
    assert plotlyjs.inlined(text) == ["basic"] and external_refs(text.replace(plotlyjs.source("basic"), "")) == []
    assert "<title>bank &amp; co</title>" in text and '<html lang="en">' in text
    assert [p.name for p in path.parent.iterdir()] == ["bank.html"]  # no temporary file left behind
    config = json.loads(re.search(r'<script type="application/json" id="vizkit-keyboard">(.*?)</script>', text).group(1))
    assert config["names"] == ["f0", "f1", "f2"] and config["help"].startswith("Keys: space play / pause")


def test_the_same_figure_gives_the_same_bytes(tmp_path):
    write_html(_animation(), tmp_path / "one.html")
    write_html(_animation(), tmp_path / "two.html")
    one, two = ((tmp_path / n).read_text(encoding="utf-8") for n in ("one.html", "two.html"))
    assert one == two


def test_pages_written_together_share_one_copy_of_each_bundle(tmp_path):
    for i in range(3):
        write_html(_animation(), tmp_path / f"p{i}.html", plotlyjs="directory")
    write_html(_animation(kind="scatter3d"), tmp_path / "p3d.html", plotlyjs="directory")
    assert sorted(p.name for p in tmp_path.glob("*.js")) == ["plotly-basic.min.js", "plotly-gl3d.min.js"]
    text = (tmp_path / "p0.html").read_text(encoding="utf-8")
    assert '<script src="plotly-basic.min.js"></script>' in text and plotlyjs.inlined(text) == []
    assert (tmp_path / "plotly-basic.min.js").read_text(encoding="utf-8") == plotlyjs.source("basic")


def test_one_check_and_one_error_for_a_name_that_is_not_html(tmp_path):
    for call in (lambda p: write_html(_animation(), p), lambda p: write_page(Page(title="x", body=""), p)):
        with pytest.raises(InputError, match=r"is an HTML file; got 'bank.png' \(use a .html name\)"):
            call(tmp_path / "bank.png")
    assert list(tmp_path.iterdir()) == []


def test_a_page_that_would_reach_the_network_is_warned_about(tmp_path):
    with pytest.warns(VizkitWarning, match=r"refers to 1 network resource.*cdn\.example\.org"):
        write_page(Page(title="x", body='<img src="https://cdn.example.org/a.png">'), tmp_path / "x.html")
    with warnings.catch_warnings():
        warnings.simplefilter("error", VizkitWarning)
        write_html(_animation(), tmp_path / "fine.html")  # plotly.js names tile servers: not counted


def test_a_failed_write_leaves_the_old_page(tmp_path, monkeypatch):
    path = tmp_path / "p.html"
    write_page(Page(title="old", body="old"), path)
    import vizkit.render.page as page_module

    def boom(*a, **k):
        raise OSError("disk full")

    monkeypatch.setattr(page_module.os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        write_page(Page(title="new", body="new"), path)
    assert "<title>old</title>" in path.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["p.html"]


# ---------------------------------------------------------------- the Chinese interface, in a browser

@pytest.fixture(scope="module")
def zh_atlas(glove):
    words = [w for w in glove.words[:1200] if w.isalpha()][:1000]
    labels = words[:-1] + ["银行"]
    from vizkit.vectors import LabelledVectors

    pts = glove.vectors(words)
    pts = LabelledVectors(np.asarray(pts.vectors), labels)
    return Atlas(method="pca", levels=(6, 24), random_state=0).fit(pts)


def test_the_atlas_page_speaks_chinese(zh_atlas, tmp_path, offline_page):
    path = write_atlas(zh_atlas, tmp_path / "atlas_zh.html", lang="zh")
    text = open(path, encoding="utf-8").read()
    assert '<html lang="zh-CN">' in text and "<title>1,000 个点，pca</title>" in text
    page = offline_page.page
    page.goto(f"file://{path}")
    page.evaluate("() => window.vizkit.ready")
    assert page.get_attribute(".vizkit-search", "placeholder") == "输入词或标签，按回车搜索"
    assert page.inner_text(".vizkit-find") == "查找"
    assert page.inner_text(".vizkit-status") == "共 1,000 个点。搜索一个标签、把鼠标停在点上，或框选一片区域。"
    options = page.eval_on_selector_all(".vizkit-color option", "os => os.map(o => o.textContent)")
    assert options == ["簇（6）", "簇（24）", "失真（保留的近邻）"]
    assert page.eval_on_selector_all(".vizkit-level option", "os => os.map(o => o.textContent)") == [
        "随缩放", "6 个簇", "24 个簇", "无"]
    page.fill(".vizkit-search", "king")
    page.press(".vizkit-search", "Enter")
    page.wait_for_function("() => window.vizkit.state().drawMs !== null")
    status = page.inner_text(".vizkit-status")
    assert status.startswith("king：原始空间中离它最近的 10 个；地图把其中 ") and status.endswith(" 个保留在它附近。")
    marks = page.eval_on_selector_all(".vizkit-neighbours li .vizkit-kept, .vizkit-neighbours li .vizkit-torn",
                                      "es => es.map(e => e.textContent)")
    assert len(marks) == 10 and set(marks) <= {"保留", "撕开"}
    page.fill(".vizkit-search", "银航")
    page.press(".vizkit-search", "Enter")
    page.wait_for_function("() => window.vizkit.state().query === null")
    assert page.inner_text(".vizkit-status").startswith("没有标签为“银航”的点。 最接近的：")
    assert "银行" in page.inner_text(".vizkit-status")
    offline_page.screenshot("atlas_zh.png")
    assert offline_page.errors == [] and offline_page.blocked == []


def test_the_presenter_page_speaks_chinese(tmp_path, offline_page):
    from vizkit.present.page import write_page as write_talk
    from vizkit.present.scenes import Slide

    slides = [Slide(kind="title", heading="苹果：水果还是公司？"), Slide(kind="text", heading="同一个词，两种意思")]
    path = write_talk(slides, {}, tmp_path / "talk_zh.html", title="苹果", lang="zh")
    page = offline_page.page
    page.goto(f"file://{path}")
    page.wait_for_function("() => window.vizkitPresent && window.vizkitPresent.current() === 0")
    assert page.inner_text("#vp-full") == "全屏"
    assert page.get_attribute("#vp-next", "title") == "下一页（PageDown、→、空格）"
    page.keyboard.press("PageDown")
    page.wait_for_function("() => window.vizkitPresent.current() === 1")
    assert page.inner_text("#vp-counter") == "2 / 2" and "两种意思" in page.inner_text("section:not([hidden])")
    assert offline_page.errors == [] and offline_page.blocked == []


def test_a_chinese_talk_speaks_chinese_in_its_captions_and_figures(m3e, tmp_path, offline_page):
    from vizkit.present import present

    path = present("苹果", tmp_path / "apple_zh.html", llm=m3e, lang="zh")
    text = open(path, encoding="utf-8").read()
    assert "为什么语境重要：“苹果”" in text and "Why context matters" not in text
    for english in ("sense separation", "where every point starts", "embedding layer", "input embedding", "anchor words"):
        assert english not in text, english
    page = offline_page.page
    page.goto(f"file://{path}")
    page.wait_for_function("() => window.vizkitPresent && window.vizkitPresent.current() === 0")
    shown = []
    for _ in range(4):
        page.keyboard.press("PageDown")
        page.wait_for_function(f"() => window.vizkitPresent.current() === {len(shown) + 1}")
        shown.append(page.inner_text("section:not([hidden])"))
    assert shown[0].startswith("每个句子都是同一个向量：静态嵌入看不到语境")
    assert "m3e-small 输入嵌入：“苹果”与各词义锚词的余弦：" in shown[0]
    assert shown[1].startswith("第 0 层，嵌入层：") and "词义分离度 " in shown[1]
    corner = page.locator("#vp-map .annotation-text").first.text_content()  # the map's own label, in Chinese
    assert corner in ("第 0 层", "第 1 层", "第 2 层") or corner.startswith("第 ")
    assert offline_page.errors == [] and offline_page.blocked == []


def test_every_animation_speaks_the_language_it_is_asked_for():
    from vizkit.present.scenes import animation_slides
    from vizkit.render.gif import animation_mpl
    from vizkit.training import train_word2vec, training_corpus

    groups = {"numbers": ["two", "three", "four"], "family": ["mother", "father", "wife"]}
    run = train_word2vec(training_corpus(60_000, progress=False), groups, vector_size=16, epochs=2, seed=1,
                         progress=False)
    en, zh = run.to_animation("en"), run.to_animation("zh")
    assert en.names[:2] == ["epoch 0 (random init)", "epoch 1"] and zh.names[:2] == ["第 0 轮（随机初始化）", "第 1 轮"]
    assert zh.captions[1].startswith("<b>第 1 轮</b> · 词组分离度 ") and "与 <i>two</i> 最近：" in zh.captions[1]
    assert zh.title == "Word2Vec 逐轮学习：" + run.algorithm and zh.step_prefix == "轮次 "
    slides, figures = animation_slides(run, "zh")
    assert slides[1].caption == "第 0 轮：所有点的起点" and slides[-1].caption.startswith("逐帧的词组分离度：")
    assert figures["separation"].layout.title.text.startswith("各帧的词组分离度")
    gif = animation_mpl(run, lang="zh")  # the GIF names its frames in Chinese too
    assert any(getattr(a, "get_text", lambda: "")().startswith("第 0 轮") for a in gif._func(0))
    gif._draw_was_started = True  # drawn by hand, not saved: nothing to warn about


def test_the_cli_speaks_chinese(capsys):
    from vizkit.cli import main

    assert main(["--lang", "zh", "neighbors", "zzzqqq", "--source", "glove"]) == 1
    assert capsys.readouterr().err.startswith("错误：glove 里没有 'zzzqqq' 这个词")  # the word typed, said in Chinese
    assert main(["neighbors", "zzzqqq", "--source", "glove"]) == 1
    assert capsys.readouterr().err.startswith("error: unknown word 'zzzqqq' in glove")
    from vizkit.errors import UnknownWordError

    err = UnknownWordError("kiwi", ["kiwis", "kiwifruit"], "glove", hint="lowercase")
    assert language.error_text(err, "zh") == "glove 里没有 'kiwi' 这个词（lowercase）；最接近的已知词：kiwis，kiwifruit"
    assert language.error_text(err, "en") == str(err) == ("unknown word 'kiwi' in glove (lowercase); closest known "
                                                          "words: kiwis, kiwifruit")
    from vizkit.datasets.movielens import UnknownItemError

    film = UnknownItemError("Star Warz", ["Star Wars (1977)"], "MovieLens 100k")
    assert language.error_text(film, "zh") == str(film)  # its own wording (closest titles) is kept
    assert language.resolve() == "en"  # the language was the command's only


def test_an_animation_in_chinese_has_chinese_controls(tmp_path):
    from vizkit.render.animation import Animation
    from vizkit.render.figure import animation_figure

    anim = Animation(coords=np.zeros((2, 3, 2)) + np.arange(2)[:, None, None], labels=["a", "b", "c"],
                     groups=["x", "x", "y"], names=["static", "layer 0"])
    assert [b["label"] for b in animation_figure(anim).layout.updatemenus[0].buttons] == ["Play", "Pause"]
    language.set_language("zh")
    try:
        fig = animation_figure(anim)
        path = write_html(fig, tmp_path / "zh.html")
    finally:
        language.set_language(None)
    assert [b["label"] for b in fig.layout.updatemenus[0].buttons] == ["播放", "暂停"]
    assert '<html lang="zh-CN">' in open(path, encoding="utf-8").read()
