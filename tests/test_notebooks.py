"""The notebook suite: committed clean, shaped for teaching, and runs top to bottom headless, offline."""

import copy
import json
import shutil
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def ids(paths):
    return [p.stem for p in paths]


def test_the_suite_has_its_notebooks():
    assert [p.stem[:2] for p in NOTEBOOKS] == ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_committed_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; clear them before committing"
    assert "widgets" not in nb.metadata, f"{path.name}: saved widget state in the metadata"
    nbformat.validate(nb)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_opens_with_an_introduction_and_ends_with_exercises(path):
    nb = nbformat.read(path, as_version=4)
    first, last = nb.cells[0], nb.cells[-1]
    assert first.cell_type == "markdown" and first.source.startswith(f"# {path.stem[:2]} ·")
    assert len(first.source.split()) > 60, "the introduction is a short paragraph or two, not a title"
    assert last.cell_type == "markdown" and "## Exercises" in last.source
    assert last.source.count("\n1. ") + last.source.count("\n2. ") >= 2


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """Every notebook run once, top to bottom, in a copy of the folder (as a student would: cwd = that folder).

    The same code path as ``vizkit classroom``; nbclient raises on any error.
    """
    from vizkit.classroom import execute_notebook

    work = tmp_path_factory.mktemp("suite") / "notebooks"
    shutil.copytree(NOTEBOOKS[0].parent, work,  # the notebooks only: not what earlier runs wrote beside them
                    ignore=shutil.ignore_patterns("exports", "occurrences", ".ipynb_checkpoints"))
    return work, {p.stem: execute_notebook(work / p.name, timeout=900, progress=False) for p in NOTEBOOKS}


def outputs_text(nb):
    parts = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            parts.append(o.get("text", ""))
            parts.extend(str(v) for k, v in o.get("data", {}).items() if k.startswith("text/"))
    return "\n".join(parts)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_runs_top_to_bottom_headless(path, executed):
    work, runs = executed
    nb, snapshots = runs[path.stem]
    text = outputs_text(nb)
    views = [o for c in nb.cells for o in c.get("outputs", []) if WIDGET_VIEW in o.get("data", {})]
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    assert views and state, "the notebook's widgets were displayed and their state stored"
    assert all(o["data"][WIDGET_VIEW]["model_id"] in state for o in views)
    assert "Traceback" not in text
    assert snapshots, "the vizkit widgets' snapshots were taken after the last cell"
    if path.stem.startswith("01"):
        assert "prince" in text and "queen" in text  # the seed's neighbours of king
        assert "≈ queen" in json.dumps(state, ensure_ascii=False)  # the explorer's analogy label
        assert "MiniLM static" in text and "Word2Vec" in text  # two models, one frame: agreement per model
    if path.stem.startswith("02"):
        assert "'layer 0 (embedding layer)': " in text  # bank on the money <-> river axis, layer by layer
        assert "left to right" in text and "both ways" in text  # the clue-order table: decoder and encoder
    if path.stem.startswith("03"):
        assert "[UNK]" in text and "cl100k" in text  # BERT cannot see the emoji; GPT-4's encoding by name
    if path.stem.startswith("05"):
        assert (work / "exports" / "w2v_training.html").stat().st_size > 1_000_000 and "separation" in text
    if path.stem.startswith("07"):
        assert "Beauty and the Beast (1991)" in text  # the nearest films to Aladdin, by title
        assert "better_than_random" in text
        assert '"value": "Toy Story (1995)"' in json.dumps(state, ensure_ascii=False)  # the recommender's pick
    if path.stem.startswith("09"):
        assert "50,000 words mapped" in text and "bank: the map keeps" in text and "400,000 words placed" in text
        assert "agreement with the true topics" in text and "LabelledVectors(n=70, dim=50" in text
        page = work / "exports" / "atlas_glove_50k.html"
        assert 1_500_000 < page.stat().st_size < 6_000_000  # issue 26's budget: at most 6 MB at 50k words (2.4)
        assert any("vizkitAtlas.create(" in html for html in snapshots.values())
    if path.stem.startswith("10"):
        assert "1,537 occurrences in" in text and "senses at layer 6" in text  # the 14 words, bank's senses
        assert "agreement with the labels (ARI)" in text
        assert "same rows: True" in text and "dask (2 workers)" in text  # the Dask run gives the local rows
    if path.stem.startswith("11"):
        assert "cos(猫, 狗) = 0.70" in text and "[13048, 11, 220, 108386, 93]" in text  # seed 003, in numbers
        assert "(5, 1536)" in text and "model: m3e-small" in text and "20,000 words mapped" in text
        assert (work / "exports" / "atlas_zh.html").stat().st_size > 500_000  # 20,000 words with their renderer
        assert "gemma-3-270m | left to right | 苹果 | -0.000 |" in text and "打电话" in text  # the decoder's lesson
    if path.stem.startswith("02"):
        page = work / "exports" / "bank_animation.html"
        assert page.stat().st_size > 1_000_000 and 'id="vizkit-animation"' in page.read_text(encoding="utf-8")
        talk = (work / "exports" / "bank_talk.html").read_text(encoding="utf-8")
        assert "vizkitPresent" in talk and talk.count('data-kind="layer"') >= 3  # the presenter's default talk


