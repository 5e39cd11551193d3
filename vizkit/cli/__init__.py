"""The ``vizkit`` command: thin over the same core as the notebooks, one module per subcommand.

Each command module has ``add_arguments(subparsers)``, which builds its subparser, and ``run(args)``, which
does the work; heavy libraries are imported inside ``run`` only.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings

from ..errors import VizkitError, VizkitWarning
from ..render.language import LANGUAGES, error_text, set_language, t
from . import (analogy, animate, atlas, cache, classroom, demo, evaluate, generate, neighbors, occurrences, params,
               present, project, recommend, senses, sources, tokens, train)

COMMANDS = (sources, cache, neighbors, analogy, project, atlas, evaluate, animate, present, occurrences, senses, demo,
            classroom, params, train, tokens, generate, recommend)
"""The command modules, in the order ``vizkit --help`` lists them."""


LANG_HELP = "the language of the pages and messages a learner reads: en or zh (default: VIZKIT_LANG, else the locale)"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="vizkit", description="See embeddings: neighbours, analogies, 2-D maps.")
    p.add_argument("--lang", choices=tuple(LANGUAGES), default=None, help=LANG_HELP)
    sub = p.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_arguments(sub)
    for parser in sub.choices.values():  # `vizkit atlas ... --lang zh` as well as `vizkit --lang zh atlas ...`
        parser.add_argument("--lang", choices=tuple(LANGUAGES), default=argparse.SUPPRESS, help=LANG_HELP)
    return p


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    if args.lang is None:
        return _run(args)
    saved = os.environ.get("VIZKIT_LANG")
    set_language(args.lang)
    os.environ["VIZKIT_LANG"] = args.lang  # and the kernels `vizkit classroom` starts
    try:
        return _run(args)
    finally:  # main() called in a process that goes on (a notebook, a test) leaves its language as it was
        set_language(None)
        if saved is None:
            os.environ.pop("VIZKIT_LANG", None)
        else:
            os.environ["VIZKIT_LANG"] = saved


def _run(args) -> int:
    code = 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", VizkitWarning)
        warnings.filterwarnings("ignore", category=FutureWarning)
        try:
            args.func(args)
        except (VizkitError, ValueError, KeyError, FileNotFoundError) as exc:
            msg = error_text(exc) if not isinstance(exc, KeyError) or isinstance(exc, VizkitError) else str(exc.args[0])
            print(t("cli.error", msg=msg), file=sys.stderr)
            code = 1
        except BrokenPipeError:  # `vizkit neighbors x | head`
            code = 0
    for w in caught:
        if issubclass(w.category, VizkitWarning):
            print(t("cli.warning", msg=w.message), file=sys.stderr)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
