"""Atlas budgets (issue 14): build time cold and from the cache, page size, page open time, search in the page.

Run: .venv/bin/python benchmarks/atlas.py [--sizes 50000,400000] [--skip-baseline]

Everything is measured as a user meets it, whole processes included (imports, GloVe load), in one run:

- baseline: today's ``vizkit project --top-words 50000 --method tsne`` (a CSV of the same map, no atlas);
- ``vizkit atlas --top-words N --method tsne|pca --out page.html`` into an empty cache (cold), then again
  (from the cache);
- the page opened in headless Chromium (Debian's, driven by Playwright, network blocked): seconds until the
  map is drawn and searchable; then five searches typed into the box: the answer (neighbours listed) and
  the map redrawn (zoomed, highlighted).

The 400k-word atlas uses PCA: t-SNE of the whole vocabulary is issue 15's work. Results go to
benchmarks/results/atlas.json and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
WORDS = ["king", "bank", "python", "paris", "music"]


def run_cli(args: list[str], cache: Path) -> float:
    env = dict(os.environ, VIZKIT_CACHE=str(cache))
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "vizkit", *args], check=True, env=env, capture_output=True, text=True)
    return time.perf_counter() - t


def open_page(path: Path) -> dict:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _browser import chromium, offline_context

    with chromium() as browser:
        page = offline_context(browser).new_page()
        t = time.perf_counter()
        page.goto(f"file://{path}", timeout=120_000)
        page.evaluate("() => window.vizkit.ready")
        opened = time.perf_counter() - t
        answers, draws = [], []
        for word in WORDS:
            page.fill(".vizkit-search", word)
            page.press(".vizkit-search", "Enter")
            page.wait_for_function("(w) => window.vizkit.state().query === w && window.vizkit.state().drawMs !== null",
                                   arg=word, timeout=60_000)
            state = page.evaluate("() => window.vizkit.state()")
            answers.append(state["searchMs"])
            draws.append(state["drawMs"])
        return {"open_s": opened, "decode_and_draw_ms": state["loadMs"], "search_answer_ms": statistics.median(answers),
                "search_redrawn_ms": statistics.median(draws)}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="50000,400000")
    ap.add_argument("--skip-baseline", action="store_true")
    args = ap.parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {"rows": []}
    work = Path(tempfile.mkdtemp(prefix="vizkit-atlas-bench-"))
    if not args.skip_baseline:
        report["baseline_project_tsne_50k_s"] = run_cli(
            ["project", "--top-words", "50000", "--method", "tsne", "--out", str(work / "base.csv")], work / "cache0")
        print(f"baseline: vizkit project --top-words 50000 --method tsne: {report['baseline_project_tsne_50k_s']:.1f} s",
              flush=True)
    for n in (int(s) for s in args.sizes.split(",")):
        method = "tsne" if n <= 100_000 else "pca"
        cache = work / f"cache{n}"
        page = work / f"atlas{n}.html"
        cli = ["atlas", "--top-words", str(n), "--method", method, "--out", str(page)]
        cold = run_cli(cli, cache)
        warm = run_cli(cli, cache)
        row = {"n": n, "method": method, "cold_s": cold, "from_cache_s": warm, "page_mb": page.stat().st_size / 1e6}
        row.update(open_page(page))
        report["rows"].append(row)
        print(json.dumps(row), flush=True)
    (RESULTS / "atlas.json").write_text(json.dumps(report, indent=2))
    base = report.get("baseline_project_tsne_50k_s")
    print("\n| words | map | built cold | ratio to `vizkit project` t-SNE 50k | from cache | page | opens in | "
          "search answered | map redrawn |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in report["rows"]:
        ratio = f"{r['cold_s'] / base:.2f}x" if base and r["method"] == "tsne" else ""
        print(f"| {r['n']:,} | {r['method']} | {r['cold_s']:.1f} s | {ratio} | {r['from_cache_s']:.1f} s | "
              f"{r['page_mb']:.1f} MB | {r['open_s']:.1f} s | {r['search_answer_ms']:.0f} ms | "
              f"{r['search_redrawn_ms']:.0f} ms |")
    if base:
        print(f"\nbaseline `vizkit project --top-words 50000 --method tsne`: {base:.1f} s")


if __name__ == "__main__":
    main()
