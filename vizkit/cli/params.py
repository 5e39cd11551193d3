"""``vizkit params``: the weights of a model's embedding layer (token, position, total)."""

from __future__ import annotations

import sys

from ..render.language import t


def add_arguments(sub):
    sp = sub.add_parser("params", help="weights of a model's embedding layer (token, position, total)")
    sp.add_argument("--config", metavar="FILE_OR_PRESET",
                    help="a config.json, a model folder, or a preset (gpt3, qwen2.5-1.5b, ...)")
    sp.add_argument("--list", action="store_true", help="list the presets")
    sp.set_defaults(func=run)


def run(args):
    from ..transformer.embedding_params import PRESETS, embedding_params, load_config, row_text

    if args.list:
        for name in PRESETS:
            print(name)
        return
    if not args.config:
        raise ValueError("give --config FILE_OR_FOLDER or a preset name (vizkit params --list shows them)")
    counts = embedding_params(load_config(args.config))
    print("\t".join(t(f"widgets.params.{column}") for column in ("part", "shape", "weights")))
    for part, shape, n in counts.rows():
        print(f"{row_text(part)}\t{row_text(shape)}\t{n}")
    if counts.tied_output is not None:
        print(t("cli.params.tied") if counts.tied_output else t("cli.params.untied", n=counts.token), file=sys.stderr)
