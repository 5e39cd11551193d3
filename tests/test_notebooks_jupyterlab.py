"""The suite's notebooks in a real JupyterLab, in headless Chromium, offline: run all cells, the widgets render,
moving a control in the browser changes the plot (browser -> kernel -> FigureWidget -> browser)."""

import contextlib
import re
import shutil

import pytest

pytest.importorskip("jupyterlab")

from jupyterlab_harness import (  # noqa: E402
    assert_no_errors, lab_page, move_slider, open_notebook, plot_data, plot_index, run_all_cells, running_jupyterlab,
    wait_for_plot_change, wait_for_widgets, widget_problems,
)
from test_notebooks import NOTEBOOKS  # noqa: E402



@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(NOTEBOOKS[0].parent, root / "notebooks", ignore=shutil.ignore_patterns("exports"))
    with running_jupyterlab(root) as server:
        yield server


@contextlib.contextmanager
def notebook_run(browser, lab, name, screenshot, widget):
    """Open ``name`` in JupyterLab and run all cells (no errors, widgets rendered); yield the page. After the
    body: a screenshot of the ``widget`` (a CSS selector), and no blocked request or console error."""
    with lab_page(browser, lab) as view:
        page = view.page
        open_notebook(page, lab.url, f"notebooks/{name}", timeout=120)
        assert_no_errors(run_all_cells(page, timeout=600))
        wait_for_widgets(page)
        assert widget_problems(page) == []
        yield page
        page.locator(widget).first.scroll_into_view_if_needed()
        view.screenshot(screenshot)
        assert view.blocked == [] and view.errors == []


@pytest.mark.slow
def test_02_player_slider_moves_the_points(browser, lab):
    with notebook_run(browser, lab, "02_static_vs_contextual.ipynb",
                      "jupyterlab_02_player.png", ".vizkit-player") as page:
        assert page.locator(".js-plotly-plot").count() >= 3
        stage = page.locator(".widget-slider", has=page.locator("label", has_text="stage"))
        assert stage.count() == 1
        plot = plot_index(page, ".vizkit-player")  # the player's FigureWidget, wherever it is on the page
        before = plot_data(page, plot)
        assert {round(v, 9) for v in before[0]["x"]} == {0}  # stage 0: the static vector, one point
        move_slider(page, stage, times=3)
        after = wait_for_plot_change(page, before, plot, timeout=60)
        assert len({round(v, 6) for v in after[0]["x"]}) > 1  # the occurrences split


@pytest.mark.slow
def test_01_explorer_projection_switch_redraws(browser, lab):
    with notebook_run(browser, lab, "01_word_embeddings.ipynb",
                      "jupyterlab_01_explorer.png", ".vizkit-explorer") as page:
        explorer = page.locator(".vizkit-explorer")
        assert explorer.count() == 1
        plot = plot_index(page, ".vizkit-explorer")
        before = plot_data(page, plot)
        explorer.locator("button", has_text="t-SNE").click()
        after = wait_for_plot_change(page, before, plot, timeout=120)
        # 3-D: the words in plotly's WebGL scene, and a click on a point still lists its neighbours
        explorer.locator("label", has_text="3-D").click()
        after = wait_for_plot_change(page, after, plot, timeout=120)
        gd = page.locator(".js-plotly-plot").nth(plot)
        page.wait_for_function("el => el._fullLayout && el._fullLayout.scene && el.querySelector("
                               "'.svg-container .gl-container canvas') && el.data.length >= 3"
                               " && el.data.slice(0, 3).every(t => t.type === 'scatter3d')",
                               arg=gd.element_handle(), timeout=30_000)
        z, x = gd.evaluate("el => [el.data[0].z.length, el.data[0].x.length]")
        assert z == x > 0  # every word has its third coordinate
        words = gd.evaluate("el => el.data.filter(t => t.hoverinfo !== 'skip').flatMap(t => Array.from(t.text))")
        word = _click_a_word_in_the_scene(page, gd, explorer.locator(".widget-text", has_text="neighbours of")
                                          .locator("input"))
        assert word in words and word != "king"
        page.wait_for_function("([el, w]) => el.innerText.includes(`nearest to ${w}`)",
                               arg=[explorer.element_handle(), word], timeout=30_000)
        after = plot_data(page, plot)
        # semantic axes: the pole boxes appear, and the axes say what they measure; the map is flat again
        explorer.locator("button", has_text="axes").click()
        after = wait_for_plot_change(page, after, plot, timeout=120)
        assert explorer.locator("input[placeholder='man:woman']").is_visible()
        assert gd.evaluate("el => el.data[0].type") == "scatter" and explorer.locator(
            ".widget-checkbox", has_text="3-D").locator("input").is_disabled()
        titles = page.locator(".js-plotly-plot").nth(plot).evaluate(
            "el => [el.layout.xaxis.title.text, el.layout.yaxis.title.text]")
        assert titles == ["man \u2190 \u2192 woman", "most variance left"]
        # compare models: GloVe, Word2Vec and the LLM in one frame, with a movement line per word and model
        explorer.locator("label", has_text="compare models").click()
        wait_for_plot_change(page, after, plot, timeout=180)
        names = page.locator(".js-plotly-plot").nth(plot).evaluate("el => el.data.map(t => t.name)")
        assert sum(name.endswith(": moved") for name in names) == 2 and names[-1].startswith("glove")


