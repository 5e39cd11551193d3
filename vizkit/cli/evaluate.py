"""``vizkit evaluate``: WordSim-353, SimLex-999 and Google analogy scores of a source."""

from __future__ import annotations

import sys

from ._common import add_source_arguments, load_source


def add_arguments(sub):
    sp = add_source_arguments(sub.add_parser("evaluate", help="WordSim-353, SimLex-999 and Google analogy scores"))
    sp.set_defaults(func=run)


#: fewer items than this covered, a score says nothing (a correlation over three pairs is +-1 by chance)
MIN_COVERED = 30


def run(args):
    from ..errors import VizkitError
    from ..metrics.evaluation import evaluate
    from ..render.language import t

    scores = evaluate(load_source(args))
    if all(s.covered < MIN_COVERED for s in scores):
        covered = ", ".join(f"{s.name} {s.covered}/{s.total}" for s in scores)
        raise VizkitError(t("cli.evaluate.not_english", source=args.source, covered=covered))
    for score in scores:
        print(f"{score.name}\t{score.value:.4f}")
        print("  " + t("cli.evaluate.covered", name=score.name, covered=score.covered, total=score.total),
              file=sys.stderr)
