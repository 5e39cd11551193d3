"""The atlas widget driven in a real JupyterLab at 400,000 points (issue 26's proof): search, colour, lasso.

Run: .venv/bin/python benchmarks/atlas_widget_scale.py [--words 400000] [--cache DIR]

tests/test_atlas_jupyterlab.py at scale, each step timed. A notebook builds
``Atlas(method="pca").fit(glove.vectors(glove.top_words(400000)))`` and shows ``view = AtlasView(atlas)`` beside a
label that a kernel-side observer of ``query`` and ``selected`` fills with what the kernel sees (the test's
technique: an answer that appears on the page only after a round trip through the kernel). The cells are run one
at a time, as a person would, in JupyterLab on 127.0.0.1 driven by headless Chromium (tests/jupyterlab_harness.py:
both started here and stopped afterwards; the page may only talk to that server):

- built: the cell that fits the atlas (the map; the true neighbours and clusters are computed when first needed:
  by ``AtlasView``);
- shown: the cell ``view = AtlasView(atlas)`` run until the widget's map is drawn (``el.vizkitAtlas.ready``):
  the kernel packs the page's binary blocks, they cross the comm, the browser decodes and draws them;
- (1) Python -> browser: the cell ``view.query = "king"`` run until the widget lists king's true neighbours
  (those ``atlas.neighbours("king")`` gives in the kernel), and until the kernel's label says ``query=king``;
- (2) browser -> Python: "city" typed into the widget's box + Enter until the label says ``query=city``; then a
  cell prints ``view.query``;
- (3) colour: the cell ``view.color = "distortion"`` run until the page colours by a colour bar
  (``el.vizkitAtlas.colouring().cmax !== undefined``);
- (4) lasso: Home (the search zoomed in on "city"), then a ring drawn on the map with the mouse (tests/conftest.py
  ``draw_lasso``) until the page holds the selection, until the label reports the kernel's ``view.selection()``
  of the same size, and a cell printing ``type(view.selection())`` and its length, which must equal
  ``el.vizkitAtlas.state().selected.length`` (more than 1,000 rows);
- (5) every point: Home, three wheel notches out, the Box tool dragged over the whole visible map; the same
  checks. This is the largest message from the browser to the server (the ``selected`` rows as JSON; the server
  refuses a websocket message it receives over tornado's ``websocket_max_message_size``, 10 MiB by default;
  messages it sends, such as the widget's blocks, have no such limit);
- (6) one wheel notch in with every point selected: above 300,000 points the map draws a sample while moving
  and at rest, and gives regl-scatterplot the selection again each time (whose ``select()`` drops the rows it
  does not draw one ``splice`` at a time).

Times of mouse steps are on the page's clock, from the mouse's release. For each step the longest main-thread
task (``PerformanceObserver`` "longtask") says how long the page froze. Also recorded: the bytes the widget
sends over the comm (``sum(len(b) for b in view.blocks.values())``, and the header's JSON), browser console
errors and requests that tried to leave localhost (there must be none), the server log's complaints, and a
screenshot after the lasso (benchmarks/results/atlas_widget_scale.png).

The cache (``$VIZKIT_CACHE`` of the kernel: the atlas's neighbours, clusters, map) is kept between runs in
``--cache`` (default: a folder in the system's temporary directory), so a second run reads the atlas back.
Timings are of one run on a small machine (2 cores, SwiftShader drawing WebGL on the CPU, other work running):
read them as orders of magnitude.

Results: benchmarks/results/atlas_widget_scale.json and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "vizkit-atlas-widget-scale-cache"
MIN_SELECTED = 1000
LONG_MS = 1_800_000  # a cold build of 400k points takes minutes on 2 cores

BUILD = (
    "import json, time\n"
    "from vizkit.atlas import Atlas\n"
    "from vizkit.sources import GloVe\n"
    "t = time.perf_counter()\n"
    "glove = GloVe()\n"
    "atlas = Atlas(method='pca').fit(glove.vectors(glove.top_words({n})))\n"
    "print(f'built: {{time.perf_counter() - t:.3f}} s')\n"
    "print('king:', json.dumps(atlas.neighbours('king')['label'].tolist()))"
)
SHOW = (
    "import ipywidgets as w\n"
    "from vizkit.widgets import AtlasView\n"
    "t = time.perf_counter()\n"
    "view = AtlasView(atlas)\n"
    "print(f'widget: {time.perf_counter() - t:.3f} s')\n"
    "print('comm:', json.dumps({'blocks': sum(len(b) for b in view.blocks.values()),\n"
    "                           'header': len(json.dumps(view.header)), 'points': len(atlas.points)}))\n"
    "echo = w.Label(value='nothing yet')\n"
    "def report(change):\n"
    "    frame = view.selection()\n"
    "    echo.value = f'kernel: query={view.query} selected={len(frame)}'\n"
    "view.observe(report, names=['query', 'selected'])\n"
    "w.VBox([echo, view])"
)
QUERY = "view.query = 'king'"
ECHO_QUERY = "print('kernel query:', view.query)"
COLOUR = "view.color = 'distortion'"
SELECTION = ("frame = view.selection()\n"
             "print('selection:', type(frame).__name__, len(frame), list(frame.columns)[:4])")
CELLS = [BUILD, SHOW, QUERY, ECHO_QUERY, COLOUR, SELECTION, SELECTION]

CELL = "{panel} .jp-Notebook .jp-Cell"
NEIGHBOURS_LISTED = """want => {
    const items = document.querySelectorAll('.vizkit-atlas .vizkit-neighbours li .vizkit-label');
    return items.length === want.length && [...items].every((el, i) => el.textContent === want[i]); }"""
DRAWN = "async el => { await el.vizkitAtlas.ready; return el.vizkitAtlas.state().loadMs; }"
# from the widget's display on: the page's main-thread tasks over 50 ms (PerformanceObserver "longtask"), and
# the time of the last mouse release on the widget
WATCH = """el => { window.__vizkitLong = []; window.__vizkitUp = null;
    new PerformanceObserver(l => { for (const e of l.getEntries()) window.__vizkitLong.push(e.duration); })
        .observe({type: 'longtask'});
    el.addEventListener('pointerup', () => { window.__vizkitUp = performance.now(); }, true); }"""
LONGEST = "() => Math.max(0, ...window.__vizkitLong.splice(0))"
FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
# the part of an element inside the window and every scrolled box around it (page coordinates)
VISIBLE = """el => { const r = el.getBoundingClientRect(); let x0 = r.left, y0 = r.top, x1 = r.right, y1 = r.bottom;
    for (let a = el.parentElement; a; a = a.parentElement) {
        if (!/(auto|scroll)/.test(getComputedStyle(a).overflowY)) continue;
        const q = a.getBoundingClientRect();
        x0 = Math.max(x0, q.left); y0 = Math.max(y0, q.top); x1 = Math.min(x1, q.right); y1 = Math.min(y1, q.bottom);
    }
    x1 = Math.min(x1, innerWidth); y1 = Math.min(y1, innerHeight);
    return {x: x0, y: y0, width: x1 - x0, height: y1 - y0}; }"""
# [rows selected, ms since the mouse was released] once the page's selection holds other than ``before`` rows
SELECTED = """before => { const n = document.querySelector('.vizkit-atlas').vizkitAtlas.state().selected.length;
    return n && n !== before ? [n, performance.now() - window.__vizkitUp] : null; }"""
# ms since the mouse was released, once the kernel's label reports ``text``
LABEL = """text => [...document.querySelectorAll('.jp-OutputArea-output .widget-label')]
    .some(l => l.textContent === text) ? performance.now() - window.__vizkitUp : null"""
# the page colours by a colour bar (a numeric colouring), not by a legend of clusters
COLOURED = """() => { const c = document.querySelector('.vizkit-atlas').vizkitAtlas.colouring();
    return c && c.cmax !== undefined; }"""


def notebook(path: Path, n: int) -> None:
    import nbformat

    cells = [c.format(n=n) if c is BUILD else c for c in CELLS]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, path)


# ------------------------------------------------------------------------------------------------ cells

def run_cell(page, index: int):
    """Select cell ``index`` and run it (Ctrl+Enter: run, stay); return its locator at once (the run goes on)."""
    from jupyterlab_harness import CURRENT_PANEL

    cell = page.locator(CELL.format(panel=CURRENT_PANEL)).nth(index)
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Control+Enter")
    return cell


def wait_cell(page, cell, timeout_ms: int = LONG_MS) -> str:
    """Wait until ``cell`` shows an execution count (``[7]:``, not ``[*]:`` or ``[ ]:``); return its output text."""
    prompt = cell.locator(".jp-InputArea-prompt")
    page.wait_for_function("el => /\\[\\d+\\]/.test(el.textContent)", arg=prompt.element_handle(),
                           timeout=timeout_ms, polling=100)
    text = "\n".join(cell.locator(".jp-OutputArea-output").all_inner_texts())
    if "Traceback" in text or "Error" in text:
        raise RuntimeError(f"cell {cell} failed:\n{text}")
    return text


def echo(page, text: str):
    """The kernel's label (an ipywidgets Label in an output) when it reads exactly ``text``."""
    return page.locator(".jp-OutputArea-output .widget-label").get_by_text(text, exact=True)


