"""The suite's notebooks in a real JupyterLab, in headless Chromium, offline: run all cells, the widgets render,
moving a control in the browser changes the plot (browser -> kernel -> FigureWidget -> browser)."""

import re
import shutil

import pytest

pytest.importorskip("jupyterlab")

from jupyterlab_harness import (  # noqa: E402
    assert_no_errors, lab_page, move_slider, open_notebook, plot_data, plot_index, run_all_cells, running_jupyterlab,
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


@pytest.mark.slow
def test_03_tokenizer_view_retokenizes_typed_text(browser, lab):
    cm, view = run_notebook(browser, lab, "03_tokenizers.ipynb")
    try:
        page = view.page
        tv = page.locator(".vizkit-tokenizer-view")
        assert tv.count() == 1 and tv.locator("span[title]").count() > 20  # coloured tokens rendered
        box = tv.locator("textarea").first
        box.fill("unbelievably tokenized 鸟")
        box.blur()  # the text goes to the kernel when the box loses focus
        page.wait_for_function("el => el.innerText.includes('##ized') || el.innerText.includes('ized')",
                               arg=tv.element_handle(), timeout=30_000)
        assert "[UNK]" in tv.inner_text()  # BERT uncased still cannot read the Chinese character
        tv.scroll_into_view_if_needed()
        view.screenshot("jupyterlab_03_tokenizers.png")
        assert view.blocked == [] and view.errors == []
    finally:
        cm.__exit__(None, None, None)


@pytest.mark.slow
def test_05_training_view_epoch_slider_moves_the_words(browser, lab):
    cm, view = run_notebook(browser, lab, "05_training_word2vec.ipynb")
    try:
        page = view.page
        index = plot_index(page, ".vizkit-training")
        before = plot_data(page, index)
        epoch = page.locator(".vizkit-training .widget-slider",
                             has=page.locator("label", has_text=re.compile(r"^epoch$")))
        assert epoch.count() == 1
        move_slider(page, epoch, key="Home")  # back to epoch 0: the random start
        after = wait_for_plot_change(page, before, index, timeout=60)
        assert len(after) == len(before) and after[0]["x"] != before[0]["x"]
        page.locator(".vizkit-training").scroll_into_view_if_needed()
        view.screenshot("jupyterlab_05_training.png")
        assert view.blocked == [] and view.errors == []
    finally:
        cm.__exit__(None, None, None)


@pytest.mark.slow
def test_07_recommender_pick_and_top_n(browser, lab):
    cm, view = run_notebook(browser, lab, "07_recommendations.ipynb")
    try:
        page = view.page
        rec = page.locator(".vizkit-recommender")
        index = plot_index(page, ".vizkit-recommender")
        before = plot_data(page, index)
        assert len(before[-2]["x"]) == 10  # Toy Story's ten recommendations ringed on the map
        top = rec.locator(".widget-slider", has=page.locator("label", has_text="top N"))
        move_slider(page, top)
        after = wait_for_plot_change(page, before, index, timeout=60)
        assert len(after[-2]["x"]) == 11
        film = rec.locator("input").first
        film.fill("Free Willy (1993)")
        film.press("Enter")
        page.wait_for_function("el => el.innerText.includes('Free Willy 2')", arg=rec.element_handle(),
                               timeout=30_000)
        rec.scroll_into_view_if_needed()
        view.screenshot("jupyterlab_07_recommender.png")
        assert view.blocked == [] and view.errors == []
    finally:
        cm.__exit__(None, None, None)
