"""The JupyterLab harness on a scratch notebook: a real server, a real kernel, headless Chromium, no network.

Moving the slider in the browser runs its ``observe`` callback in the kernel, which updates the FigureWidget,
whose new data reaches the plot in the browser: the whole round trip the notebook tests rely on.
"""

import pytest

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("jupyterlab")

from jupyterlab_harness import (  # noqa: E402
    assert_no_errors, lab_page, move_slider, open_notebook, plot_data, run_all_cells, running_jupyterlab,
    wait_for_plot_change, wait_for_widgets, widget_problems,
)

CELLS = [
    ("code", "import ipywidgets as w, plotly.graph_objects as go"),
    ("code", "X = [0, 1, 2, 3]\n"
             "fig = go.FigureWidget(go.Scatter(x=X, y=[0, 1, 4, 9]))\n"
             "slider = w.IntSlider(value=0, min=0, max=10, description='shift')\n"
             "\n"
             "def shift(change):\n"
             "    fig.data[0].x = [x + change['new'] for x in X]\n"
             "\n"
             "slider.observe(shift, names='value')\n"
             "w.VBox([slider, fig])"),
    ("markdown", "The slider shifts the curve to the right."),
]


def write_notebook(path):
    new = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell}
    nb = nbformat.v4.new_notebook(cells=[new[kind](source) for kind, source in CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    write_notebook(root / "scratch.ipynb")
    with running_jupyterlab(root) as server:
        yield server


@pytest.fixture
def view(browser, lab):
    with lab_page(browser, lab) as page:
        yield page


@pytest.mark.slow
def test_slider_moves_the_figure_widget_through_the_kernel(lab, view):
    page = view.page
    open_notebook(page, lab.url, "scratch.ipynb")
    assert_no_errors(run_all_cells(page, timeout=120))
    wait_for_widgets(page)
    slider = page.locator(".jupyter-widgets.widget-slider")
    slider.wait_for()
    page.locator(".js-plotly-plot").wait_for()
    assert widget_problems(page) == []
    assert page.locator(".js-plotly-plot").count() == 1

    before = plot_data(page)
    assert before == [{"x": [0, 1, 2, 3], "y": [0, 1, 4, 9]}]
    move_slider(page, slider, "ArrowRight")
    after = wait_for_plot_change(page, before)
    assert slider.locator(".widget-readout").inner_text() == "1"
    assert after == [{"x": [1, 2, 3, 4], "y": [0, 1, 4, 9]}]

    view.screenshot("jupyterlab_harness.png")
    assert view.blocked == [], "the page tried to leave localhost"
    assert view.errors == [], f"console errors:\n{view.errors}\n\nserver log:\n{lab.log_tail()}"
