"""Notebooks 01 and 02 in a real JupyterLab, in headless Chromium, offline: run all cells, the widgets render,
moving a control in the browser changes the plot (browser -> kernel -> FigureWidget -> browser)."""

import shutil

import pytest

pytest.importorskip("jupyterlab")

from jupyterlab_harness import (  # noqa: E402
    assert_no_errors, lab_page, move_slider, open_notebook, plot_data, run_all_cells, running_jupyterlab,
    wait_for_plot_change, wait_for_widgets, widget_problems,
)
from test_notebooks import NOTEBOOKS  # noqa: E402

PLAYER_PLOT = EXPLORER_PLOT = 2  # the third plot of each notebook is its widget's FigureWidget


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(NOTEBOOKS[0].parent, root / "notebooks", ignore=shutil.ignore_patterns("exports"))
    with running_jupyterlab(root) as server:
        yield server


def run_notebook(browser, lab, name):
    view_cm = lab_page(browser, lab)
    view = view_cm.__enter__()
    open_notebook(view.page, lab.url, f"notebooks/{name}", timeout=120)
    assert_no_errors(run_all_cells(view.page, timeout=600))
    wait_for_widgets(view.page)
    assert widget_problems(view.page) == []
    return view_cm, view


@pytest.mark.slow
def test_02_player_slider_moves_the_points(browser, lab):
    cm, view = run_notebook(browser, lab, "02_static_vs_contextual.ipynb")
    try:
        page = view.page
        assert page.locator(".js-plotly-plot").count() >= 3
        stage = page.locator(".widget-slider", has=page.locator("label", has_text="stage"))
        assert stage.count() == 1
        before = plot_data(page, PLAYER_PLOT)
        assert {round(v, 9) for v in before[0]["x"]} == {0}  # stage 0: the static vector, one point
        move_slider(page, stage, times=3)
        after = wait_for_plot_change(page, before, PLAYER_PLOT, timeout=60)
        assert len({round(v, 6) for v in after[0]["x"]}) > 1  # the occurrences split
        page.locator(".vizkit-player").scroll_into_view_if_needed()
        view.screenshot("jupyterlab_02_player.png")
        assert view.blocked == [] and view.errors == []
    finally:
        cm.__exit__(None, None, None)


@pytest.mark.slow
def test_01_explorer_projection_switch_redraws(browser, lab):
    cm, view = run_notebook(browser, lab, "01_word_embeddings.ipynb")
    try:
        page = view.page
        explorer = page.locator(".vizkit-explorer")
        assert explorer.count() == 1
        before = plot_data(page, EXPLORER_PLOT)
        explorer.locator("button", has_text="t-SNE").click()
        wait_for_plot_change(page, before, EXPLORER_PLOT, timeout=120)
        explorer.scroll_into_view_if_needed()
        view.screenshot("jupyterlab_01_explorer.png")
        assert view.blocked == [] and view.errors == []
    finally:
        cm.__exit__(None, None, None)
