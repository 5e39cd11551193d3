"""Helpers the subcommands share: the ``--source``/``--model`` options and the source they name."""

from __future__ import annotations

from ..errors import VizkitError
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


def add_axes_arguments(sp, x_help: str = "with --method axes: negative:positive poles, e.g. man:woman"):
    """Add ``--x-axis`` / ``--y-axis`` (the poles of ``--method axes``) to a subparser; return it."""
    sp.add_argument("--x-axis", default=None, help=x_help)
    sp.add_argument("--y-axis", default=None, help="with --method axes: e.g. poor:rich (default: most variance left)")
    return sp


def axes_poles(args, *, required: bool = True):
    """``(x, y)`` of ``--method axes`` (y may be ``None``), or ``None``; refuses the options out of place.

    ``required=False``: ``--x-axis`` may be left out (the command has default poles), giving ``None``.
    """
    if args.method != "axes":
        if args.x_axis or args.y_axis:
            raise VizkitError("--x-axis / --y-axis go with --method axes")
        return None
    if not args.x_axis:
        if required:
            raise VizkitError("--method axes needs --x-axis negative:positive (e.g. --x-axis man:woman)")
        if args.y_axis:
            raise VizkitError("--y-axis needs --x-axis too")
        return None
    return args.x_axis, args.y_axis


def axes_projector(args, source=None):
    """The :class:`~vizkit.projection.Axes` of ``--method axes``, or ``None`` for another method.

    Pole words are looked up in ``source`` when given (they need not be among the mapped words).
    """
    poles = axes_poles(args)
    if poles is None:
        return None
    from ..projection import Axes

    return Axes(*poles, source=source)


def add_animation_arguments(sp, static_help: str = "static vector of the first frame"):
    """Add what the static-to-contextual story is made of (``animate``, ``present``): ``--sentences``,
    ``--model``, ``--static``, ``--method`` and its ``--x-axis``/``--y-axis``; return the subparser."""
    sp.add_argument("--sentences", default=None,
                    help="file of 'sense<TAB>sentence' lines (sense optional); default the bundled sentences")
    sp.add_argument("--model", default=None, help="Hugging Face id or folder (default the bundled all-MiniLM-L6-v2)")
    sp.add_argument("--static", choices=tuple(SOURCES), default="llm",
                    help=f"{static_help} (default llm: the model's input embedding)")
    sp.add_argument("--method", choices=("pca", "tsne", "umap", "axes"), default="pca",
                    help="the shared map (default pca), or axes: semantic axes in each layer's space")
    return add_axes_arguments(sp, "with --method axes: negative:positive pole words, e.g. money,loan:river,shore "
                                  "(default: the first two senses' anchor words)")
