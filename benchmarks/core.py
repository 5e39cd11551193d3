"""Core benchmarks: import, GloVe load, neighbour query, projections, contextual extraction.

Run: .venv/bin/python benchmarks/core.py [--sizes 1000,10000,50000] [--methods pca,tsne,umap]
(`make bench` runs it with the defaults). Timings on a shared 2-core machine are noisy, so
every speed claim is a ratio against a baseline measured in the same run; absolute seconds
are printed for orientation only. Trustworthiness uses k=10 neighbours, cosine in the
original space, averaged over at most 5000 query points.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from _results import save  # benchmarks/_results.py (scripts run from this folder)



def timed(fn, repeat=1):
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def in_fresh_process(code: str, repeat: int = 3) -> float:
    """Median seconds a snippet reports when run in a new interpreter (it prints its own timing)."""
    vals = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        vals.append(float(out.strip().splitlines()[-1]))
    return statistics.median(vals)


def bench_import_and_load(report):
    report["import_vizkit_s"] = in_fresh_process(
        "import time; t=time.perf_counter(); import vizkit; print(time.perf_counter()-t)")
    report["import_gensim_baseline_s"] = in_fresh_process(
        "import time; t=time.perf_counter(); import gensim; print(time.perf_counter()-t)")
    report["glove_load_s"] = in_fresh_process(
        "import time; t=time.perf_counter(); from vizkit.sources import GloVe; g=GloVe(); g.vector('king'); "
        "print(time.perf_counter()-t)")


def bench_neighbours(report, glove):
    words = ["king", "bank", "river", "computer", "music", "paris", "happy", "water", "football", "science"]
    glove.most_similar("warm", top=10)  # build the unit matrix once
    t, _ = timed(lambda: [glove.most_similar(w, top=10) for w in words])
    report["neighbours_400k_ms_per_query"] = 1000 * t / len(words)
    from gensim.models import KeyedVectors

    kv = KeyedVectors(glove.dim)
    kv.add_vectors(list(glove.words), np.asarray(glove._matrix()))
    kv.most_similar("warm", topn=10)
    tb, _ = timed(lambda: [kv.most_similar(w, topn=10) for w in words])
    report["neighbours_gensim_baseline_ms_per_query"] = 1000 * tb / len(words)
    report["neighbours_speedup_vs_gensim"] = tb / t
    same = all([w for w, _ in glove.most_similar(q, top=10)] == [w for w, _ in kv.most_similar(q, topn=10)]
               for q in words)
    report["neighbours_same_as_gensim"] = same


def bench_projections(report, glove, sizes, methods):
    from vizkit.projection import get_projector, trustworthiness

    words = [w for w in glove.words[100:200_000] if w.isalpha()]
    rows = []
    # warm-up: numba (UMAP) compiles on first use; measured separately as the cold-start cost
    if "umap" in methods:
        X = glove.vectors(words[:2000]).vectors
        t_cold, _ = timed(lambda: get_projector("umap", random_state=0).fit_transform(X))
        t_warm, _ = timed(lambda: get_projector("umap", random_state=0).fit_transform(X))
        report["umap_first_call_jit_overhead_s"] = t_cold - t_warm
    for n in sizes:
        X = glove.vectors(words[:n]).vectors
        for method in methods:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                secs, Y = timed(lambda: get_projector(method, random_state=0).fit_transform(X))
            tw = trustworthiness(X, Y, n_neighbors=10)
            rows.append({"n": n, "method": method, "seconds": round(secs, 2), "trustworthiness": round(tw, 3)})
            print(f"  {method:5s} n={n:6d}  {secs:7.2f} s  T={tw:.3f}", flush=True)
    report["projections"] = rows


def bench_baselines(report, glove, n=10000):
    """Stock umap-learn and stock openTSNE on the same 10k words, in the same run."""
    import openTSNE
    import umap

    from vizkit.projection import get_projector, trustworthiness

    words = [w for w in glove.words[100:200_000] if w.isalpha()][:n]
    X = glove.vectors(words).vectors
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        s, Y = timed(lambda: umap.UMAP(random_state=0, metric="cosine").fit_transform(X))
        out["umap_stock"] = (s, trustworthiness(X, Y))
        s, Y = timed(lambda: get_projector("umap", random_state=0).fit_transform(X))
        out["umap_vizkit"] = (s, trustworthiness(X, Y))
        s, Y = timed(lambda: np.asarray(openTSNE.TSNE(random_state=0, metric="cosine", n_jobs=2).fit(X)))
        out["tsne_stock_opentsne"] = (s, trustworthiness(X, Y))
        s, Y = timed(lambda: get_projector("tsne", random_state=0).fit_transform(X))
        out["tsne_vizkit"] = (s, trustworthiness(X, Y))
    for k, (s, tw) in out.items():
        print(f"  {k:22s} n={n}  {s:7.2f} s  T={tw:.3f}", flush=True)
    report["baselines_10k"] = {k: {"seconds": round(s, 2), "trustworthiness": round(t, 3)} for k, (s, t) in out.items()}
    report["umap_speedup_vs_stock"] = out["umap_stock"][0] / out["umap_vizkit"][0]
    report["tsne_speedup_vs_stock"] = out["tsne_stock_opentsne"][0] / out["tsne_vizkit"][0]


def bench_contextual(report, tmp_cache: Path, n_sentences=64):
    import os

    os.environ["VIZKIT_CACHE"] = str(tmp_cache)
    from vizkit.sources import LLM

    llm = LLM()
    llm.model  # load once, not timed
    templates = ["The bank approved my loan application number {}.", "I sat by the river bank watching boat {}.",
                 "She went to the bank to deposit check {}.", "Fish gathered near the muddy bank of lake {}."]
    sents = [templates[i % 4].format(i) for i in range(n_sentences)]
    cold, _ = timed(lambda: llm.contextual("bank", sents, cache=True))
    warm, _ = timed(lambda: llm.contextual("bank", sents, cache=True), repeat=5)
    report["contextual_sentences_per_s_cold"] = n_sentences / cold
    report["contextual_sentences_per_s_cached"] = n_sentences / warm
    report["contextual_cache_speedup"] = cold / warm


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,50000")
    ap.add_argument("--methods", default="pca,tsne,umap")
    ap.add_argument("--skip-baselines", action="store_true")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    methods = args.methods.split(",")

    import tempfile

    from vizkit.sources import GloVe

    report: dict = {}
    print("import and load ...", flush=True)
    bench_import_and_load(report)
    glove = GloVe()
    print("neighbour queries ...", flush=True)
    bench_neighbours(report, glove)
    print("projections ...", flush=True)
    bench_projections(report, glove, sizes, methods)
    if not args.skip_baselines:
        print("baselines at 10k ...", flush=True)
        bench_baselines(report, glove)
    print("contextual extraction ...", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        bench_contextual(report, Path(tmp))
    print(json.dumps(report, indent=2))
    save("core", report)


if __name__ == "__main__":
    main()
