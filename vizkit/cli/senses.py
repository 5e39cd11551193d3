"""``vizkit senses``: the senses of a word found in its corpus occurrences, and their animation."""

from __future__ import annotations

import sys


def add_arguments(sub):
    sp = sub.add_parser("senses", help="cluster a word's corpus occurrences into senses; the animation coloured by them")
    sp.add_argument("word")
    sp.add_argument("--occurrences", required=True, help="the folder written by `vizkit occurrences`")
    sp.add_argument("--layer", type=int, default=None, help="layer to cluster (default the last one extracted)")
    sp.add_argument("--k", type=int, default=None, help="number of senses (default: chosen by silhouette, 2..6)")
    sp.add_argument("--examples", type=int, default=3, help="typical sentences printed per sense (default 3)")
    sp.add_argument("--out", default=None,
                    help="also write the animation of every occurrence, coloured by sense (one offline HTML file)")
    sp.add_argument("--csv", default=None, help="also write sentence,sense per occurrence")
    sp.set_defaults(func=run)


def run(args):
    from ..corpus.senses import corpus_senses
    from ..render.language import t

    result = corpus_senses(args.word, args.occurrences, layer=args.layer, k=args.k, n_typical=args.examples,
                           out=args.out, csv=args.csv, progress=True)
    s = result.senses
    print(t("cli.senses.summary", word=s.word, k=s.k, layer=s.layer, n=sum(s.sizes),
            scores=", ".join(f"k={k} {v:.3f}" for k, v in s.silhouettes.items())), file=sys.stderr)
    for row, typical in zip(s.table(), s.typical):
        lean = "\t" + t("cli.senses.leans", sense=row["leans_to"]) if row["leans_to"] else ""
        print(f"{row['sense']}\t{row['occurrences']}\t{row['keywords']}{lean}")
        for i in typical:
            print(f"  {s.sentences[i]}")
    if s.ari is not None:
        print(t("cli.senses.ari", ari=f"{s.ari:.3f}"))
    if result.labelled:
        lab = result.labelled
        spread = "; ".join(f"{label}: " + ", ".join(f"{n} {name}" for name, n in row.items() if n)
                           for label, row in lab["counts"].items())
        print(t("cli.senses.labelled", n=lab["sentences"], word=s.word, spread=spread, ari=f"{lab['ari']:.3f}"))
    for path in result.written:
        print(path)
