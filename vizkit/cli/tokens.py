"""``vizkit tokens``: a text cut into tokens by real tokenizers (the options and the work live in vizkit.tokenizers)."""

from __future__ import annotations


def add_arguments(sub):
    from ..tokenizers import add_arguments as tokens_arguments

    sp = sub.add_parser("tokens", help="a text cut into tokens by real tokenizers (id<TAB>piece), offline")
    tokens_arguments(sp)
    sp.set_defaults(func=run)


def run(args):
    from ..tokenizers import run as tokenize

    tokenize(args)