@pytest.mark.slow
def test_classroom_pages_work_offline_without_a_kernel(executed, tmp_path, browser):
    """The executed notebooks as classroom pages, in Chromium with the network blocked: the widgets'
    final states are there, and the player's animation plays on its own."""
    from conftest import OfflinePage
    from vizkit.classroom import write_page

    work, runs = executed
    pages = {}
    for stem, (nb, snapshots) in runs.items():
        pages[stem] = write_page(copy.deepcopy(nb), snapshots, tmp_path / f"{stem}.html", source=work / f"{stem}.ipynb")
        text = pages[stem].read_text(encoding="utf-8")
        assert "<script src=" not in text and "Loading widget" not in text
        assert text.count("vizkit-snapshot") >= 1
    view = OfflinePage(browser)
    try:
        page = view.page
        page.goto(pages["01_word_embeddings"].as_uri())
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 3")
        assert page.locator(".vizkit-snapshot .js-plotly-plot").count() == 1  # the explorer's map
        assert "nearest to" in page.locator(".vizkit-snapshot").inner_text()
        view.screenshot("classroom_01.png")

        page.goto(pages["02_static_vs_contextual"].as_uri())
        page.wait_for_function("document.querySelectorAll('.vizkit-snapshot .js-plotly-plot').length == 1")
        player = page.locator(".vizkit-snapshot .js-plotly-plot")
        where = ("el => Array.from(el.querySelectorAll('.scatterlayer .trace')[0].querySelectorAll('.point'))"
                 ".map(p => p.getAttribute('transform'))")  # the first sense's points on screen
        first = page.evaluate(where, player.element_handle())
        assert len(first) == 8 and len(set(first)) == 1  # the static stage: every occurrence on one point
        player.scroll_into_view_if_needed()
        player.locator(".updatemenu-button").first.click()  # plotly's own Play: no kernel needed
        page.wait_for_function(f"el => new Set(({where})(el)).size > 1", arg=player.element_handle(),
                               timeout=20_000)
        view.screenshot("classroom_02.png")

        page.goto(pages["09_atlas"].as_uri())  # the atlas view's snapshot: the live page, searchable, no kernel
        atlas = page.locator(".vizkit-snapshot .vizkit-atlas").first
        atlas.locator(".vizkit-neighbours li").first.wait_for(timeout=60_000)  # opened on its query, bank
        atlas.locator(".vizkit-search").fill("paris")
        atlas.locator(".vizkit-search").press("Enter")
        atlas.locator(".vizkit-neighbours li", has_text="france").first.wait_for(timeout=30_000)
        view.screenshot("classroom_09.png")

        page.goto(pages["11_chinese"].as_uri())  # the Chinese player's snapshot: the senses' legend in Chinese
        page.wait_for_function("document.querySelectorAll('.vizkit-snapshot .js-plotly-plot').length == 1")
        legend = page.locator(".vizkit-snapshot .js-plotly-plot .legend").text_content()
        assert "水果" in legend and "公司" in legend
        view.screenshot("classroom_11.png")
        assert view.blocked == [] and view.errors == []
    finally:
        view.close()


def test_the_classroom_folder_of_the_ten_course_notebooks_fits_in_20_mb(executed, tmp_path):
    """Issue 25's budget: the folder (pages 01-10 and the one plotly.js they share) at most 20 MB (16.2 MB now;
    57 MB when every page carried its own plotly.js)."""
    from vizkit.classroom import write_page

    work, runs = executed
    for stem, (nb, snapshots) in runs.items():
        if stem[:2] != "11":
            write_page(copy.deepcopy(nb), snapshots, tmp_path / f"{stem}.html", source=work / f"{stem}.ipynb",
                       plotlyjs="directory")
    sizes = {p.name: p.stat().st_size for p in tmp_path.iterdir()}
    assert len(sizes) == 11 and "plotly.min.js" in sizes
    assert sum(sizes.values()) <= 20_000_000, sizes
