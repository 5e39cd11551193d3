"""``vizkit recommend``: films similar to a film, by item2vec on MovieLens 100k user histories."""

from __future__ import annotations

import sys


def add_arguments(sub):
    sp = sub.add_parser("recommend", help="films similar to a film: item2vec on MovieLens 100k user histories")
    sp.add_argument("movie", help='a title ("Star Wars (1977)", "the godfather") or a MovieLens item id')
    sp.add_argument("--top", type=int, default=10)
    sp.add_argument("--seed", type=int, default=0)
    sp.add_argument("--data", default=None, metavar="FOLDER_OR_WHEEL",
                    help="the MovieLens files (default: fetched once from PyPI's recbole 1.2.1 wheel)")
    sp.add_argument("--html", default=None, help="also write the film map with the picks marked (offline HTML)")
    sp.add_argument("--method", choices=("pca", "tsne", "umap"), default="tsne", help="projection of --html map")
    sp.set_defaults(func=run)


def run(args):
    from .. import recommend
    from ..datasets.movielens import movielens_100k
    from ..render.language import t

    if args.top < 1:
        raise ValueError(f"--top must be at least 1; got {args.top}")
    model = recommend.train_item2vec(movielens_100k(args.data), seed=args.seed)
    recs = recommend.similar_items(model, args.movie, top=args.top)
    print(t("widgets.recommender.finding", film=model.label(model.find(args.movie))), file=sys.stderr)
    print(t("cli.recommend.columns"))
    for rank, row in zip(recs.index, recs.itertuples()):
        print(f"{rank}\t{row.cosine:.4f}\t{row.title}\t{row.genres}")
    if args.html:
        from ..render import write_html

        fig = recommend.item_map(model, method=args.method, highlight=args.movie, top=args.top,
                                 random_state=args.seed)
        print(write_html(fig, args.html), file=sys.stderr)
