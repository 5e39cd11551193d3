"""``vizkit demo``: write the demo pages and print their paths."""

from __future__ import annotations


def add_arguments(sub):
    sp = sub.add_parser("demo", help="write the demo pages and print their paths")
    sp.add_argument("--out", default="out", help="folder to write into (default ./out)")
    sp.set_defaults(func=run)


def run(args):
    from ..classroom.demo import run as write_demo

    for path in write_demo(args.out):
        print(path)
