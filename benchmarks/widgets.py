"""Widget benchmark: how long a switch of method or parameter takes to redraw, in a fresh kernel-like process.

Run: .venv/bin/python benchmarks/widgets.py [--words 2000]
Each widget is built in a new Python process with VIZKIT_CACHE pointing at an empty folder (no map was ever
computed: the first t-SNE and the first UMAP of the process are measured, as a user meets them). A switch is
timed from setting the control's value in Python to the return of its handler, which has recomputed the map
and updated the plotly FigureWidget (what the browser then draws is measured for the atlas in
benchmarks/atlas_widget.py). Prints a markdown table and writes benchmarks/results/widgets-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _results import save  # benchmarks/_results.py (scripts run from this folder)


CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
from vizkit.sources import GloVe
from vizkit.widgets import EmbeddingExplorer, PolysemyPlayer
steps = []

def timed(what, fn):
    t = time.perf_counter(); fn(); steps.append((what, time.perf_counter() - t))

g = GloVe()
words = " ".join(g.top_words(int(sys.argv[1])))
box = {}
timed("explorer: first map (PCA)", lambda: box.setdefault("ex", EmbeddingExplorer(groups=(), words=words,
                                                                                  progress=False)))
ex = box["ex"]
timed("explorer: PCA -> t-SNE (first t-SNE)", lambda: setattr(ex.method, "value", "tsne"))
timed("explorer: t-SNE perplexity 10 -> 20", lambda: setattr(ex.param, "value", 20))
timed("explorer: t-SNE -> UMAP (first UMAP)", lambda: setattr(ex.method, "value", "umap"))
timed("explorer: UMAP n_neighbors 10 -> 20", lambda: setattr(ex.param, "value", 20))
timed("explorer: UMAP -> PCA", lambda: setattr(ex.method, "value", "pca"))
timed("explorer: PCA -> UMAP (seen before)", lambda: setattr(ex.method, "value", "umap"))
n_points = len(ex.points)
timed("player: first animation (bank, PCA)", lambda: box.setdefault("pl", PolysemyPlayer("bank", progress=False)))
pl = box["pl"]
timed("player: PCA -> UMAP (first UMAP)", lambda: setattr(pl.method, "value", "umap"))
timed("player: UMAP -> t-SNE", lambda: setattr(pl.method, "value", "tsne"))
print(json.dumps({"points": n_points, "steps": steps}))
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=2000, help="words on the explorer's map (default 2000)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, VIZKIT_CACHE=str(Path(tmp) / "cache"))
        # the player's hidden states come from the model: let it read the user's cache of them if any
        # (they are not maps); only the map cache must start empty
        real = Path(os.environ.get("VIZKIT_CACHE", Path.home() / ".cache" / "vizkit"))
        for kind in ("contextual", "models", "tokenizers"):
            if (real / kind).is_dir():
                (Path(tmp) / "cache").mkdir(exist_ok=True)
                os.symlink(real / kind, Path(tmp) / "cache" / kind)
        out = subprocess.run([sys.executable, "-c", CHILD, str(args.words)], env=env, capture_output=True,
                             text=True)
    if out.returncode:
        sys.exit(out.stderr[-3000:])
    report = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"\nexplorer with {report['points']} words; player with the bundled 'bank' sentences\n")
    print("| switch | seconds |\n| --- | --- |")
    for what, secs in report["steps"]:
        print(f"| {what} | {secs:.2f} |")
    save("widgets", report)


if __name__ == "__main__":
    main()
