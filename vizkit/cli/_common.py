"""Helpers the subcommands share: the ``--source``/``--model`` options and the source they name."""

from __future__ import annotations

from ..sources import SOURCES


def add_source_arguments(sp):
    """Add ``--source`` (a name of the source registry) and ``--model`` to a subparser; return it."""
    sp.add_argument("--source", choices=tuple(SOURCES), default="glove", help="embedding source (default glove)")
    sp.add_argument("--model", default=None,
                    help="a vectors file, gensim-data name or Hugging Face id instead of the source's default")
    return sp


def load_source(args):
    """The source ``--source``/``--model`` name; Word2Vec and FastText show their training progress."""
    from ..sources import get_source

    kwargs = {}
    if SOURCES[args.source].trained and args.model is None:
        kwargs["progress"] = True
    return get_source(args.source, args.model, **kwargs)


def print_pairs(pairs):
    """Print ``word<TAB>score`` lines, the score to four decimals."""
    for word, score in pairs:
        print(f"{word}\t{score:.4f}")
