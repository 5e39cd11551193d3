"""``vizkit project``: 2-D coordinates of words as a label,x,y CSV, optionally an HTML plot."""

from __future__ import annotations

import csv
from pathlib import Path

from .. import _text
from ..errors import VizkitError
from ._common import add_axes_arguments, add_source_arguments, axes_projector, load_source


def add_arguments(sub):
    sp = add_source_arguments(sub.add_parser("project", help="2-D coordinates of words as label,x,y CSV"))
    group = sp.add_mutually_exclusive_group(required=True)
    group.add_argument("--words", help="comma-separated words")
    group.add_argument("--words-file", help="file of words, one per line (or comma-separated)")
    group.add_argument("--top-words", type=int, help="the N most frequent words of the source")
    sp.add_argument("--method", choices=("pca", "tsne", "umap", "axes"), default="pca",
                    help="pca (default), tsne, umap, or axes: x and y between two poles each (--x-axis man:woman)")
    add_axes_arguments(sp)
    sp.add_argument("--seed", type=int, default=0)
    sp.add_argument("--perplexity", type=float, default=None, help="t-SNE perplexity")
    sp.add_argument("--n-neighbors", type=int, default=None, help="UMAP n_neighbors")
    sp.add_argument("--out", required=True, help="CSV file to write")
    sp.add_argument("--html", default=None, help="also write an interactive, self-contained HTML plot")
    sp.set_defaults(func=run)


def _words(args, src) -> list[str]:
    if args.words is not None:
        words = [w.strip() for w in args.words.split(",")]
    elif args.words_file is not None:
        path = Path(args.words_file)
        if not path.is_file():
            raise VizkitError(f"no such words file: {path}")
        words = [w.strip() for line in _text.read_lines(path, what="words file") for w in line.split(",")]
    else:
        words = src.top_words(args.top_words)
    words = [w for w in words if w]
    if not words:
        raise VizkitError("the word list is empty")
    return words


def run(args):
    from ..projection import get_projector
    from ..render.language import t
    from ..projection.cache import fit_cached
    from ..render import check_html_path

    if args.html:
        check_html_path(args.html, "plot")  # before anything is computed

    axes = axes_projector(args)  # --x-axis / --y-axis checked before anything is loaded
    if axes is not None and (args.perplexity is not None or args.n_neighbors is not None):
        raise VizkitError("--perplexity / --n-neighbors go with --method tsne / umap, not axes")
    src = load_source(args)
    points = src.vectors(_words(args, src))
    if axes is not None:
        axes.set_params(source=src)  # pole words looked up in the source, mapped or not
    params = {"random_state": args.seed}
    if args.perplexity is not None:
        params["perplexity"] = args.perplexity
    if args.n_neighbors is not None:
        params["n_neighbors"] = args.n_neighbors
    if args.method != "pca" and len(points) >= 20000:
        params["progress"] = True  # bars on stderr over the neighbour search and the layout
    if axes is not None:
        coords = axes.fit_transform(points)  # a formula, not a fit: nothing to cache
    else:
        coords = fit_cached(get_projector(args.method, **params), points).embedding_  # computed once per setting
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["label", "x", "y"])
        for label, (x, y) in zip(points.labels, coords):
            writer.writerow([label, f"{x:.6f}", f"{y:.6f}"])
    print(out)
    if args.html:
        from ..plot import scatter
        from ..render import write_html

        fig = scatter(points, coords, title=t("cli.project.title", source=src.name, n=len(points), method=args.method))
        if axes is not None:
            x_title, y_title = axes.axis_titles()
            fig.update_layout(xaxis_title=x_title, yaxis_title=y_title)
        print(write_html(fig, args.html, keyboard=False))
