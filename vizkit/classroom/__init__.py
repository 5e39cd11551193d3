"""Notebooks rendered to static classroom pages: run headless, widgets frozen in their final state.

Each notebook is executed top to bottom in a fresh ``python3`` kernel (working
directory: the notebook's folder) and written as one HTML page that opens in a
browser with no kernel and no network. Nothing on the page is fetched: no
require.js, no MathJax (TeX stays as text), no widget loader from a CDN;
plotly.js is inlined once in the head when the page has a figure.

What replaces what:

- a vizkit widget -> its snapshot (``vizkit.widgets._snapshot``): the current
  figure, still interactive, and the current values;
- a plain ipywidgets control -> its text fallback, or nothing when that is only
  a repr such as ``IntSlider(value=3)``; a tqdm bar -> its final state;
- a plotly figure (``plotly_mimetype`` or ``notebook`` renderer) -> the figure
  drawn with the page's plotly.js.

The widget state travels with the page as an inert
``<script type="application/vnd.jupyter.widget-state+json">`` block.

Needs the ``notebooks`` extra (nbclient, nbconvert, ipykernel, ipywidgets).

Examples
--------
>>> from vizkit.classroom import render_notebooks
>>> pages = render_notebooks(["notebooks"], "classroom")  # doctest: +SKIP
>>> [p.name for p in pages]  # doctest: +SKIP
['01_word_embeddings.html', '02_static_vs_contextual.html', 'index.html']
"""

from __future__ import annotations

import html
import json
import os
import re
import sys
import warnings
from pathlib import Path

from ..errors import InputError, VizkitError, VizkitWarning, require

__all__ = ["execute_notebook", "render_notebook", "render_notebooks", "write_page"]

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
PLOTLY_JSON = "application/vnd.plotly.v1+json"

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
print({_MARK!r} + __import__("json").dumps(_vizkit_classroom_snapshots()))
del _vizkit_classroom_snapshots
"""

# The lab template with every block that loads something from the network emptied.
TEMPLATE_NAME = "vizkit_classroom.html.j2"
TEMPLATE = """\
{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}
{%- if resources.vizkit_plotlyjs %}
<script type="text/javascript">window.PlotlyConfig = {MathJaxConfig: 'local'};</script>
<script type="text/javascript">{{ resources.vizkit_plotlyjs }}</script>
{%- endif %}
{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block data_widget_view scoped %}{%- endblock data_widget_view -%}
"""

# `IntSlider(value=3)`, `HBox(children=(...))`: a repr that says nothing without the widget.
_BARE_REPR = re.compile(r"^\s*[A-Za-z_][\w.]*\(.*\)\s*$", re.DOTALL)
_EXTERNAL_SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>.*?</script\s*>",
                              re.DOTALL | re.IGNORECASE)
_EXTERNAL_REF = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio|embed|object|track)\b[^>]*?\b(?:src|href|data|poster)\s*=\s*"
    r"[\"']?((?:https?:)?//[^\"'\s>]+)"
    r"|@import\s+(?:url\()?\s*[\"']?((?:https?:)?//[^\"')\s]+)"
    r"|url\(\s*[\"']?((?:https?:)?//[^\"')\s]+)", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def render_notebook(path, out_dir, *, timeout: int = 600, progress: bool = True) -> Path:
    """Run the notebook at ``path`` headless and write it as a static page ``out_dir/<stem>.html``.

    Parameters
    ----------
    path : str or Path
        An ``.ipynb`` file. It runs in its own folder, so its relative paths work.
    out_dir : str or Path
        Folder to write into (created if needed).
    timeout : int, default 600
        Seconds one cell may run.
    progress : bool, default True
        Show a progress bar over the cells.

    Returns
    -------
    Path
        The page written.

    Raises
    ------
    VizkitError
        A cell failed or timed out; the message names the notebook and the cell.
    """
    path = _notebook_path(path)
    nb, snapshots = execute_notebook(path, timeout=timeout, progress=progress)
    return write_page(nb, snapshots, Path(out_dir) / f"{path.stem}.html", source=path)


def execute_notebook(path, *, timeout: int = 600, progress: bool = True):
    """Run the notebook at ``path`` top to bottom in its own folder.

    Returns the executed notebook (outputs, widget state in its metadata) and
    the vizkit widgets' snapshots ``{model_id: html}`` taken after the last cell.
    Raises ``VizkitError`` naming the cell that failed.
    """
    path = _notebook_path(path)
    nb = _read(path)
    snapshots = _execute(nb, path, timeout=timeout, progress=progress)
    nb.metadata["title"] = notebook_title(nb, default=path.stem)
    return nb, snapshots


def write_page(nb, snapshots: dict[str, str], out, *, source) -> Path:
    """Write an executed notebook as a static offline page ``out``.

    ``source`` is the notebook's path (its folder resolves the images of the
    markdown cells). ``nb`` is changed: its outputs are rewritten.
    """
    out = Path(out)
    has_plotly = _rewrite_outputs(nb, snapshots)
    _slim_widget_state(nb)
    plotlyjs = ""
    if has_plotly:
        from plotly.offline import get_plotlyjs

        plotlyjs = get_plotlyjs()
    page = _to_html(nb, Path(source), plotlyjs=plotlyjs)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    refs = external_refs(page.replace(plotlyjs, "") if plotlyjs else page)  # plotly.js names tile servers
    if refs:
        warnings.warn(f"{out.name} refers to {len(refs)} network resource(s) that will not load offline: "
                      + ", ".join(refs[:3]) + (" ..." if len(refs) > 3 else ""), VizkitWarning, stacklevel=2)
    return out


def render_notebooks(paths, out_dir, *, timeout: int = 600, progress: bool = True) -> list[Path]:
    """Render several notebooks (a folder means its ``*.ipynb``) and an ``index.html`` linking them.

    Returns the pages written, one per notebook in order, then the index.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    notebooks = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(q for q in p.glob("*.ipynb") if not q.name.startswith("."))
            if not found:
                raise InputError(f"no notebooks (*.ipynb) in the folder {p}")
            notebooks.extend(found)
        else:
            notebooks.append(_notebook_path(p))
    if not notebooks:
        raise InputError("no notebooks given")
    seen = {}
    for nb in notebooks:
        if nb.stem in seen and seen[nb.stem].resolve() != nb.resolve():
            raise InputError(f"two notebooks would both be written as {nb.stem}.html: {seen[nb.stem]} and {nb}; "
                             "render them into different folders")
        seen[nb.stem] = nb
    notebooks = list(dict.fromkeys(seen.values()))
    pages = [render_notebook(nb, out_dir, timeout=timeout, progress=progress) for nb in notebooks]
    titles = [notebook_title(_read(nb), default=nb.stem) for nb in notebooks]
    return pages + [write_index(pages, titles, Path(out_dir) / "index.html")]


