"""Notebooks rendered to static classroom pages: run for real in a kernel, then opened offline in Chromium."""

import json
import re
import subprocess
import sys

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbclient")
pytest.importorskip("nbconvert")

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook  # noqa: E402

from vizkit.classroom import external_refs, render_notebook  # noqa: E402
from vizkit.errors import VizkitError  # noqa: E402

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PROGRESS = re.compile(r"^\S+\.ipynb:\s+\d+%")  # the progress bar over the cells, on stderr
N_FIGURES = 3  # the mimetype+notebook figure, the notebook-renderer figure, the probe widget's snapshot

PROBE_CELLS = [
    new_markdown_cell("# Classroom *probe*\n\nA page with $x^2$ left as text: no MathJax from a CDN."),
    new_code_cell('import plotly.io as pio\npio.renderers.default = "plotly_mimetype+notebook"\n'
                  'print("hello from the probe")'),
    new_code_cell("import plotly.graph_objects as go\n"
                  "fig = go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2]))\nfig.show()"),
    new_code_cell('pio.renderers.default = "notebook"  # plotly.js again + MathJax from a CDN: both must go\n'
                  "fig.show()"),
    new_code_cell("import ipywidgets as W\nW.IntSlider(value=3)"),
    new_code_cell("from tqdm.auto import tqdm\nfor _ in tqdm(range(3), desc='probe bar'):\n    pass"),
    new_code_cell('''\
import ipywidgets as W
import plotly.graph_objects as go
from vizkit.widgets import _snapshot


class Probe(W.VBox):
    """A stand-in vizkit widget: registered, with a snapshot of its current state."""

    def __init__(self):
        self.slider = W.IntSlider(value=1, description="slider")
        super().__init__([self.slider])
        _snapshot.register(self)

    def snapshot_html(self):
        fig = go.Figure(go.Bar(x=["a", "b"], y=[self.slider.value, 1]))
        return _snapshot.figure_html(fig) + f'<p class="probe">snapshot of slider={self.slider.value}</p>'


probe = Probe()
probe'''),
    new_code_cell("probe.slider.value = 5  # a later cell: the page shows this final state"),
]


def write_notebook(path, cells):
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "language": "python",
                                                                      "display_name": "Python 3"}}), path)
    return path


