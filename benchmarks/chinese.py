"""Chinese: Word2Vec-zh's training time and memory against the English default, and a Chinese animation's time.

Run: .venv/bin/python benchmarks/chinese.py

Each step is a fresh process with its own empty cache (the corpora and the models copied in where the step
is not about building them), timed as a user sees it, with its peak resident memory:

1. the English default Word2Vec trained from its cached corpus (``get_source("word2vec")``);
2. word2vec-zh trained from its cached segmented corpus (``get_source("word2vec-zh")``);
3. the Chinese corpus fetched and segmented by jieba (``chinese_corpus_path()``);
4. ``vizkit animate 苹果`` (16 sentences, M3E-small cached) and ``vizkit animate bank`` for comparison.

The issue's budgets: word2vec-zh in at most 2x the English default's time, under 4 GB; a Chinese
animation of 16 sentences under 10 s once the model is cached.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _results import PEAK, save  # noqa: E402

STEPS = {
    "word2vec (English, 2.6M words x 10 epochs)": "from vizkit.sources import get_source; get_source('word2vec', progress=False)",
    "word2vec-zh (4.2M words x 5 epochs)": "from vizkit.sources import get_source; get_source('word2vec-zh', progress=False)",
    "Chinese corpus: fetch + jieba": "from vizkit.datasets.chinese import chinese_corpus_path; chinese_corpus_path(progress=False)",
}


def _run(code: str, cache: Path, args=()) -> tuple[float, float]:
    with tempfile.NamedTemporaryFile() as peak:
        cmd = [sys.executable, "-c", PEAK + code, peak.name] if code else [sys.executable, "-c", PEAK +
               "import runpy, sys; sys.argv = ['vizkit', *sys.argv[1:]]; runpy.run_module('vizkit', run_name='__main__')",
               peak.name, *args]
        t = time.perf_counter()
        subprocess.run(cmd, check=True, env={**os.environ, "VIZKIT_CACHE": str(cache)}, capture_output=True)
        secs = time.perf_counter() - t
        return secs, int(Path(peak.name).read_text() or 0) / 1024


def main():
    from vizkit import _cache
    from vizkit.datasets.chinese import chinese_corpus_path
    from vizkit.datasets.corpus import corpus_path
    from vizkit.sources import LLM

    # the corpora and the model once, in the user's cache
    corpus_path(progress=True)
    chinese_corpus_path(progress=True)
    LLM("m3e-small").model
    base = _cache.root()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, code in STEPS.items():
            cache = Path(tmp) / name.split()[0]
            if "corpus" not in name:
                shutil.copytree(base / "corpora", cache / "corpora")
            secs, mb = _run(code, cache)
            rows.append({"step": name, "seconds": round(secs, 1), "peak_mb": round(mb)})
            print(rows[-1], flush=True)
        for word in ("苹果", "bank"):
            cache = Path(tmp) / f"animate-{word}"
            shutil.copytree(base / "models", cache / "models")
            out = Path(tmp) / "a.html"
            secs, mb = _run("", cache, ["animate", word, "--out", str(out)])
            rows.append({"step": f"vizkit animate {word} (16 sentences, model cached)", "seconds": round(secs, 1),
                         "peak_mb": round(mb)})
            print(rows[-1], flush=True)
    en, zh = rows[0]["seconds"], rows[1]["seconds"]
    print(f"\nword2vec-zh / English default training time: {zh / en:.2f}x")
    print("| step | seconds | peak MB |\n|---|---|---|")
    for r in rows:
        print(f"| {r['step']} | {r['seconds']} | {r['peak_mb']} |")
    save("chinese", {"rows": rows, "zh_over_en": zh / en})


if __name__ == "__main__":
    main()
