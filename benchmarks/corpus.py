"""Corpus extraction benchmark: the local engine, Dask with N local workers, LLM.contextual, a re-run, memory.

Run: .venv/bin/python benchmarks/corpus.py [--words time,people,world,work,life,house] [--mb 0] [--workers 2]
Every extraction is a fresh process (`python -m vizkit occurrences ...`), timed as a user sees it, with its peak
resident memory (VmHWM, the process and, for Dask, each worker). Throughput is sentences read by the model per
second of the run (from the first task to the last shard; the Dask cluster's start is reported apart). The
baseline is LLM.contextual at batch 64 on the same sentences, one word after another, without its cache (what
the animation uses). Timings on a shared machine are noisy: compare the ratios measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _results import PEAK, save  # benchmarks/_results.py (scripts run from this folder)

VIZKIT = PEAK + """import runpy
sys.argv[0] = "vizkit"
runpy.run_module("vizkit", run_name="__main__")
"""


def occurrences(args: list[str], tmp: Path) -> dict:
    """`vizkit occurrences` in a fresh process: wall seconds, peak MB, and what it printed."""
    peak = tmp / f"peak-{time.monotonic_ns()}"
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", VIZKIT, str(peak), "occurrences", *args], capture_output=True,
                         text=True)
    wall = time.perf_counter() - t0
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    m = re.search(r"(\d+) occurrences in (\d+) sentences, (\d+) rows, (\d+) chunks, ([\d.]+) s", out.stderr)
    workers = re.search(r"peak memory per worker: (.*)", out.stderr)
    return {"wall_s": round(wall, 2), "run_s": float(m.group(5)), "occurrences": int(m.group(1)),
            "sentences": int(m.group(2)), "rows": int(m.group(3)), "chunks": int(m.group(4)),
            "peak_mb": round(int(peak.read_text()) / 1024, 1),
            "worker_peak_mb": [float(x) for x in re.findall(r"([\d.]+) MB", workers.group(1))] if workers else []}


def slice_corpus(mb: float, tmp: Path) -> Path:
    from vizkit.datasets.corpus import corpus_path

    raw = Path(corpus_path(progress=False)).read_bytes()
    if mb:
        raw = raw[: int(mb * 1e6)]
        raw = raw[: raw.rindex(b"\n") + 1]
    path = tmp / f"corpus-{mb or 'all'}.txt"
    path.write_bytes(raw)
    return path


def contextual_rate(out_dir: Path, words: list[str]) -> dict:
    """LLM.contextual (batch 64, no cache) on the sentences the extraction found, word by word."""
    from vizkit.corpus import read_occurrences
    from vizkit.sources import LLM

    llm = LLM()
    llm.model  # loaded before the clock starts, as in a session
    n, t0 = 0, time.perf_counter()
    for w in words:
        occ = read_occurrences(out_dir, word=w, layer=0)
        sentences = list(dict.fromkeys(occ.meta["sentence"]))
        llm.contextual(w, sentences, batch_size=64, cache=False)
        n += len(sentences)
    s = time.perf_counter() - t0
    return {"sentences": n, "run_s": round(s, 2), "sentences_per_s": round(n / s, 1)}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--words", default="time,people,world,work,life,house")
    p.add_argument("--mb", type=float, default=0, help="first MB of the bundled corpus (0: all of it, 14.5 MB)")
    p.add_argument("--workers", type=int, default=2)
    a = p.parse_args()
    words = a.words.split(",")
    report = {"words": words, "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = slice_corpus(a.mb, tmp)
        common = [a.words, "--corpus", str(corpus)]
        runs = {}
        print("local engine ...", flush=True)
        runs["local"] = occurrences([*common, "--out", str(tmp / "local")], tmp)
        print("local engine again (finished: nothing to redo) ...", flush=True)
        runs["rerun"] = occurrences([*common, "--out", str(tmp / "local")], tmp)
        print(f"dask, {a.workers} local workers ...", flush=True)
        runs["dask"] = occurrences([*common, "--engine", "dask", "--workers", str(a.workers), "--out",
                                    str(tmp / "dask")], tmp)
        print("quarter corpus, for memory ...", flush=True)
        quarter = slice_corpus((a.mb or 14.5) / 4, tmp)
        runs["local_quarter"] = occurrences([a.words, "--corpus", str(quarter), "--out", str(tmp / "q")], tmp)
        print("LLM.contextual baseline ...", flush=True)
        report["contextual"] = contextual_rate(tmp / "local", words)
        shards = list((tmp / "local" / "shards").glob("*.parquet"))
        size = sum(f.stat().st_size for f in shards)
        report["shards"] = {"files": len(shards), "mb": round(size / 1e6, 1),
                            "bytes_per_row": round(size / runs["local"]["rows"]),
                            "mb_per_shard": round(size / 1e6 / max(len(shards), 1), 2)}
    for r in runs.values():
        r["sentences_per_s"] = round(r["sentences"] / r["run_s"], 1) if r["run_s"] else None
    report["runs"] = runs
    local, dask = runs["local"], runs["dask"]
    report["ratios"] = {
        "dask_vs_local_throughput": round(dask["sentences_per_s"] / local["sentences_per_s"], 3),
        "dask_vs_local_wall": round(local["wall_s"] / dask["wall_s"], 3),
        "local_vs_contextual_throughput": round(local["sentences_per_s"] / report["contextual"]["sentences_per_s"], 3),
        "rerun_vs_first_wall": round(runs["rerun"]["wall_s"] / local["wall_s"], 4),
        "peak_full_vs_quarter": round(local["peak_mb"] / runs["local_quarter"]["peak_mb"], 3),
    }
    print(json.dumps(report, indent=2))
    save("corpus", report)


if __name__ == "__main__":
    main()
