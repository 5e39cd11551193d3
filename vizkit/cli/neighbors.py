"""``vizkit neighbors``: the nearest words to a word by cosine."""

from __future__ import annotations

from ._common import add_source_arguments, load_source, print_pairs


def add_arguments(sub):
    sp = add_source_arguments(sub.add_parser("neighbors", help="nearest words by cosine"))
    sp.add_argument("word")
    sp.add_argument("--top", type=int, default=10)
    sp.set_defaults(func=run)


def run(args):
    print_pairs(load_source(args).most_similar(args.word, top=args.top))
