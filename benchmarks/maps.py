"""Map benchmark: whole-process time of a 2-D map of the top-N GloVe words, vizkit vs stock libraries.

Run: .venv/bin/python benchmarks/maps.py [--sizes 2000,10000,100000] [--methods pca,tsne,umap,opentsne,umap-learn,pacmap]
     [--repeat 1] [--skip-stock] [--stock-max 100000]
e.g. `--sizes 400000 --methods tsne` maps the whole vocabulary (takes minutes). Every run is a fresh process,
timed as a user sees it (interpreter start, imports, GloVe load, fit, writing the result): vizkit runs are
`python -m vizkit project --top-words N --method M --seed 0` with VIZKIT_CACHE pointing at a new empty folder,
so the map cache never answers; stock runs load the same words through vizkit and call the library directly.
Times are medians over --repeat runs; peak memory is the child's own VmHWM. Trustworthiness uses
k=10 neighbours, cosine in the original space, at most 5000 query points. Timings on a shared machine are noisy,
so compare the ratios (measured in the same run) rather than the seconds.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from _results import PEAK, save  # benchmarks/_results.py (scripts run from this folder)

COLUMNS = {"pca": "vizkit PCA", "tsne": "vizkit t-SNE", "umap": "vizkit UMAP",
           "opentsne": "stock openTSNE", "umap-learn": "stock umap-learn", "pacmap": "PaCMAP"}
STOCK = {  # the fit line of each stock library; X is the (N, 50) GloVe matrix
    "opentsne": 'import openTSNE; Y = openTSNE.TSNE(metric="cosine", n_jobs=2, random_state=0).fit(X)',
    "umap-learn": 'import umap; Y = umap.UMAP(metric="cosine", random_state=0).fit_transform(X)',
    "pacmap": 'import pacmap; Y = pacmap.PaCMAP(n_components=2, distance="angular", random_state=0).fit_transform(X)',
}
STOCK_SNIPPET = """import sys, numpy as np
from vizkit.sources import GloVe
g = GloVe(); X = g.vectors(g.top_words(int(sys.argv[1]))).vectors
{fit}
np.save(sys.argv[2], np.asarray(Y))
"""
RATIOS = [("tsne", "opentsne"), ("umap", "umap-learn")] + [(m, "pca") for m in COLUMNS if m != "pca"]


def run_child(code: str, args: list[str], tmp: Path) -> tuple[float, float]:
    """Run python code in a fresh process with an empty VIZKIT_CACHE; return (wall seconds, peak RSS in MB)."""
    env = dict(os.environ, VIZKIT_CACHE=str(tmp / "cache"))
    cmd = [sys.executable, "-c", PEAK + code, str(tmp / "peak-kb"), *args]
    with open(tmp / "stdout", "w") as out, open(tmp / "stderr", "w") as err:
        t = time.perf_counter()
        proc = subprocess.run(cmd, stdout=out, stderr=err, env=env)
        secs = time.perf_counter() - t
    if proc.returncode != 0:
        tail = (tmp / "stderr").read_text().strip().splitlines()[-5:]
        raise RuntimeError(f"{' '.join(args[:4])} ... exited with {proc.returncode}:\n  " + "\n  ".join(tail))
    return secs, int((tmp / "peak-kb").read_text()) / 1024


def one_map(method: str, n: int, tmp: Path) -> tuple[float, float, np.ndarray, list[str] | None]:
    """Time one map in a fresh process; return (seconds, peak MB, coordinates, labels or None)."""
    if method in STOCK:
        out = tmp / "map.npy"
        secs, mb = run_child(STOCK_SNIPPET.format(fit=STOCK[method]), [str(n), str(out)], tmp)
        return secs, mb, np.load(out), None
    out = tmp / "map.csv"
    secs, mb = run_child("import runpy; sys.argv[0] = 'vizkit'; runpy.run_module('vizkit', run_name='__main__')",
                         ["project", "--top-words", str(n), "--method", method, "--seed", "0", "--out", str(out)], tmp)
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))[1:]  # csv, not pandas: words like "nan" and "null" must stay strings
    return secs, mb, np.array([[float(x), float(y)] for _, x, y in rows]), [r[0] for r in rows]


def bench(method: str, n: int, repeat: int, glove) -> dict:
    from vizkit.projection import trustworthiness

    times, mbs = [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="vizkit-maps-") as tmp:
            secs, mb, Y, labels = one_map(method, n, Path(tmp))
        times.append(secs)
        mbs.append(mb)
    words = glove.top_words(n)
    if labels is not None and labels != words:
        raise RuntimeError(f"vizkit {method} at n={n}: CSV rows are not the top {n} words in order")
    X = glove.vectors(words).vectors
    # chunk only bounds the parent's memory (about chunk x n floats per matrix); the score is the same
    tw = trustworthiness(X, Y, n_neighbors=10, chunk=max(16, min(512, 20_000_000 // n)))
    return {"n": n, "method": method, "seconds": round(statistics.median(times), 2),
            "all_seconds": [round(s, 2) for s in times], "trustworthiness": round(tw, 4),
            "peak_memory_mb": round(max(mbs))}


def markdown(header: list[str], rows: list[list[str]]) -> str:
    lines = [header, ["---"] * len(header)] + rows
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="2000,10000,100000")
    ap.add_argument("--methods", default=",".join(COLUMNS), help=f"any of {','.join(COLUMNS)}")
    ap.add_argument("--repeat", type=int, default=1, help="runs per cell; the median time is reported")
    ap.add_argument("--skip-stock", action="store_true", help="leave out openTSNE, umap-learn and PaCMAP")
    ap.add_argument("--stock-max", type=int, default=100_000, help="skip stock libraries above this many words")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    methods = [m.strip() for m in args.methods.split(",")]
    unknown = [m for m in methods if m not in COLUMNS]
    if unknown:
        ap.error(f"unknown method(s) {unknown}; choose from {','.join(COLUMNS)}")
    if args.skip_stock:
        methods = [m for m in methods if m not in STOCK]

    from vizkit.sources import GloVe

    glove = GloVe()
    cells: dict = {}  # (n, method) -> result dict, or a string saying why there is none
    for n in sizes:
        for m in methods:
            if m == "pacmap" and importlib.util.find_spec("pacmap") is None:
                cells[n, m] = "not installed"
            elif m in STOCK and n > args.stock_max:
                cells[n, m] = f"skipped (> {args.stock_max})"
            else:
                print(f"  {COLUMNS[m]:16s} n={n:6d} ...", end=" ", flush=True)
                try:
                    cells[n, m] = r = bench(m, n, args.repeat, glove)
                    print(f"{r['seconds']:8.2f} s  T={r['trustworthiness']:.3f}  {r['peak_memory_mb']} MB", flush=True)
                except RuntimeError as exc:
                    cells[n, m] = "failed"
                    print(f"failed\n  {exc}", flush=True)

    def secs(n, m):
        r = cells.get((n, m))
        return r["seconds"] if isinstance(r, dict) else None

    def table(fmt):
        return markdown(["words"] + [COLUMNS[m] for m in methods],
                        [[f"{n:,}"] + [fmt(c) if isinstance(c := cells[n, m], dict) else c for m in methods]
                         for n in sizes])

    ratios = {(a, b): {n: round(secs(n, a) / secs(n, b), 2) for n in sizes if secs(n, a) and secs(n, b)}
              for a, b in RATIOS}
    ratios = {k: v for k, v in ratios.items() if v}
    print("\nWhole-process time and trustworthiness (k=10, cosine)\n")
    print(table(lambda r: f"{r['seconds']:.1f} s, {r['trustworthiness']:.3f}"))
    if ratios:
        print("\nTime ratios (same run, same N)\n")
        print(markdown(["words"] + [f"{COLUMNS[a]} / {COLUMNS[b]}" for a, b in ratios],
                       [[f"{n:,}"] + [f"{v[n]:.2f}" if n in v else "-" for v in ratios.values()] for n in sizes]))
    print("\nPeak memory of the process\n")
    print(table(lambda r: f"{r['peak_memory_mb']:,} MB"))

    report = {"sizes": sizes, "methods": methods, "repeat": args.repeat, "stock_max": args.stock_max,
              "runs": [c for c in cells.values() if isinstance(c, dict)],
              "not_run": {f"{m} n={n}": c for (n, m), c in cells.items() if not isinstance(c, dict)},
              "ratios": {f"{a} / {b}": v for (a, b), v in ratios.items()}}
    save("maps", report)


if __name__ == "__main__":
    main()
