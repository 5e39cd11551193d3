"""``vizkit atlas``: a whole vocabulary, your own vectors or your texts as one searchable offline page (and a CSV)."""

from __future__ import annotations

from pathlib import Path

from ..errors import VizkitError
from ._common import add_axes_arguments, add_source_arguments, axes_projector, load_source


def add_arguments(sub):
    sp = add_source_arguments(sub.add_parser(
        "atlas", help="a whole vocabulary, your vectors or texts as one searchable offline page"))
    group = sp.add_mutually_exclusive_group(required=True)
    group.add_argument("--top-words", type=int, help="the N most frequent words of --source")
    group.add_argument("--vectors", help="your vectors: Projector .tsv (+ metadata.tsv beside it), .npy "
                                         "(+ labels.txt), word2vec .txt/.bin")
    group.add_argument("--texts", help="texts to embed with the bundled MiniLM: .csv/.tsv/.parquet/.jsonl/.txt")
    sp.add_argument("--labels", default=None, help="with --vectors FILE.npy: its labels, one a line (default: "
                                                   "FILE.labels.txt or labels.txt beside it, else row numbers)")
    sp.add_argument("--max-points", type=int, default=None, help="map a uniform sample of this many points, drawn "
                                                                 "with --seed (for a page too big for one file)")
    sp.add_argument("--metadata", default=None, help="with --vectors FILE.tsv: its Projector metadata file "
                                                     "(default: metadata.tsv beside it)")
    sp.add_argument("--text-column", "--column", dest="column", default=None,
                    help="with --texts: the column holding the texts (default: text, sentence...)")
    sp.add_argument("--engine", choices=("local", "dask"), default=None,
                    help="with --texts: embed them in this process (local, the default) or on Dask (a local cluster "
                         "of --workers processes, or --scheduler); needs vizkit[corpus]")
    sp.add_argument("--scheduler", default=None, help="with --texts --engine dask: a running Dask scheduler, "
                                                      "tcp://host:8786 (its workers need vizkit and the model)")
    sp.add_argument("--workers", type=int, default=None, help="with --texts --engine dask: worker processes of the "
                                                              "local cluster (default one per core)")
    sp.add_argument("--method", choices=("pca", "tsne", "umap", "axes"), default="tsne")
    sp.add_argument("--dims", type=int, choices=(2, 3), default=2, help="a 2-D map (default) or a 3-D one to turn")
    add_axes_arguments(sp)
    sp.add_argument("--levels", default="auto", help="cluster counts, coarse to fine, e.g. 12,48; default auto: 12 and 48, "
                                                    "finer levels for big maps (768 clusters at a million points)")
    sp.add_argument("--seed", type=int, default=0)
    sp.add_argument("--query", default=None, help="print this point's true neighbours; the page opens on it")
    sp.add_argument("--color", default="cluster", help="the page's first colouring: cluster (default), distortion, "
                                                       "or a metadata column")
    sp.add_argument("--out", required=True, help="the page to write: one self-contained, offline .html file")
    sp.add_argument("--csv", default=None, help="also write label, x, y, cluster, kept and the metadata as CSV")
    sp.set_defaults(func=run)


def _points(args):
    if args.vectors:
        from ..formats import read_vectors

        return read_vectors(args.vectors, metadata=args.metadata, labels=args.labels), Path(args.vectors).name
    if args.texts:
        from ..sentence_embeddings import embed_texts

        return embed_texts(args.texts, column=args.column, engine=args.engine or "local", scheduler=args.scheduler,
                           workers=args.workers), Path(args.texts).name
    if args.top_words < 2:
        raise VizkitError(f"--top-words must be at least 2; got {args.top_words}")
    src = load_source(args)
    return src.vectors(src.top_words(args.top_words)), src.name


