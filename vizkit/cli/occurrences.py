"""``vizkit occurrences``: every occurrence of some words in a corpus, hidden states as Parquet shards."""

from __future__ import annotations

import sys


def add_arguments(sub):
    sp = sub.add_parser("occurrences", help="every occurrence of words in a corpus: hidden states as Parquet shards "
                                            "(locally or on Dask)")
    sp.add_argument("words", help="a word or comma-separated words: bank or bank,bat,mouse")
    sp.add_argument("--corpus", default="english",
                    help="english (the bundled corpus), a .txt/.jsonl/.parquet/.tsv file or a folder of them")
    sp.add_argument("--text-column", default="text", help="the text column of JSONL/Parquet files (default text)")
    sp.add_argument("--model", default=None, help="Hugging Face id or folder (default the bundled all-MiniLM-L6-v2)")
    sp.add_argument("--layers", default="all", help="all (default) or layer numbers: 0,3,6")
    sp.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="local (default: this process) or dask (a local cluster, or --scheduler)")
    sp.add_argument("--scheduler", default=None, help="address of a running Dask scheduler, tcp://host:8786")
    sp.add_argument("--workers", type=int, default=None, help="worker processes of the local Dask cluster")
    sp.add_argument("--device", default=None, help="the model's torch device on every worker, e.g. cuda "
                                                    "(GPU workers; default the CPU)")
    sp.add_argument("--batch-size", type=int, default=64, help="sentences per forward pass (default 64)")
    sp.add_argument("--chunk-mb", type=float, default=0.25, help="megabytes of text per task (default 0.25)")
    sp.add_argument("--overwrite", action="store_true", help="replace an extraction with other settings in --out")
    sp.add_argument("--out", required=True, help="output folder: manifest.json and shards/*.parquet")
    sp.set_defaults(func=run)


def run(args):
    from ..corpus import extract_occurrences
    from ..render.language import t

    r = extract_occurrences(args.words, args.corpus, args.out, model=args.model, layers=args.layers,
                            engine=args.engine, scheduler=args.scheduler, workers=args.workers,
                            batch_size=args.batch_size, chunk_bytes=int(args.chunk_mb * (1 << 20)),
                            text_column=args.text_column, device=args.device, overwrite=args.overwrite,
                            progress=True)
    for word, n in r.counts.items():
        print(f"{word}\t{n}")
    print(r.out / "manifest.json")
    note = t("cli.occurrences.reused", reused=r.reused, chunks=r.chunks) if r.reused else ""
    rate = r.sentences / r.seconds if r.seconds > 0 and not r.reused else None
    print(t("cli.occurrences.summary", occurrences=r.occurrences, sentences=r.sentences, rows=r.rows, chunks=r.chunks,
            seconds=f"{r.seconds:.1f}", engine=r.engine, reused=note,
            rate=t("cli.occurrences.rate", rate=f"{rate:.0f}") if rate else ""), file=sys.stderr)
    if r.worker_peak_mb:
        print(t("cli.occurrences.peak", values=", ".join(f"{m:.0f} MB" for m in r.worker_peak_mb)), file=sys.stderr)
    for word in r.missing:
        print(t("cli.warning", msg=t("cli.occurrences.missing", word=repr(word))), file=sys.stderr)
    if r.windowed:
        print(t("cli.occurrences.windowed", n=r.windowed), file=sys.stderr)
