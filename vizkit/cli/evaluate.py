"""``vizkit evaluate``: WordSim-353, SimLex-999 and Google analogy scores of a source."""

from __future__ import annotations

import sys

from ._common import add_source_arguments, load_source


def add_arguments(sub):
    sp = add_source_arguments(sub.add_parser("evaluate", help="WordSim-353, SimLex-999 and Google analogy scores"))
    sp.set_defaults(func=run)


def run(args):
    from ..metrics.evaluation import evaluate

    for score in evaluate(load_source(args)):
        print(f"{score.name}\t{score.value:.4f}")
        print(f"  {score.name}: {score.covered}/{score.total} items covered", file=sys.stderr)