def selected(page, before: int) -> tuple[int, float]:
    """Wait until the page's selection holds a number of rows other than ``before``; return it and the seconds
    since the mouse was released (the page's clock: what a person waits for, the page blocked or not)."""
    n, ms = page.wait_for_function(SELECTED, arg=before, timeout=300_000, polling=50).json_value()
    return n, ms / 1000


def kernel_sees(page, rows: int) -> float:
    """Wait until the kernel's label reports ``rows`` selected (``len(view.selection())``); return the seconds
    since the mouse was released."""
    text = f"kernel: query=city selected={rows}"
    return page.wait_for_function(LABEL, arg=text, timeout=600_000, polling=50).json_value() / 1000


def longest_task(page) -> float:
    """The longest main-thread task (ms, 0 if none over 50 ms) since the last call: how long the page froze."""
    return page.evaluate(LONGEST)


def whole_map(page, widget) -> None:
    """Click the map's Home tool (the whole map again) and let it settle."""
    widget.locator(".vizkit-tool-home").click()
    page.wait_for_timeout(1500)


def box_everything(page, widget, plot) -> None:
    """Home; the map scrolled to the top of the notebook's view and three wheel notches out, around the middle of
    its visible part (every point inside that part); then the Box tool dragged from corner to corner of it (beside
    the axis strips when a semantic map shows them)."""
    whole_map(page, widget)
    plot.evaluate("el => el.scrollIntoView({block: 'start'})")
    seen = plot.evaluate(VISIBLE)
    page.mouse.move(seen["x"] + seen["width"] / 2, seen["y"] + seen["height"] / 2)
    for _ in range(3):
        page.mouse.wheel(0, 120)
        page.wait_for_timeout(300)
    page.wait_for_timeout(1500)
    widget.locator(".vizkit-tool-box").click()
    y_axis, x_axis = (widget.locator(f".vizkit-axis-{a}").first.bounding_box() for a in "yx")  # None: hidden
    x0, y0 = max(seen["x"], y_axis["x"] + y_axis["width"] if y_axis else 0) + 3, seen["y"] + 3
    x1 = seen["x"] + seen["width"] - 3
    y1 = min(seen["y"] + seen["height"], x_axis["y"] if x_axis else float("inf")) - 3
    page.mouse.move(x0, y0)
    page.mouse.down()
    for i in range(1, 13):
        page.mouse.move(x0 + (x1 - x0) * i / 12, y0 + (y1 - y0) * i / 12)
        page.wait_for_timeout(30)
    page.mouse.up()