def vizkit_cli(*argv):
    return subprocess.run([sys.executable, "-m", "vizkit", *map(str, argv)], capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def probe_page(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("classroom")
    nb_path = write_notebook(tmp / "notebooks" / "probe.ipynb", PROBE_CELLS)
    page = render_notebook(nb_path, tmp / "out", progress=False)
    return page, page.read_text(encoding="utf-8")


def test_page_is_written_with_the_final_widget_state(probe_page):
    page, text = probe_page
    assert page.name == "probe.html"
    assert "<title>Classroom probe</title>" in text
    assert "hello from the probe" in text
    assert "snapshot of slider=5" in text and "snapshot of slider=1" not in text
    assert WIDGET_VIEW not in text
    assert "IntSlider(value=3)" not in text  # a bare repr says nothing without the widget
    assert "probe bar" in text and "3/3" in text  # the tqdm bar in its final state
    assert "@@vizkit-classroom-snapshots@@" not in text and "_vizkit_classroom_snapshots" not in text
    assert "$x^2$" in text  # TeX stays as text


def test_page_loads_nothing_from_the_network(probe_page):
    from plotly.offline import get_plotlyjs

    _, text = probe_page
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", text, re.IGNORECASE)  # every script inline
    assert not re.search(r"<link\b[^>]*\bhref\s*=\s*[\"']?(https?:)?//", text, re.IGNORECASE)
    plotlyjs = get_plotlyjs()
    assert text.count(plotlyjs[:400]) == 1  # plotly.js inlined once (not again from the notebook renderer)
    rest = text.replace(plotlyjs, "")  # plotly.js itself names map tile servers, used by map traces only
    assert external_refs(rest) == []
    for cdn in ("cdnjs", "unpkg.com", "jsdelivr", "require.js", "requirejs", "cdn.plot.ly", "mathjax.js", "tex-svg"):
        assert cdn not in rest.lower(), cdn


def test_widget_state_travels_inert_with_the_page(probe_page):
    _, text = probe_page
    blocks = re.findall(r'<script type="application/vnd\.jupyter\.widget-state\+json">(.*?)</script>', text, re.S)
    assert len(blocks) == 1
    state = json.loads(blocks[0])["state"]
    sliders = [m["state"]["value"] for m in state.values() if m["model_name"] == "IntSliderModel"]
    assert sorted(sliders) == [3, 5]  # the plain slider and the probe's, in its final state
    assert not re.search(r"html-manager|embed-amd", text)  # state only: no loader for it


def test_page_renders_offline_in_chromium(probe_page, offline_page):
    """offline_page is conftest's OfflinePage on the session's headless Chromium."""
    page_path, _ = probe_page
    page = offline_page
    page.page.goto(page_path.as_uri())
    page.page.wait_for_function(
        f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {N_FIGURES}", timeout=20_000)
    page.page.wait_for_timeout(500)
    assert page.page.evaluate("document.querySelectorAll('.js-plotly-plot').length") == N_FIGURES
    body = page.page.evaluate("document.body.innerText")
    assert "Loading widget" not in body
    assert "snapshot of slider=5" in body
    assert page.page.evaluate("document.querySelectorAll('.js-plotly-plot .bars .point').length") == 2
    page.page.locator(".probe").scroll_into_view_if_needed()
    page.screenshot("classroom_probe.png")
    assert page.errors == [], f"console errors: {page.errors}"
    assert page.blocked == [], f"requests to the network: {page.blocked}"


def test_the_kernel_speaks_the_language_of_the_export(tmp_path):
    nb = write_notebook(tmp_path / "lang.ipynb", [
        new_markdown_cell("# 语言"),
        new_code_cell("from vizkit.render.language import resolve, t\nprint('kernel:', resolve(), t('animation.play'))")])
    pages = {lang: render_notebook(nb, tmp_path / lang, progress=False, lang=lang).read_text(encoding="utf-8")
             for lang in ("zh", "en")}
    assert "kernel: zh 播放" in pages["zh"] and "kernel: en Play" in pages["en"]


def test_a_frozen_anywidget_keeps_its_state_without_its_code_or_bytes():
    from vizkit.classroom.outputs import WIDGET_STATE, _slim_widget_state

    atlas = {"model_name": "AnyModel", "state": {"_esm": "x" * 5000, "_css": "y", "query": "king",
                                                 "blocks": {"coords": {}, "labels": {}}},
             "buffers": [{"path": ["blocks", "coords"], "data": "QUFB" * 1000, "encoding": "base64"},
                         {"path": ["blocks", "labels"], "data": "QkJC", "encoding": "base64"}]}
    slider = {"model_name": "IntSliderModel", "state": {"value": 3}, "buffers": [{"path": ["x"], "data": "AA=="}]}
    nb = new_notebook(metadata={"widgets": {WIDGET_STATE: {"state": {"a": atlas, "s": slider}}}})
    _slim_widget_state(nb)
    atlas, slider = (nb.metadata["widgets"][WIDGET_STATE]["state"][k] for k in "as")
    assert atlas["state"] == {"_esm": "", "_css": "", "query": "king", "blocks": {"coords": None, "labels": None}}
    assert "buffers" not in atlas and slider["buffers"] == [{"path": ["x"], "data": "AA=="}]  # only anywidgets'


def boom_notebook(tmp_path):
    return write_notebook(tmp_path / "boom.ipynb", [new_markdown_cell("# Boom"), new_code_cell("x = 1"),
                                                    new_code_cell("y = x / 0\nprint(y)")])


def test_a_failing_cell_is_named(tmp_path):
    with pytest.raises(VizkitError, match=r"boom\.ipynb: cell 3 \('y = x / 0'\) raised ZeroDivisionError: division"):
        render_notebook(boom_notebook(tmp_path), tmp_path / "out", progress=False)
    assert not (tmp_path / "out" / "boom.html").exists()


def test_cli_errors_are_one_line(tmp_path):
    for argv, expected in ([(tmp_path / "missing.ipynb", "--out", tmp_path / "d"), "missing.ipynb"],
                           [(boom_notebook(tmp_path), "--out", tmp_path / "d"), "cell 3"]):
        res = vizkit_cli("classroom", *argv)
        err = [line for line in res.stderr.splitlines() if line.strip() and not PROGRESS.match(line)]
        assert res.returncode == 1 and res.stdout == ""
        assert len(err) == 1 and err[0].startswith("error: ") and expected in err[0], res.stderr
        assert "Traceback" not in res.stderr


def test_cli_renders_a_folder_and_an_index(tmp_path):
    folder = tmp_path / "notebooks"
    write_notebook(folder / "hello.ipynb", [new_markdown_cell("# Hello class"), new_code_cell("print(6 * 7)")])
    res = vizkit_cli("classroom", folder, "--out", tmp_path / "out")
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == [str(tmp_path / "out" / "hello.html"), str(tmp_path / "out" / "index.html")]
    assert "42" in (tmp_path / "out" / "hello.html").read_text(encoding="utf-8")
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<a href="hello.html">Hello class</a>' in index


def test_a_folder_shares_one_plotly_js_and_the_index_speaks_chinese(tmp_path, offline_page):
    from vizkit.render.plotlyjs import inlined

    folder, out = tmp_path / "notebooks", tmp_path / "out"
    for name in ("a", "b"):
        write_notebook(folder / f"{name}.ipynb", [
            new_markdown_cell(f"# Page {name}"),
            new_code_cell('import plotly.io as pio\npio.renderers.default = "plotly_mimetype+notebook"\n'
                          "import plotly.graph_objects as go\ngo.Figure(go.Bar(x=['x', 'y'], y=[1, 2])).show()")])
    res = vizkit_cli("classroom", folder, "--out", out, "--lang", "zh")
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.html", "b.html", "index.html", "plotly.min.js"]
    for name in ("a", "b"):
        text = (out / f"{name}.html").read_text(encoding="utf-8")
        assert text.count('<script src="plotly.min.js"></script>') == 1 and inlined(text) == []
        assert external_refs(text) == []
    assert inlined((out / "plotly.min.js").read_text(encoding="utf-8")) == ["full"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in index and "<h1>vizkit 笔记本</h1>" in index and '<a href="a.html">Page a</a>' in index
    page = offline_page
    page.page.goto((out / "b.html").as_uri())  # the shared copy loads from the folder, offline
    page.page.wait_for_function("document.querySelectorAll('.js-plotly-plot .bars .point').length === 2",
                                timeout=20_000)
    assert page.errors == [] and page.blocked == []
