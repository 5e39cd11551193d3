"""The atlas widget in a real JupyterLab (headless Chromium, offline), both ways.

Python -> browser: ``view.query = "king"`` in a cell lists king's true neighbours in the widget, and
``view.axes = ("man:woman", "poor:rich")`` lays the map out again on semantic axes.
Browser -> Python: a word typed into the widget's search box, and a lasso on its map, reach the kernel,
whose answers (``view.query``, ``view.selection()``) come back to the page in a label.
"""

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("jupyterlab")

from conftest import draw_lasso  # noqa: E402
from jupyterlab_harness import (  # noqa: E402
    assert_no_errors, lab_page, open_notebook, run_all_cells, running_jupyterlab, wait_for_widgets, widget_problems,
)

CELLS = [
    "from vizkit.atlas import Atlas\n"
    "from vizkit.sources import GloVe\n"
    "import ipywidgets as w\n"
    "glove = GloVe()\n"
    "atlas = Atlas(method='pca', levels=(8, 32)).fit(glove.vectors(glove.top_words(3000)))",
    "from vizkit.widgets import AtlasView\n"
    "view = AtlasView(atlas, height=560)\n"
    "echo = w.Label(value='nothing yet')\n"
    "def report(change):\n"
    "    frame = view.selection()\n"
    "    echo.value = f'kernel: query={view.query} selected={len(frame)} first={frame.label.iloc[0] if len(frame) else None}'\n"
    "view.observe(report, names=['query', 'selected'])\n"
    "w.VBox([echo, view])",
    "view.query = 'king'",
    "view.axes = ('man:woman', 'poor:rich')  # the same points laid out again, from Python",
]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, root / "atlas.ipynb")
    with running_jupyterlab(root) as server:
        yield server


@pytest.mark.slow
def test_atlas_widget_both_ways(glove, browser, lab):
    from vizkit.atlas import Atlas

    atlas = Atlas(method="pca", levels=(8, 32)).fit(glove.vectors(glove.top_words(3000)))  # the kernel's, again
    with lab_page(browser, lab) as view:
        page = view.page
        open_notebook(page, lab.url, "atlas.ipynb", timeout=120)
        assert_no_errors(run_all_cells(page, timeout=300))
        wait_for_widgets(page)
        assert widget_problems(page) == []
        widget = page.locator(".vizkit-atlas").first
        widget.locator(".vizkit-plot .vizkit-canvas-box canvas").wait_for(timeout=60_000)

        # Python -> browser: the cell `view.query = 'king'` drew king's neighbours in the widget
        want = atlas.neighbours("king")["label"].tolist()
        page.wait_for_function("""want => { const items = document.querySelectorAll('.vizkit-atlas .vizkit-neighbours li .vizkit-label');
            return items.length === want.length && [...items].every((el, i) => el.textContent === want[i]); }""",
                               arg=want, timeout=30_000)
        page.get_by_text("kernel: query=king selected=0").wait_for(timeout=30_000)
        widget.locator(".vizkit-axis-x .vizkit-axis-title", has_text="man \u2192 woman").wait_for(timeout=30_000)  # view.axes redrew it
        assert widget.locator(".vizkit-axis-y .vizkit-axis-title").text_content() == "poor \u2192 rich"

        # browser -> Python: type a word into the widget's box
        box = widget.locator(".vizkit-search")
        box.fill("city")
        box.press("Enter")
        page.get_by_text("kernel: query=city selected=0").wait_for(timeout=30_000)

        # browser -> Python: lasso a region of the map; the kernel's selection() comes back to the label
        draw_lasso(page, widget.locator(".vizkit-plot .vizkit-canvas-box"))
        widget.evaluate("el => new Promise(done => { const t = setInterval(() => {"
                        " if (el.vizkitAtlas.state().selected.length) { clearInterval(t); done(); } }, 100); })")
        chosen = widget.evaluate("el => el.vizkitAtlas.state().selected")
        assert len(chosen) > 10
        first = atlas.points.labels[min(chosen)]
        page.get_by_text(f"kernel: query=city selected={len(chosen)} first={first}").wait_for(timeout=30_000)
        view.screenshot("atlas_jupyterlab.png")
        assert view.blocked == [], "the page tried to leave localhost"
        assert view.errors == [], f"console errors:\n{view.errors}\n\nserver log:\n{lab.log_tail()}"