def selection_cell(page, index: int, want: int) -> tuple[str, int]:
    """Run the cell printing ``view.selection()``'s type and length; check it is a DataFrame of ``want`` rows."""
    kind, rows = line(wait_cell(page, run_cell(page, index)), "selection:").split()[:2]
    if kind != "DataFrame" or int(rows) != want:
        raise RuntimeError(f"the kernel's selection() is a {kind} of {rows} rows; the page holds {want}")
    return kind, int(rows)


def line(text: str, prefix: str) -> str:
    """The rest of the first output line starting with ``prefix``."""
    return next(s[len(prefix):].strip() for s in text.splitlines() if s.startswith(prefix))


# ------------------------------------------------------------------------------------------------ measure

def measure(browser, lab, n: int) -> dict:
    from conftest import draw_lasso
    from jupyterlab_harness import lab_page, open_notebook, wait_for_widgets, widget_problems

    row: dict = {"n": n}
    RESULTS.mkdir(parents=True, exist_ok=True)
    shot = RESULTS / "atlas_widget_scale.png"
    shot.unlink(missing_ok=True)
    with lab_page(browser, lab) as view:
        page = view.page
        try:
            open_notebook(page, lab.url, "atlas.ipynb", timeout=120)

            t = time.perf_counter()
            out = wait_cell(page, run_cell(page, 0))
            row["build_cell_s"] = time.perf_counter() - t
            row["build_kernel_s"] = float(line(out, "built:").split()[0])
            king = json.loads(line(out, "king:"))
            print(f"  built in {row['build_cell_s']:.1f} s", flush=True)

            t = time.perf_counter()
            cell = run_cell(page, 1)
            widget = page.locator(".vizkit-atlas").first
            widget.wait_for(timeout=LONG_MS)
            wait_for_widgets(page, timeout=LONG_MS / 1000)
            row["page_load_ms"] = widget.evaluate(DRAWN)
            row["show_s"] = time.perf_counter() - t  # cell run -> widget drawn
            out = wait_cell(page, cell)
            row["widget_kernel_s"] = float(line(out, "widget:").split()[0])
            comm = json.loads(line(out, "comm:"))
            row.update(comm_blocks_bytes=comm["blocks"], comm_header_bytes=comm["header"])
            row["build_and_show_s"] = row["build_cell_s"] + row["show_s"]
            problems = widget_problems(page)
            if problems:
                raise RuntimeError(f"the widget did not render: {problems}")
            echo(page, "nothing yet").wait_for(timeout=30_000)
            widget.evaluate(WATCH)
            print(f"  shown in {row['show_s']:.1f} s", flush=True)

            print("  (1) Python -> browser: view.query = 'king'", flush=True)
            t = time.perf_counter()
            cell = run_cell(page, 2)
            page.wait_for_function(NEIGHBOURS_LISTED, arg=king, timeout=120_000, polling=50)
            row["query_to_browser_s"] = time.perf_counter() - t
            echo(page, "kernel: query=king selected=0").wait_for(timeout=120_000)
            row["query_kernel_label_s"] = time.perf_counter() - t
            wait_cell(page, cell)
            row["query_neighbours"] = len(king)
            row["query_longest_task_ms"] = longest_task(page)

            print("  (2) browser -> Python: 'city' typed in the box", flush=True)
            box = widget.locator(".vizkit-search")
            box.fill("city")
            t = time.perf_counter()
            box.press("Enter")
            echo(page, "kernel: query=city selected=0").wait_for(timeout=120_000)
            row["search_to_kernel_s"] = time.perf_counter() - t
            row["kernel_query"] = line(wait_cell(page, run_cell(page, 3)), "kernel query:")
            if row["kernel_query"] != "city":
                raise RuntimeError(f"the kernel's view.query is {row['kernel_query']!r}, not 'city'")
            row["search_longest_task_ms"] = longest_task(page)

            print("  (3) view.color = 'distortion'", flush=True)
            t = time.perf_counter()
            cell = run_cell(page, 4)
            page.wait_for_function(COLOURED, timeout=120_000, polling=50)
            row["colour_s"] = time.perf_counter() - t
            wait_cell(page, cell)
            row["page_color"] = widget.evaluate("el => el.vizkitAtlas.state().color")
            row["colour_longest_task_ms"] = longest_task(page)

            print("  (4) lasso -> view.selection()", flush=True)
            plot = widget.locator(".vizkit-plot .vizkit-canvas-box")
            whole_map(page, widget)  # the search zoomed in on "city": Home first, as a person would
            longest_task(page)
            row["lasso_ring_points"] = len(draw_lasso(page, plot))
            row["page_selected"], row["lasso_page_s"] = selected(page, 0)
            row["lasso_to_kernel_s"] = kernel_sees(page, row["page_selected"])
            row["lasso_longest_task_ms"] = longest_task(page)
            page.mouse.move(1, 1)  # off the map: no tooltip in the picture
            page.screenshot(path=str(shot))  # the lasso's points highlighted, the kernel's answer above the map
            t = time.perf_counter()
            kind, rows = selection_cell(page, 5, row["page_selected"])
            row["selection_cell_s"] = time.perf_counter() - t
            row.update(kernel_selection_type=kind, kernel_selection_rows=rows)
            if row["page_selected"] <= MIN_SELECTED:
                raise RuntimeError(f"the lasso took {row['page_selected']} points, not more than {MIN_SELECTED}")

            print("  (5) a box over the whole map -> view.selection()", flush=True)
            box_everything(page, widget, plot)
            row["all_page_selected"], row["all_page_s"] = selected(page, row["page_selected"])
            row["all_message_bytes"] = widget.evaluate(
                "el => JSON.stringify({selected: el.vizkitAtlas.state().selected}).length")
            row["all_to_kernel_s"] = kernel_sees(page, row["all_page_selected"])
            row["all_longest_task_ms"] = longest_task(page)
            t = time.perf_counter()
            selection_cell(page, 6, row["all_page_selected"])
            row["all_selection_cell_s"] = time.perf_counter() - t

            print("  (6) one wheel notch with every point selected", flush=True)
            widget.locator(".vizkit-tool-pan").click()
            plot.evaluate("el => el.scrollIntoView({block: 'start'})")  # running a cell scrolled the notebook
            seen = plot.evaluate(VISIBLE)
            page.mouse.move(seen["x"] + seen["width"] / 2, seen["y"] + seen["height"] / 2)
            longest_task(page)
            page.mouse.wheel(0, -120)
            page.wait_for_timeout(500)  # the map's rest comes 250 ms after the last move
            page.wait_for_function("() => !document.querySelector('.vizkit-atlas').vizkitAtlas.view.lod().moving",
                                   timeout=120_000, polling=100)
            for _ in range(2):  # the map at rest drawn, then the selection set again on it
                page.evaluate(FRAMES)
                page.wait_for_timeout(1000)
            row["wheel_selected_longest_task_ms"] = longest_task(page)
            row["wheel_lod"] = widget.evaluate("el => el.vizkitAtlas.view.lod()")
        except Exception as e:
            row["error"] = f"{type(e).__name__}: {str(e)[:2000]}"
        finally:
            if not shot.exists():
                page.screenshot(path=str(shot))
            row["screenshot"] = str(shot.relative_to(ROOT))
            row["browser_errors"] = list(view.errors)
            row["blocked_requests"] = list(view.blocked)
    return row


