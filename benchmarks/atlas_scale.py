"""The atlas at a million points (issue 26): build time, peak memory, and where the page's bytes go.

Run: .venv/bin/python benchmarks/atlas_scale.py [--n 1000000] [--methods tsne,umap,pca] [--skip-build]

The data are one's own vectors, as a user brings them: ``n`` x 32 float32 from 200 natural groups of uneven
sizes (Gaussian clusters around random centres, seeded), saved as ``points.npy`` with ``points.labels.txt``
(labels like ``g017-000123``). Each method runs as the user would run it, in a fresh process with an empty
cache::

    vizkit atlas --vectors points.npy --method tsne --levels auto --out atlas_tsne.html

and is timed whole (wall seconds) with its peak resident memory (the child's ``ru_maxrss``). Each page is then
taken apart: the size of every data block (gzip, base-122 text) and what the blocks hold per point. The cluster levels
are compared with the 200 natural groups (adjusted Rand index of each level, from the page's own blocks).

Results go to benchmarks/results/atlas_scale.json and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
GROUPS = 200
DIMS = 32


def make_points(n: int, folder: Path, seed: int = 0) -> np.ndarray:
    """``n`` x 32 vectors in 200 groups of uneven sizes; the group of each row is returned."""
    rng = np.random.default_rng(seed)
    sizes = rng.dirichlet(np.full(GROUPS, 2.0))
    group = rng.choice(GROUPS, size=n, p=sizes)
    centres = rng.normal(size=(GROUPS, DIMS)) * 4.0
    X = (centres[group] + rng.normal(size=(n, DIMS))).astype(np.float32)
    np.save(folder / "points.npy", X)
    counter = np.zeros(GROUPS, dtype=np.int64)
    with open(folder / "points.labels.txt", "w", encoding="utf-8") as fh:
        for g in group:
            fh.write(f"g{g:03d}-{counter[g]:06d}\n")
            counter[g] += 1
    return group


def build(method: str, folder: Path) -> dict:
    """``vizkit atlas`` in a fresh process with an empty cache: wall seconds, peak memory, the page's size."""
    out = folder / f"atlas_{method}.html"
    cache = Path(tempfile.mkdtemp(prefix=f"atlas-{method}-", dir=folder))
    env = dict(os.environ, VIZKIT_CACHE=str(cache), VIZKIT_LANG="en")
    argv = ["atlas", "--vectors", str(folder / "points.npy"), "--method", method, "--levels", "auto", "--out", str(out)]
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, json.dumps(argv)], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    if done.returncode:
        return {"method": method, "error": done.stderr.strip().splitlines()[-1:]}
    peak_kb = int(re.findall(r"^peak_kb=(\d+)$", done.stdout, re.M)[-1])
    return {"method": method, "seconds": seconds, "peak_mb": peak_kb / 1024, "page_mb": out.stat().st_size / 1e6,
            "page": str(out)}


# the command in a fresh interpreter, then its peak resident memory (its own and any child process's)
PEAK = """import json, resource, sys
from vizkit.cli import main
code = main(json.loads(sys.argv[1]))
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(f"peak_kb={peak}")
sys.exit(code)
"""


def blocks_of(page: Path) -> tuple[dict, dict]:
    """The page's header and its blocks: name -> (bytes of its text in the page, gzip bytes, raw bytes)."""
    from vizkit.atlas.page import read_blocks

    text = page.read_text(encoding="utf-8")
    header, raw = read_blocks(text)
    out = {}
    for m in re.finditer(r'data-block="(\w+)" data-bytes="(\d+)">(.*?)</script>', text, re.S):
        out[m[1]] = (len(m[3].encode("utf-8")), int(m[2]), raw[m[1]])
    return header, out


def level_agreement(header: dict, blocks: dict, group: np.ndarray) -> list[dict]:
    from sklearn.metrics import adjusted_rand_score

    from vizkit.atlas.page import read_level

    raw = {name: block[2] for name, block in blocks.items()}
    return [{"k": level["k"], "ari": float(adjusted_rand_score(group, read_level(header, raw, i)))}
            for i, level in enumerate(header["levels"])]


def markdown(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--methods", default="tsne,umap,pca")
    ap.add_argument("--folder", default=None, help="where the vectors and pages go (default: a temporary folder)")
    ap.add_argument("--skip-build", action="store_true", help="take the pages already in --folder apart")
    args = ap.parse_args()
    folder = Path(args.folder or tempfile.mkdtemp(prefix="atlas-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    group = make_points(args.n, folder) if not args.skip_build or not (folder / "points.npy").exists() else None
    if group is None:
        labels = (folder / "points.labels.txt").read_text(encoding="utf-8").split()
        group = np.array([int(x[1:4]) for x in labels])
    runs = []
    for method in args.methods.split(","):
        page = folder / f"atlas_{method}.html"
        run = {"method": method, "page": str(page), "page_mb": page.stat().st_size / 1e6} if args.skip_build \
            else build(method, folder)
        if "error" not in run:
            header, blocks = blocks_of(Path(run["page"]))
            run["blocks"] = {name: {"page_mb": b64 / 1e6, "gzip_mb": gz / 1e6, "raw_mb": len(raw) / 1e6,
                                    "gzip_bytes_per_point": gz / args.n} for name, (b64, gz, raw) in blocks.items()}
            run["levels"] = level_agreement(header, blocks, group)
        runs.append(run)
        print(json.dumps({k: v for k, v in run.items() if k != "blocks"}), flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "atlas_scale.json").write_text(json.dumps({"n": args.n, "runs": runs}, indent=1), encoding="utf-8")
    print(markdown(["method", "build s", "peak MB", "page MB", "levels (k: ARI with the 200 groups)"],
                   [[r["method"], f"{r.get('seconds', 0):.0f}", f"{r.get('peak_mb') or 0:,.0f}",
                     f"{r.get('page_mb', 0):.1f}",
                     ", ".join(f"{lv['k']}: {lv['ari']:.2f}" for lv in r.get("levels", []))] for r in runs]))
    first = next((r for r in runs if "blocks" in r), None)
    if first:
        print()
        print(markdown(["block", "raw MB", "gzip MB", "in the page (base-122) MB", "gzip bytes per point"],
                       [[name, f"{b['raw_mb']:.2f}", f"{b['gzip_mb']:.2f}", f"{b['page_mb']:.2f}",
                         f"{b['gzip_bytes_per_point']:.2f}"] for name, b in first["blocks"].items()]))


if __name__ == "__main__":
    main()