def run(args):
    from ..atlas import Atlas, write_page
    from ..atlas.limits import check_3d
    from ..atlas.size import check_page_bytes, estimate_points_page_bytes
    from ..atlas.page import colour_columns
    from ..render.language import t

    try:
        levels = "auto" if args.levels.strip() == "auto" else tuple(int(k) for k in args.levels.split(",") if k.strip())
    except ValueError:
        raise VizkitError(f"--levels takes comma-separated numbers, e.g. 12,48, or auto; got {args.levels!r}") from None
    if args.dims == 3 and args.method == "axes":
        raise VizkitError("--dims 3 goes with --method pca, tsne or umap (semantic axes are two)")
    method = axes_projector(args) or args.method
    if Path(args.out).suffix.lower() not in (".html", ".htm"):
        raise VizkitError(f"--out is the page, an .html file; got {args.out!r} (the coordinates go to --csv FILE)")
    if args.metadata and not args.vectors:
        raise VizkitError("--metadata goes with --vectors FILE.tsv")
    if args.labels and not args.vectors:
        raise VizkitError("--labels goes with --vectors FILE.npy")
    if args.max_points is not None and args.max_points < 2:
        raise VizkitError(f"--max-points must be at least 2; got {args.max_points}")
    if args.column and not args.texts:
        raise VizkitError("--text-column goes with --texts FILE")
    _check_engine(args)
    points, name = _points(args)
    total = len(points)
    if args.max_points is not None:
        from ..formats import sample_points

        points = sample_points(points, args.max_points, random_state=args.seed, keep=[args.query])
        name = name if len(points) == total else f"{name}, sampled from {total:,}"
    check_3d(len(points), args.dims)  # before minutes of mapping, not after
    if len(points) > 100_000:  # a page too big to open: said now, from the points, not after the map is made
        check_page_bytes(estimate_points_page_bytes(points, levels=levels, dims=args.dims), n_points=len(points))
    if args.color not in ("cluster", "distortion"):
        columns = colour_columns(points)
        if args.color not in columns:
            raise VizkitError(f"no column {args.color!r} to colour by; choose cluster, distortion"
                              + "".join(f", {c}" for c in columns))
    atlas = Atlas(method=method, random_state=args.seed, levels=levels, n_components=args.dims).fit(points)
    kept = atlas.preservation()
    coarse = atlas.clusters(0) if atlas.clusters_ else None
    title = t("cli.atlas.title", name=name, n=f"{len(points):,}", method=args.method)
    page = write_page(atlas, args.out, title=title, color=args.color, query=args.query)
    print(page)
    if len(points) < total:
        print(t("cli.atlas.sampled", n=f"{len(points):,}", total=f"{total:,}", max=f"{args.max_points:,}", seed=args.seed))
    print(t("cli.atlas.kept", n=len(points), method=args.method, kept=f"{kept.mean():.2f}", k=atlas.k_))
    if coarse is not None:
        print(t("cli.atlas.clusters", labels=" | ".join(coarse.labels)))
    if args.query:
        near = atlas.neighbours(args.query)
        for row in near.itertuples():
            print(f"{row.label}\t{row.cosine:.4f}\t{t('atlas.kept') if row.kept else t('atlas.torn')}")
    if args.csv:
        print(_write_csv(atlas, args.csv))


def _check_engine(args) -> None:
    given = [f for f, v in (("--engine", args.engine), ("--scheduler", args.scheduler), ("--workers", args.workers))
             if v is not None]
    if given and not args.texts:
        raise VizkitError(f"{' and '.join(given)} go{'es' if len(given) == 1 else ''} with --texts FILE: they say "
                          "where the texts are embedded (the other inputs are vectors already)")
    extra = [f for f in given if f != "--engine"]
    if extra and args.engine != "dask":
        raise VizkitError(f"{' and '.join(extra)} go{'es' if len(extra) == 1 else ''} with --engine dask")
    if args.workers is not None and args.scheduler:
        raise VizkitError("--workers is for the local cluster; a --scheduler has its own workers")
    if args.workers is not None and args.workers < 1:
        raise VizkitError(f"--workers must be at least 1; got {args.workers}")


def _write_csv(atlas, path) -> Path:
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    table = atlas.table().drop(columns="row")
    table.to_csv(out, index=False, float_format="%.6f", encoding="utf-8")
    return out
