"""The notebook suite: committed clean, shaped for teaching, and runs top to bottom headless, offline."""

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def ids(paths):
    return [p.stem for p in paths]


def test_the_suite_has_its_notebooks():
    assert [p.stem for p in NOTEBOOKS][:2] == ["01_word_embeddings", "02_static_vs_contextual"]


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


def run(path, tmp_path):
    """Execute a copy of the notebook in its own folder, as a student would (kernel cwd = that folder)."""
    from nbclient import NotebookClient

    work = tmp_path / "notebooks"
    shutil.copytree(path.parent, work, ignore=shutil.ignore_patterns("exports", ".ipynb_checkpoints"))
    nb = nbformat.read(work / path.name, as_version=4)
    env_path = os.pathsep.join([os.path.dirname(sys.executable), os.environ.get("PATH", "")])
    # the python3 kernelspec starts "python": the one of this environment, with vizkit installed
    os.environ["PATH"], old = env_path, os.environ.get("PATH", "")
    try:
        NotebookClient(nb, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(work)}},
                       store_widget_state=True).execute()
    finally:
        os.environ["PATH"] = old
    return nb, work


def outputs_text(nb):
    parts = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            parts.append(o.get("text", ""))
            parts.extend(str(v) for k, v in o.get("data", {}).items() if k.startswith("text/"))
    return "\n".join(parts)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_runs_top_to_bottom_headless(path, tmp_path):
    nb, work = run(path, tmp_path)  # nbclient raises CellExecutionError on any error
    text = outputs_text(nb)
    views = [o for c in nb.cells for o in c.get("outputs", []) if WIDGET_VIEW in o.get("data", {})]
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    assert views and state, "the notebook's widgets were displayed and their state stored"
    assert all(o["data"][WIDGET_VIEW]["model_id"] in state for o in views)
    assert "Traceback" not in text
    if path.stem.startswith("01"):
        assert "prince" in text and "queen" in text  # the seed's neighbours of king
        assert "≈ queen" in json.dumps(state, ensure_ascii=False)  # the explorer's analogy label
    if path.stem.startswith("02"):
        page = work / "exports" / "bank_animation.html"
        assert page.stat().st_size > 3_000_000 and 'id="vizkit-animation"' in page.read_text(encoding="utf-8")
