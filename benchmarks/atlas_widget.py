"""The atlas widget in a real JupyterLab (issue 14): how long until it is drawn, and how fast it answers.

Run: .venv/bin/python benchmarks/atlas_widget.py [--sizes 50000,400000]

For each size a notebook builds the atlas as ``vizkit atlas --top-words N`` does (t-SNE up to 100k words, PCA
above; levels 12 and 48; seed 0) and shows ``AtlasView``. With a warm cache (``$VIZKIT_CACHE`` where
``benchmarks/atlas.py`` built the same atlases) the build is read back, so the numbers are the widget's:

- drawn: from "Run All Cells" until the widget's map is drawn (kernel: read the atlas, pack the blocks;
  comm: the binary buffers; browser: decode and draw);
- search: a word typed into the widget's box until its neighbours are listed, and until the map is redrawn;
- colour: switching to the distortion colouring until the map is redrawn.

JupyterLab and Chromium are started here on localhost (the tests' harness) and stopped afterwards.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the JupyterLab harness
sys.path.insert(0, str(ROOT / "benchmarks"))

WORDS = ["king", "bank", "python", "paris", "music"]
SCALE = 1.0


def notebook(path: Path, n: int) -> None:
    import nbformat

    method = "tsne" if n <= 100_000 else "pca"
    cells = [
        "import time\n"
        "from vizkit.atlas import Atlas\n"
        "from vizkit.sources import GloVe\n"
        "from vizkit.widgets import AtlasView\n"
        "glove = GloVe()\n"
        "t = time.perf_counter()\n"
        f"atlas = Atlas(method={method!r}, levels=(12, 48), random_state=0).fit(glove.vectors(glove.top_words({n})))\n"
        "view = AtlasView(atlas, height=600)\n"
        "print(f'kernel: atlas and widget built in {time.perf_counter() - t:.1f} s')\n"
        "view",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, path)


def measure(browser, n: int) -> dict:
    from jupyterlab_harness import lab_page, open_notebook, running_jupyterlab

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        notebook(root / "atlas.ipynb", n)
        with running_jupyterlab(root) as lab, lab_page(browser, lab) as view:
            page = view.page
            open_notebook(page, lab.url, "atlas.ipynb", timeout=120)
            t = time.perf_counter()
            page.get_by_role("menuitem", name="Run", exact=True).click()
            page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            widget = page.locator(".vizkit-atlas").first
            print("  running the notebook", flush=True)
            widget.wait_for(timeout=1_800_000)
            print("  widget shown", flush=True)
            try:
                widget.locator(".vizkit-plot .nsewdrag").first.wait_for(timeout=int(600_000 * SCALE))  # the map is drawn
            except Exception:
                page.screenshot(path="/tmp/wb.png")
                print(widget.inner_text()[:500], view.errors, flush=True)
                raise
            drawn = time.perf_counter() - t
            built = page.locator(".jp-OutputArea-output", has_text="kernel: atlas and widget built").inner_text()
            answers, redraws = [], []
            box = widget.locator(".vizkit-search")
            for word in WORDS:
                box.fill(word)
                box.press("Enter")
                widget.evaluate("""(el, w) => new Promise(done => { const t = setInterval(() => {
                    const s = el.vizkitAtlas.state(); if (s.query === w && s.drawMs !== null) { clearInterval(t); done(); } }, 20); })""",
                                word)
                state = widget.evaluate("el => el.vizkitAtlas.state()")
                answers.append(state["searchMs"])
                redraws.append(state["drawMs"])
            colour = widget.evaluate("""async el => { const t = performance.now();
                await el.vizkitAtlas.setColor('distortion'); return performance.now() - t; }""")
            assert view.blocked == [] and view.errors == [], (view.blocked, view.errors)
    return {"n": n, "drawn_s": drawn, "kernel": built.strip(), "search_answer_ms": statistics.median(answers),
            "search_redrawn_ms": statistics.median(redraws), "colour_redrawn_ms": colour}


def main(argv=None):
    from _browser import chromium

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="50000,400000")
    args = ap.parse_args(argv)
    rows = []
    with chromium() as browser:
        for n in (int(s) for s in args.sizes.split(",")):
            rows.append(measure(browser, n))
            print(rows[-1], flush=True)
    print("\n| words | widget drawn (Run All -> map) | kernel | search answered | search redrawn | colour redrawn |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['n']:,} | {r['drawn_s']:.1f} s | {r['kernel']} | {r['search_answer_ms']:.0f} ms | "
              f"{r['search_redrawn_ms']:.0f} ms | {r['colour_redrawn_ms']:.0f} ms |")


if __name__ == "__main__":
    main()
