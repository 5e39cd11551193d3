"""Notebooks run headless: a fresh kernel in the notebook's folder, the widgets' snapshots taken after the last cell."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from ..errors import InputError, VizkitError, require
from .pages import notebook_title

_MARK = "@@vizkit-classroom-snapshots@@"

# Runs in the notebook's kernel after its last cell; its cell never reaches the page.
# Besides the vizkit widgets, any live plotly FigureWidget is drawn from its Python side:
# the stored widget state keeps a FigureWidget as first shown (later changes travel as messages).
SNAPSHOT_CODE = f"""\
def _vizkit_classroom_snapshots():
    import sys
    snaps = {{}}
    try:
        from vizkit.widgets._snapshot import figure_html, snapshots
    except ImportError:
        return snaps
    if "plotly.graph_objs" in sys.modules and "ipywidgets" in sys.modules:
        from ipywidgets.widgets.widget import _instances
        from plotly.graph_objs import Figure, FigureWidget
        for mid, w in list(_instances.items()):
            if isinstance(w, FigureWidget):
                snaps[mid] = figure_html(Figure(w))
    snaps.update(snapshots())
    return snaps
# In lines of at most 4000 characters: nbclient's stream clean-up is quadratic in the length of a line.
print({_MARK!r} + __import__("json").dumps({{mid: [html[i:i + 4000] for i in range(0, len(html), 4000)]
                                            for mid, html in _vizkit_classroom_snapshots().items()}}, indent=0))
del _vizkit_classroom_snapshots
"""


def execute_notebook(path, *, timeout: int = 600, progress: bool = True, lang: str | None = None):
    """Run the notebook at ``path`` top to bottom in its own folder, its kernel speaking ``lang``.

    The kernel gets ``VIZKIT_LANG`` set to ``lang`` (default: this process's language), so the
    widgets, figures and pages the notebook makes are in the language of the export.

    Returns the executed notebook (outputs, widget state in its metadata) and
    the vizkit widgets' snapshots ``{model_id: html}`` taken after the last cell.
    Raises ``VizkitError`` naming the cell that failed.
    """
    path = _notebook_path(path)
    nb = _read(path)
    snapshots = _execute(nb, path, timeout=timeout, progress=progress, lang=lang)
    nb.metadata["title"] = notebook_title(nb, default=path.stem)
    return nb, snapshots


def _notebook_path(path) -> Path:
    path = Path(path)
    if not path.exists():
        raise InputError(f"no such notebook or folder: {path}")
    if path.suffix != ".ipynb":
        raise InputError(f"not a notebook: {path} (expected a .ipynb file or a folder of them)")
    return path


def _read(path: Path):
    nbformat = require("nbformat", "notebooks")
    try:
        return nbformat.read(path, as_version=4)
    except Exception as exc:  # json or schema errors: the file is not a usable notebook
        raise InputError(f"cannot read the notebook {path}: {str(exc).splitlines()[0]}") from exc


def _kernel_env(lang: str | None = None) -> dict[str, str]:
    """The caller's environment with this Python first on PATH (the kernelspec starts "python") and
    ``VIZKIT_LANG`` the language ``lang`` resolves to (the kernel speaks the export's language)."""
    from ..render.language import resolve

    env = dict(os.environ)
    env["VIZKIT_LANG"] = resolve(lang)
    env["PATH"] = os.pathsep.join(p for p in (os.path.dirname(sys.executable), env.get("PATH")) if p)
    # what JupyterLab gets; without it a VS Code terminal's VSCODE_PID would pick the "vscode" renderer
    env.setdefault("PLOTLY_RENDERER", "plotly_mimetype")
    return env


def _encryption(client) -> dict:
    """Encrypt the kernel's local TCP traffic where jupyter_client can (8.10+), which also silences its warning."""
    import zmq

    if zmq.has("curve") and "transport_encryption" in client.kernel_manager_class.class_trait_names():
        return {"transport_encryption": "auto"}
    return {}


def _execute(nb, path: Path, *, timeout: int, progress: bool, lang: str | None = None) -> dict[str, str]:
    """Execute ``nb`` in place (outputs, widget state) and return the vizkit widgets' snapshots."""
    nbclient = require("nbclient", "notebooks")
    nbformat = require("nbformat", "notebooks")
    from jupyter_client.kernelspec import NoSuchKernel
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from tqdm.auto import tqdm

    n_cells = len(nb.cells)
    nb.cells.append(nbformat.v4.new_code_cell(SNAPSHOT_CODE))
    where = {"index": None}
    bar = tqdm(total=sum(1 for c in nb.cells[:n_cells] if c.cell_type == "code" and c.source.strip()),
               desc=path.name, unit="cell", disable=not progress)

    def on_start(cell, cell_index):
        where["index"] = cell_index

    def on_executed(cell, cell_index, execute_reply):
        if cell_index < n_cells and (execute_reply or {}).get("content", {}).get("status") == "ok":
            bar.update(1)

    client = nbclient.NotebookClient(
        nb, timeout=timeout, kernel_name="python3", store_widget_state=True, coalesce_streams=True,
        resources={"metadata": {"path": str(path.resolve().parent)}},
        on_cell_start=on_start, on_cell_executed=on_executed)
    ok = False
    try:
        client.execute(env=_kernel_env(lang), **_encryption(client))
        ok = True
    except CellTimeoutError as exc:
        raise VizkitError(f"{path}: {_cell_name(nb, where['index'], n_cells)} did not finish within {timeout} s; "
                          "allow longer with timeout= (vizkit classroom --timeout SECONDS)") from exc
    except CellExecutionError as exc:
        msg = f"{path}: {_cell_name(nb, where['index'], n_cells)} raised {exc.ename}"
        evalue = " ".join(str(exc.evalue).split())
        raise VizkitError(msg + (f": {evalue}" if evalue else "")
                          + "; fix it and run the notebook in JupyterLab to see the traceback") from exc
    except DeadKernelError as exc:
        raise VizkitError(f"{path}: the kernel died in {_cell_name(nb, where['index'], n_cells)} "
                          "(out of memory?)") from exc
    except NoSuchKernel as exc:
        raise VizkitError("no python3 Jupyter kernel is installed; install it with: "
                          "pip install 'vizkit[notebooks]'") from exc
    finally:
        bar.leave = ok  # a failed run leaves only its error message on the terminal
        bar.close()
    hidden = nb.cells.pop()
    text = "".join(o.get("text", "") for o in hidden.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")
    if _MARK not in text:
        raise VizkitError(f"{path}: the snapshots of the widgets could not be read after the last cell")
    return {mid: "".join(lines) for mid, lines in json.loads(text.rsplit(_MARK, 1)[1]).items()}


def _cell_name(nb, index, n_cells: int) -> str:
    if index is None:
        return "the kernel start"
    if index >= n_cells:
        return "taking the snapshots of the vizkit widgets after the last cell"
    first = next((line.strip() for line in nb.cells[index].source.splitlines() if line.strip()), "")
    first = first if len(first) <= 60 else first[:57] + "..."
    return f"cell {index + 1} ({first!r})"
