"""``vizkit atlas``: a whole vocabulary, your own vectors or your texts as one labelled map (CSV, offline HTML)."""

from __future__ import annotations

import csv
from pathlib import Path

from ..errors import VizkitError
from ._common import add_source_arguments, load_source


def add_arguments(sub):
    sp = add_source_arguments(sub.add_parser(
        "atlas", help="a whole vocabulary, your vectors or texts as one labelled map"))
    group = sp.add_mutually_exclusive_group(required=True)
    group.add_argument("--top-words", type=int, help="the N most frequent words of --source")
    group.add_argument("--vectors", help="your vectors: Projector .tsv (+ metadata.tsv beside it), .npy "
                                         "(+ labels.txt), word2vec .txt/.bin")
    group.add_argument("--texts", help="texts to embed with the bundled MiniLM: .csv/.tsv/.parquet/.jsonl/.txt")
    sp.add_argument("--column", default=None, help="the column holding the texts (default: text, sentence...)")
    sp.add_argument("--method", choices=("pca", "tsne", "umap", "axes"), default="tsne")
    sp.add_argument("--x-axis", default=None, help="with --method axes: negative:positive poles, e.g. man:woman")
    sp.add_argument("--y-axis", default=None, help="with --method axes: e.g. poor:rich (default: most variance left)")
    sp.add_argument("--levels", default="12,48", help="cluster counts, coarse to fine (default 12,48)")
    sp.add_argument("--seed", type=int, default=0)
    sp.add_argument("--query", default=None, help="print this point's true neighbours and highlight them")
    sp.add_argument("--color", default="cluster", help="cluster (default), distortion, or a metadata column")
    sp.add_argument("--out", required=True, help="CSV to write: label, x, y, cluster, kept, metadata columns")
    sp.add_argument("--html", default=None, help="also write the map as one self-contained HTML file")
    sp.set_defaults(func=run)


def _points(args):
    if args.vectors:
        from ..formats import read_vectors

        return read_vectors(args.vectors), Path(args.vectors).name
    if args.texts:
        from ..sentence_embeddings import embed_texts

        return embed_texts(args.texts, column=args.column), Path(args.texts).name
    if args.top_words < 2:
        raise VizkitError(f"--top-words must be at least 2; got {args.top_words}")
    src = load_source(args)
    return src.vectors(src.top_words(args.top_words)), src.name


def run(args):
    from ..atlas import Atlas
    from ..projection import Axes

    try:
        levels = tuple(int(k) for k in args.levels.split(",") if k.strip())
    except ValueError:
        raise VizkitError(f"--levels takes comma-separated numbers, e.g. 12,48; got {args.levels!r}") from None
    if args.method == "axes":
        if not args.x_axis:
            raise VizkitError("--method axes needs --x-axis negative:positive (e.g. --x-axis man:woman)")
        method = Axes(args.x_axis, args.y_axis)
    elif args.x_axis or args.y_axis:
        raise VizkitError("--x-axis / --y-axis go with --method axes")
    else:
        method = args.method
    points, name = _points(args)
    atlas = Atlas(points, method=method, random_state=args.seed, levels=levels).fit()
    kept = atlas.preservation()
    coarse = atlas.clusters(0) if atlas.clusters_ else None
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    extra = list(points.meta)
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["label", "x", "y", "cluster", "kept"] + extra)
        for i, label in enumerate(points.labels):
            cluster = coarse.labels[coarse.assignment[i]] if coarse is not None else ""
            writer.writerow([label, f"{atlas.coords_[i, 0]:.6f}", f"{atlas.coords_[i, 1]:.6f}", cluster,
                             f"{kept[i]:.2f}"] + [points.meta[c][i] for c in extra])
    print(out)
    print(f"{len(points)} points, {args.method}: the map keeps {kept.mean():.2f} of each point's "
          f"{atlas.k_} true neighbours near it on average")
    if coarse is not None:
        print("clusters: " + " | ".join(coarse.labels))
    if args.query:
        near = atlas.neighbours(args.query)
        for row in near.itertuples():
            print(f"{row.label}\t{row.cosine:.4f}\t{'kept' if row.kept else 'torn'}")
    if args.html:
        fig = atlas.figure(color=args.color, query=args.query, title=f"{name}: {len(points):,} points, {args.method}")
        html = Path(args.html)
        html.parent.mkdir(parents=True, exist_ok=True)
        fig.write_html(html, include_plotlyjs=True, full_html=True)
        print(html)
