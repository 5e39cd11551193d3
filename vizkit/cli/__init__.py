"""The ``vizkit`` command: thin over the same core as the notebooks, one module per subcommand.

Each command module has ``add_arguments(subparsers)``, which builds its subparser, and ``run(args)``, which
does the work; heavy libraries are imported inside ``run`` only.
"""

from __future__ import annotations

import argparse
import sys
import warnings

from ..errors import VizkitError, VizkitWarning
from . import (analogy, animate, atlas, cache, classroom, demo, evaluate, generate, neighbors, occurrences, params,
               present, project, recommend, senses, sources, tokens, train)

COMMANDS = (sources, cache, neighbors, analogy, project, atlas, evaluate, animate, present, occurrences, senses, demo,
            classroom, params, train, tokens, generate, recommend)
"""The command modules, in the order ``vizkit --help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="vizkit", description="See embeddings: neighbours, analogies, 2-D maps.")
    sub = p.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_arguments(sub)
    return p


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    code = 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", VizkitWarning)
        warnings.filterwarnings("ignore", category=FutureWarning)
        try:
            args.func(args)
        except (VizkitError, ValueError, KeyError, FileNotFoundError) as exc:
            msg = str(exc) if not isinstance(exc, KeyError) or isinstance(exc, VizkitError) else str(exc.args[0])
            print(f"error: {msg}", file=sys.stderr)
            code = 1
        except BrokenPipeError:  # `vizkit neighbors x | head`
            code = 0
    for w in caught:
        if issubclass(w.category, VizkitWarning):
            print(f"warning: {w.message}", file=sys.stderr)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
