"""Page sizes and open times (issue 25): plotly's partial bundles against the full plotly.js, in one run.

Run: .venv/bin/python benchmarks/pages.py [--runs 5]

For the bank animation (2-D, 7 frames) and its 3-D twin, each page is written with every plotly.js bundle
that draws it (the one vizkit chooses, and the full 4.8 MB one plotly.py ships), then opened in headless
Chromium (Debian's, network blocked) ``--runs`` times: seconds until plotly has drawn the figure. Sizes and
median open times go to benchmarks/results/pages-<time>.json and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def open_times(path: Path, runs: int) -> list[float]:
    from _browser import chromium, offline_context

    times = []
    with chromium() as browser:
        for _ in range(runs):
            context = offline_context(browser)
            page = context.new_page()
            t = time.perf_counter()
            page.goto(f"file://{path}", timeout=120_000)
            page.wait_for_function("() => document.querySelector('.js-plotly-plot .main-svg') !== null "
                                   "&& window.vizkit && window.vizkit.frameNames.length > 0", timeout=120_000)
            times.append(time.perf_counter() - t)
            context.close()
    return times


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    from _results import save

    from vizkit.datasets import sentence_sets
    from vizkit.polysemy import animation_figure, polysemy_frames
    from vizkit.render import plotlyjs, write_html
    from vizkit.sources import LLM

    s = sentence_sets.load("bank")
    llm = LLM()
    figures = {"bank 2-D": animation_figure(polysemy_frames("bank", s.sentences, s.senses, llm=llm)),
               "bank 3-D": animation_figure(polysemy_frames("bank", s.sentences, s.senses, llm=llm, n_components=3))}
    rows = []
    chosen_for = plotlyjs.bundle_for
    with tempfile.TemporaryDirectory() as tmp:
        for name, fig in figures.items():
            chosen = chosen_for([fig])
            for bundle in dict.fromkeys([chosen, plotlyjs.FULL]):
                plotlyjs.bundle_for = lambda figures=None, types=None, b=bundle: b  # force this bundle
                try:
                    path = Path(write_html(fig, Path(tmp) / f"{name.replace(' ', '_')}_{bundle}.html"))
                finally:
                    plotlyjs.bundle_for = chosen_for
                times = open_times(path, args.runs)
                rows.append({"page": name, "bundle": bundle, "chosen": bundle == chosen,
                             "bytes": path.stat().st_size, "open_s": statistics.median(times), "runs": times})
    full = {r["page"]: r for r in rows if r["bundle"] == plotlyjs.FULL}
    print("| page | plotly.js bundle | page size | opens in (median) | vs full |")
    print("|---|---|---|---|---|")
    for r in rows:
        ratio = r["open_s"] / full[r["page"]]["open_s"]
        print(f"| {r['page']} | {r['bundle']}{' (chosen)' if r['chosen'] else ''} | {r['bytes'] / 1e6:.2f} MB | "
              f"{r['open_s']:.2f} s | {ratio:.2f}x |")
    save("pages", {"rows": rows})


if __name__ == "__main__":
    main()
