"""Texts for the atlas on Dask: the local engine and N local Dask workers, back to back in one run.

Run: .venv/bin/python benchmarks/texts_dask.py [--texts 10000] [--workers 2] [--rounds 2]

The texts are distinct lines of the bundled English corpus (5 to 40 words). Each round embeds all of them with the
local engine (this process, torch on every core), then on a fresh local Dask cluster of ``--workers``
single-threaded workers, both through ``vizkit.corpus.texts.embed_chunks`` with an empty cache each time (so every
chunk is embedded and written to the cache, as ``vizkit atlas --texts`` does). Throughput is texts per second from
the first chunk to the last: the model is loaded before the clock starts (in this process; once per worker, in
parallel); the wall time with the cluster's start and the models' loading is reported apart. Timings on a shared
machine are noisy: compare the ratio measured in the same run, round by round.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from _results import save  # benchmarks/_results.py (scripts run from this folder)


def corpus_texts(n: int) -> list[str]:
    from vizkit.datasets.corpus import corpus_path

    out, seen = [], set()
    with open(corpus_path(progress=False), encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if 5 <= len(line.split()) <= 40 and line not in seen:
                seen.add(line)
                out.append(line)
                if len(out) == n:
                    return out
    raise SystemExit(f"the bundled corpus has only {len(out)} such lines")


def one(texts, llm, engine: str, workers: int | None) -> tuple[dict, object]:
    """One run as ``embed_texts`` makes it (batches of 64, default chunks, each chunk written to an empty cache)."""
    from vizkit.corpus.texts import embed_chunks
    from vizkit.sentence_embeddings import TEXT_VECTORS_VERSION, chunk_vectors, pooling

    inputs = {"model": llm.identity(), "pooling": pooling(llm), "batch_size": 64}
    with tempfile.TemporaryDirectory() as cache:
        os.environ["VIZKIT_CACHE"] = cache
        t0 = time.perf_counter()
        run = embed_chunks(texts, llm, chunk_vectors, inputs=inputs, version=TEXT_VECTORS_VERSION, engine=engine,
                           workers=workers, cache=True, progress=False)
        wall = time.perf_counter() - t0
    return {"engine": run.engine, "chunks": run.chunks, "run_s": round(run.seconds, 2), "wall_s": round(wall, 2),
            "texts_per_s": round(len(texts) / run.seconds, 1),
            "texts_per_s_wall": round(len(texts) / wall, 1), "worker_peak_mb": run.worker_peak_mb}, run.vectors


def extrapolate(per_worker: float, start_s: float) -> dict:
    """Hours for 1,000,000 texts on N single-core workers, if throughput grew linearly (an extrapolation)."""
    return {str(n): round((1_000_000 / (n * per_worker) + start_s) / 3600, 2) for n in (1, 2, 8, 16, 64, 256)}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--texts", type=int, default=10_000)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--rounds", type=int, default=2)
    a = p.parse_args()

    import numpy as np

    from vizkit.sources import LLM

    texts = corpus_texts(a.texts)
    llm = LLM()
    llm.model  # noqa: B018 - loaded before the clock starts, as in a session
    report = {"texts": len(texts), "mean_words": round(statistics.mean(len(t.split()) for t in texts), 1),
              "cpus": os.cpu_count(), "workers": a.workers, "rounds": []}
    print(f"{len(texts):,} texts, {report['mean_words']} words on average, {os.cpu_count()} cores", flush=True)
    for r in range(a.rounds):
        print(f"round {r + 1}: local ...", flush=True)
        local, X = one(texts, llm, "local", None)
        print(f"  {local['texts_per_s']} texts/s; dask, {a.workers} workers ...", flush=True)
        dask, Y = one(texts, llm, "dask", a.workers)
        ratio = round(dask["texts_per_s"] / local["texts_per_s"], 3)
        print(f"  {dask['texts_per_s']} texts/s: dask/local {ratio}", flush=True)
        report["rounds"].append({"local": local, "dask": dask, "dask_vs_local": ratio,
                                 "max_abs_diff": float(np.abs(X - Y).max()), "equal": bool(np.array_equal(X, Y))})
    rounds = report["rounds"]
    report["dask_vs_local"] = {"per_round": [r["dask_vs_local"] for r in rounds],
                               "median": round(statistics.median(r["dask_vs_local"] for r in rounds), 3),
                               "budget": 0.85}
    rate = statistics.median(r["dask"]["texts_per_s"] for r in rounds)
    start = statistics.median(r["dask"]["wall_s"] - r["dask"]["run_s"] for r in rounds)
    report["extrapolated_1m_texts_hours"] = {"per_worker_texts_per_s": round(rate / a.workers, 1),
                                             "start_s": round(start, 1),
                                             "workers": extrapolate(rate / a.workers, start)}
    with open("/proc/self/status") as fh:  # this process: the local runs, and the driver of the Dask runs
        report["driver_peak_mb"] = round(int(next(x.split()[1] for x in fh if x.startswith("VmHWM:"))) / 1024, 1)
    print(json.dumps(report, indent=2))
    save("texts_dask", report)


if __name__ == "__main__":
    main()
