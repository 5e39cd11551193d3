"""``vizkit tokens``: the tokens of a text under real tokenizers, printed, tabled or written as HTML."""

from __future__ import annotations

import sys
from typing import Sequence

from ._registry import REGISTRY, get_tokenizer
from .display import SEED_TEXT, compare_html, comparison_table


def cli(argv: Sequence[str] | None = None) -> int:
    """``vizkit tokens TEXT [--tokenizer NAME ...] [--html FILE] [--table]``: print each token as ``id<TAB>piece``."""
    import argparse

    ap = argparse.ArgumentParser(prog="vizkit tokens", description="tokens of a text under real tokenizers")
    add_arguments(ap)
    return run(ap.parse_args(argv))


def add_arguments(ap) -> None:
    """Arguments of ``vizkit tokens`` (for the main CLI's sub-parser)."""
    ap.add_argument("text", nargs="?", default=None, help="the text (default: the seed's tricky text); - reads stdin")
    ap.add_argument("--tokenizer", "-t", action="append", default=None,
                    help=f"one of {', '.join(REGISTRY)} or a Hugging Face id (repeat for several; default: gpt4)")
    ap.add_argument("--html", default=None, help="also write the coloured comparison as an HTML page")
    ap.add_argument("--table", action="store_true", help="print the comparison table instead of the tokens")


def run(args) -> int:
    from ..render.language import resolve, t as _t

    if args.html:
        from ..render import check_html_path

        check_html_path(args.html, "token page")
    text = SEED_TEXT if args.text is None else sys.stdin.read() if args.text == "-" else args.text
    names = args.tokenizer or ["gpt4"]
    if args.table:
        import pandas as pd

        table = comparison_table(text, names).drop(columns=["files from"])
        headings = {c: _t(f"widgets.tokenizers.column.{c.replace(' ', '_')}") for c in table.columns}
        with pd.option_context("display.unicode.east_asian_width", resolve() == "zh"):  # Chinese headings line up
            print(table.rename(columns=headings).to_string(index=False))
    else:
        for name in names:
            tok = get_tokenizer(name, progress=True)
            if len(names) > 1:
                print(_t("cli.tokens.heading", tokenizer=tok.label, algorithm=tok.algorithm, vocab=tok.vocab_size))
            for t in tok.tokenize(text):
                print(f"{t.id}\t{t.piece!r}")
    if args.html:
        from ..render import Page, t, write_page

        write_page(Page(title=t("tokens.title"), body=compare_html(text, names), generator="vizkit tokens",
                        head="<style>body { max-width: 60em; margin: 1em auto; }</style>"), args.html, what="token page")
    return 0