def write_index(pages, titles, path) -> Path:
    """An ``index.html`` in the pages' folder linking each page under its title."""
    items = "\n".join(f'<li><a href="{html.escape(Path(p).name)}">{html.escape(t)}</a></li>'
                      for p, t in zip(pages, titles))
    path = Path(path)
    path.write_text(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>vizkit notebooks</title>
<style>body {{ font: 16px/1.5 sans-serif; margin: 2em auto; max-width: 48em; padding: 0 1em; }}</style>
</head><body>
<h1>vizkit notebooks</h1>
<p>Each page is a notebook run to the end, its widgets shown in their final state. No kernel or network needed.</p>
<ul>
{items}
</ul>
</body></html>
""", encoding="utf-8")
    return path


def notebook_title(nb, default: str = "notebook") -> str:
    """The text of the notebook's first markdown heading, without markdown markup."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = _HEADING.search(cell.source)
            if m:
                text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", m.group(1))  # links and images
                text = re.sub(r"<[^>]*>", "", text)
                return re.sub(r"[*_`]+", "", text).strip() or default
    return default


def external_refs(page: str) -> list[str]:
    """Network addresses a page would load when opened (scripts, styles, images, frames)."""
    return [next(g for g in m.groups() if g) for m in _EXTERNAL_REF.finditer(page)]


# ------------------------------------------------------------------ execution
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


def _kernel_env() -> dict[str, str]:
    """The caller's environment with this Python first on PATH (the kernelspec starts "python")."""
    env = dict(os.environ)
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


def _execute(nb, path: Path, *, timeout: int, progress: bool) -> dict[str, str]:
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
        client.execute(env=_kernel_env(), **_encryption(client))
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
    return json.loads(text.rsplit(_MARK, 1)[1])


def _cell_name(nb, index, n_cells: int) -> str:
    if index is None:
        return "the kernel start"
    if index >= n_cells:
        return "taking the snapshots of the vizkit widgets after the last cell"
    first = next((line.strip() for line in nb.cells[index].source.splitlines() if line.strip()), "")
    first = first if len(first) <= 60 else first[:57] + "..."
    return f"cell {index + 1} ({first!r})"


# ------------------------------------------------------------------ outputs
def _rewrite_outputs(nb, snapshots: dict[str, str]) -> bool:
    """Replace widget views and plotly bundles by static HTML; return whether any figure is left."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    has_plotly = False
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            out = _rewrite_output(out, snapshots, state)
            if out is not None:
                outputs.append(out)
                has_plotly = has_plotly or "Plotly.newPlot(" in out.get("data", {}).get("text/html", "")
        cell.outputs = outputs
    return has_plotly


def _rewrite_output(out, snapshots, state):
    if out.get("output_type") not in ("display_data", "execute_result"):
        return out
    data = out.get("data", {})
    if WIDGET_VIEW in data:
        fragment = _widget_html(data[WIDGET_VIEW].get("model_id", ""), snapshots, state)
        if fragment is not None:
            return _with_data(out, {"text/html": fragment})
        text = data.get("text/plain", "")
        return None if not text.strip() or _BARE_REPR.match(text) else _with_data(out, {"text/plain": text})
    if PLOTLY_JSON in data:
        return _with_data(out, {"text/html": _plotly_html(data[PLOTLY_JSON])})
    if "text/html" in data:
        fragment = data["text/html"]
        fragment = "".join(fragment) if isinstance(fragment, list) else fragment
        if "window.PlotlyConfig" in fragment and "Plotly.newPlot(" not in fragment:
            return None  # the notebook renderer's set-up: plotly.js again, or an import from the CDN
        cleaned = _EXTERNAL_SCRIPT.sub("", fragment)  # e.g. MathJax from cdnjs in the notebook renderer's figures
        if cleaned != fragment:
            return _with_data(out, {**data, "text/html": cleaned})
    return out


def _with_data(out, data):
    out = out.copy()
    out["data"] = data
    out["metadata"] = {}
    return out


def _plotly_html(fig: dict) -> str:
    import plotly.io as pio

    figure = {k: v for k, v in fig.items() if k in ("data", "layout", "frames")}
    return pio.to_html(figure, include_plotlyjs=False, full_html=False, config=fig.get("config") or None,
                       auto_play=False, validate=False)


def _widget_html(model_id: str, snapshots, state) -> str | None:
    """A displayed widget as static HTML: its snapshot, its vizkit children's, or its plain final state."""
    if model_id in snapshots:
        return snapshots[model_id]
    inner = _inner_snapshots(model_id, snapshots, state, set())
    if inner:
        return "\n".join(inner)
    return _static_widget(model_id, state)


def _children(model_id, state) -> list[str]:
    kids = state.get(model_id, {}).get("state", {}).get("children") or []
    return [k[len("IPY_MODEL_"):] for k in kids if isinstance(k, str) and k.startswith("IPY_MODEL_")]


def _inner_snapshots(model_id, snapshots, state, seen) -> list[str]:
    """Snapshots of the vizkit widgets inside a container, in display order (not those inside them)."""
    found = []
    for kid in _children(model_id, state):
        if kid not in seen:
            seen.add(kid)
            found.extend([snapshots[kid]] if kid in snapshots else _inner_snapshots(kid, snapshots, state, seen))
    return found


def _static_widget(model_id, state) -> str | None:
    """Boxes of labels, HTML and progress bars (a tqdm bar) drawn from their final state, else None."""
    model = state.get(model_id)
    if model is None:
        return None
    s, name = model.get("state", {}), model.get("model_name", "")
    if name in ("HBoxModel", "VBoxModel", "BoxModel"):
        parts = [_static_widget(k, state) for k in _children(model_id, state)]
        if not parts or any(p is None for p in parts):
            return None
        direction = "row" if name == "HBoxModel" else "column"
        return (f'<div class="vizkit-static-widget" style="display:flex; flex-direction:{direction}; '
                f'gap:0.5em; align-items:center">' + "".join(parts) + "</div>")
    if name == "HTMLModel":
        return f"<span>{s.get('value') or ''}</span>"
    if name == "LabelModel":
        return f"<span>{html.escape(str(s.get('value') or ''))}</span>"
    if name in ("FloatProgressModel", "IntProgressModel"):
        return (f'<progress value="{float(s.get("value") or 0):g}" max="{float(s.get("max") or 100):g}">'
                f'{float(s.get("value") or 0):g}</progress>')
    return None


def _slim_widget_state(nb) -> None:
    """Drop anywidget front-end code (``_esm``, ``_css``) from the embedded state: a FigureWidget's is 5 MB."""
    for model in nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {}).values():
        s = model.get("state", {})
        for key in ("_esm", "_css"):
            if isinstance(s.get(key), str) and s[key]:
                s[key] = ""


# ------------------------------------------------------------------ HTML
def _to_html(nb, path: Path, *, plotlyjs: str = "") -> str:
    """The lab template without network resources; ``plotlyjs`` (the library's source) inlined in the head."""
    require("nbconvert", "notebooks")
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", template_file=TEMPLATE_NAME,
                            extra_loaders=[DictLoader({TEMPLATE_NAME: TEMPLATE})], embed_images=True)
    resources = {"metadata": {"name": path.stem, "path": str(path.resolve().parent)}, "vizkit_plotlyjs": plotlyjs}
    page, _ = exporter.from_notebook_node(nb, resources=resources)
    return page
