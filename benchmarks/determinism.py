"""What reproducible training costs: the default Word2Vec and FastText on one thread vs every core.

Run: .venv/bin/python benchmarks/determinism.py [--models word2vec,fasttext] [--repeat 2]

Each model is trained ``repeat`` times with ``deterministic=True`` (one worker
thread, vizkit's default) and ``repeat`` times with ``deterministic=False``
(every core), each time into an empty cache (the corpus is shared), in this
one process, so the ratio is measured under the same machine load. Reported:
seconds, whether the repeated runs gave bitwise-identical vectors, and the
nearest words to *king* with their cosines (the numbers a student reads).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

RESULTS = Path(__file__).resolve().parent / "results"


def train(cls, deterministic: bool, corpus_entry: Path):
    """One training into a fresh cache holding only the corpus; returns (seconds, vectors, king's neighbours)."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(corpus_entry.parent, Path(tmp) / "corpora")
        os.environ["VIZKIT_CACHE"] = tmp
        t = time.perf_counter()
        model = cls(progress=False, deterministic=deterministic)
        seconds = time.perf_counter() - t
        vectors = np.array(model.kv.vectors, copy=True)
        near = [(w, round(float(s), 4)) for w, s in model.most_similar("king", top=3)]
    return seconds, vectors, near


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", default="word2vec,fasttext")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()

    from vizkit.datasets.corpus import corpus_path
    from vizkit.sources import FastText, Word2Vec

    corpus = corpus_path(progress=True).parent  # the corpus entry's folder, copied into every fresh cache
    saved = os.environ.get("VIZKIT_CACHE")
    rows = []
    for name in args.models.split(","):
        cls = {"word2vec": Word2Vec, "fasttext": FastText}[name]
        for deterministic in (True, False):
            runs = [train(cls, deterministic, corpus) for _ in range(args.repeat)]
            same = all(np.array_equal(runs[0][1], r[1]) for r in runs[1:])
            rows.append({"model": name, "threads": 1 if deterministic else os.cpu_count(),
                         "seconds": round(statistics.median(r[0] for r in runs), 1), "identical": same,
                         "king": [r[2] for r in runs]})
            print(json.dumps(rows[-1]), flush=True)
    if saved is not None:
        os.environ["VIZKIT_CACHE"] = saved
    print("\n| model | threads | seconds (median) | repeated runs identical | king's nearest (run 1 / run 2) |")
    print("|---|---|---|---|---|")
    for r in rows:
        near = " / ".join(", ".join(f"{w} {s:.4f}" for w, s in k[:2]) for k in r["king"])
        print(f"| {r['model']} | {r['threads']} | {r['seconds']} | {'yes' if r['identical'] else 'no'} | {near} |")
    for name in dict.fromkeys(r["model"] for r in rows):
        one, many = (next(r for r in rows if r["model"] == name and (r["threads"] == 1) == d) for d in (True, False))
        print(f"{name}: one thread takes {one['seconds'] / many['seconds']:.2f}x the time of {many['threads']}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "determinism.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