def _click_a_word_in_the_scene(page, gd, query, timeout=10):
    """Click a word of a 3-D scene as a person does: move the mouse until plotly hovers a word, press there
    (plotly's 3-D scene reads the button while it draws); repeat until the ``query`` box (an input) changes.
    Returns the new query."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    gd.evaluate("el => { window.__hovered = null; el.on('plotly_hover', e => { const p = e.points[0];"
                " window.__hovered = el.data[p.curveNumber].text[p.pointNumber]; }); }")
    canvas = gd.locator(".gl-container canvas").first
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    before = query.input_value()

    def hovered_at(x, y):
        page.evaluate("window.__hovered = null")
        page.mouse.move(x, y)
        page.wait_for_timeout(40)  # the scene picks the point under the mouse when it next draws
        return page.evaluate("window.__hovered")

    for fy in range(15, 90, 3):
        for fx in range(10, 90, 2):
            x, y = box["x"] + box["width"] * fx / 100, box["y"] + box["height"] * fy / 100
            word = hovered_at(x, y)
            if word and word != before and hovered_at(x + 1, y) == word:  # the word under the mouse now
                page.mouse.down()
                page.wait_for_timeout(300)
                page.mouse.up()
                with contextlib.suppress(PlaywrightTimeout):
                    page.wait_for_function("([el, v]) => el.value !== v", arg=[query.element_handle(), before],
                                           timeout=timeout * 1000)
                    return query.input_value()
    raise AssertionError("no click on a word of the 3-D scene changed the query")


@pytest.mark.slow
def test_03_tokenizer_view_retokenizes_typed_text(browser, lab):
    with notebook_run(browser, lab, "03_tokenizers.ipynb",
                      "jupyterlab_03_tokenizers.png", ".vizkit-tokenizer-view") as page:
        tv = page.locator(".vizkit-tokenizer-view")
        assert tv.count() == 1 and tv.locator("span[title]").count() > 20  # coloured tokens rendered
        box = tv.locator("textarea").first
        box.fill("unbelievably tokenized 鸟")
        box.blur()  # the text goes to the kernel when the box loses focus
        page.wait_for_function("el => el.innerText.includes('##ized') || el.innerText.includes('ized')",
                               arg=tv.element_handle(), timeout=30_000)
        assert "[UNK]" in tv.inner_text()  # BERT uncased still cannot read the Chinese character


@pytest.mark.slow
def test_05_training_view_epoch_slider_moves_the_words(browser, lab):
    with notebook_run(browser, lab, "05_training_word2vec.ipynb",
                      "jupyterlab_05_training.png", ".vizkit-training") as page:
        index = plot_index(page, ".vizkit-training")
        before = plot_data(page, index)
        epoch = page.locator(".vizkit-training .widget-slider",
                             has=page.locator("label", has_text=re.compile(r"^epoch$")))
        assert epoch.count() == 1
        move_slider(page, epoch, key="Home")  # back to epoch 0: the random start
        after = wait_for_plot_change(page, before, index, timeout=60)
        assert len(after) == len(before) and after[0]["x"] != before[0]["x"]


@pytest.mark.slow
def test_07_recommender_pick_and_top_n(browser, lab):
    with notebook_run(browser, lab, "07_recommendations.ipynb",
                      "jupyterlab_07_recommender.png", ".vizkit-recommender") as page:
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