def server_complaints(log: str) -> list[str]:
    """Lines of the server log that say something went wrong (websocket closed, too big, errors)."""
    words = ("error", "too big", "too large", "max_message_size", "closed", "traceback", "exceed")
    return [s for s in log.splitlines() if any(w in s.lower() for w in words)][-20:]


# ------------------------------------------------------------------------------------------------ report

def _f(v, fmt, unit=""):
    return "–" if v is None else format(v, fmt) + unit


def table(r: dict) -> str:
    def ms(key):
        return _f(r.get(key), ".0f", " ms")

    def rows_(key):
        return f" ({r[key]:,} rows)" if r.get(key) else ""

    rows = [
        ("atlas built (cell: GloVe top words, PCA fit)", _f(r.get("build_cell_s"), ".1f", " s"), ""),
        ("widget shown (cell `view = AtlasView(atlas)` run -> map drawn)", _f(r.get("show_s"), ".1f", " s"), ""),
        ("&nbsp; of which the kernel's `AtlasView(atlas)` (true neighbours, clusters, blocks)",
         _f(r.get("widget_kernel_s"), ".1f", " s"), ""),
        ("&nbsp; of which the page decodes and draws (`loadMs`)", ms("page_load_ms"), ""),
        ("**build + display until rendered**", _f(r.get("build_and_show_s"), ".1f", " s"), ""),
        ("data over the comm: blocks (binary buffers) + header (JSON)",
         f"{_f(r.get('comm_blocks_bytes') and r['comm_blocks_bytes'] / 1e6, '.1f', ' MB')} + "
         f"{_f(r.get('comm_header_bytes') and r['comm_header_bytes'] / 1e3, '.0f', ' kB')}", ""),
        ("(1) cell `view.query = 'king'` -> king's neighbours listed", _f(r.get("query_to_browser_s"), ".2f", " s"),
         ms("query_longest_task_ms")),
        ("(1) ... -> the kernel's label says `query=king`", _f(r.get("query_kernel_label_s"), ".2f", " s"), ""),
        ("(2) 'city' + Enter in the widget's box -> the kernel's `view.query`",
         _f(r.get("search_to_kernel_s"), ".2f", " s") + (f" (`{r['kernel_query']}`)" if r.get("kernel_query") else ""),
         ms("search_longest_task_ms")),
        ("(3) cell `view.color = 'distortion'` -> colour bar on the page", _f(r.get("colour_s"), ".2f", " s"),
         ms("colour_longest_task_ms")),
        ("(4) lasso released -> selection on the page", _f(r.get("lasso_page_s"), ".2f", " s") + rows_("page_selected"),
         ms("lasso_longest_task_ms")),
        ("(4) lasso released -> the kernel's `len(view.selection())` in its label",
         _f(r.get("lasso_to_kernel_s"), ".2f", " s"), ""),
        ("(4) cell `view.selection()`", _f(r.get("selection_cell_s"), ".2f", " s")
         + (f" ({r['kernel_selection_type']} of {r['kernel_selection_rows']:,} rows)"
            if r.get("kernel_selection_type") else ""), ""),
        ("(5) box over the whole map released -> selection on the page", _f(r.get("all_page_s"), ".2f", " s")
         + (f" ({r['all_page_selected']:,} of {r['n']:,} rows)" if r.get("all_page_selected") else ""),
         ms("all_longest_task_ms")),
        ("(5) ... -> the kernel's `len(view.selection())` in its label", _f(r.get("all_to_kernel_s"), ".2f", " s")
         + (f" (message of {r['all_message_bytes'] / 1e6:.1f} MB of JSON)" if r.get("all_message_bytes") else ""), ""),
        ("(5) cell `view.selection()`", _f(r.get("all_selection_cell_s"), ".2f", " s"), ""),
        ("(6) one wheel notch with every point selected", "", ms("wheel_selected_longest_task_ms")),
        ("browser errors / requests off localhost", f"{len(r.get('browser_errors', []))} / "
                                                     f"{len(r.get('blocked_requests', []))}", ""),
    ]
    out = [f"| {r['n']:,} points | time | page frozen for (longest task) |", "|---|---|---|"]
    out += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    if "error" in r:
        out.append(f"| FAILED | {r['error'].splitlines()[0][:300]} | |")
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=400_000, help="GloVe's N most frequent words (default 400000)")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                    help=f"the kernel's VIZKIT_CACHE, kept between runs (default {DEFAULT_CACHE})")
    args = ap.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    warm = any(args.cache.iterdir())
    os.environ["VIZKIT_CACHE"] = str(args.cache)  # before conftest is imported: the kernel inherits it
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "benchmarks")]  # the harness; _browser
    from _browser import chromium
    from _meta import commit
    from jupyterlab_harness import running_jupyterlab

    report = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                          "cpus": os.cpu_count(), "load_average": os.getloadavg()},
              "commit": commit(), "cache": str(args.cache), "cache_warm_at_start": warm}
    with tempfile.TemporaryDirectory(prefix="vizkit-atlas-widget-scale-") as tmp:
        notebook(Path(tmp) / "atlas.ipynb", args.words)
        with chromium() as browser, running_jupyterlab(tmp) as lab:
            print(f"JupyterLab at {lab.url}; {args.words:,} words; cache {args.cache} "
                  f"({'warm' if warm else 'empty'})", flush=True)
            row = measure(browser, lab, args.words)
            row["server_complaints"] = server_complaints(lab.log)
    report.update(row)
    report["time"] = time.strftime("%Y-%m-%d %H:%M:%S")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "atlas_widget_scale.json").write_text(json.dumps(report, indent=2))
    print()
    print(table(report))
    for what in ("browser_errors", "blocked_requests", "server_complaints"):
        if report.get(what):
            print(f"\n{what}:\n  " + "\n  ".join(map(str, report[what])))
    print(f"\nwritten to {RESULTS / 'atlas_widget_scale.json'}")
    failed = "error" in report or report["browser_errors"] or report["blocked_requests"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
