"""``vizkit analogy``: the words nearest to A - B + C."""

from __future__ import annotations

from ._common import add_source_arguments, load_source, print_pairs


def add_arguments(sub):
    sp = add_source_arguments(sub.add_parser("analogy", help="words nearest to A - B + C"))
    sp.add_argument("a")
    sp.add_argument("b")
    sp.add_argument("c")
    sp.add_argument("--top", type=int, default=5)
    sp.set_defaults(func=run)


def run(args):
    print_pairs(load_source(args).analogy(args.a, args.b, args.c, top=args.top))
