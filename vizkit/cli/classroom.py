"""``vizkit classroom``: run notebooks headless and write them as static offline pages."""

from __future__ import annotations


def add_arguments(sub):
    sp = sub.add_parser("classroom", help="run notebooks headless and write them as static offline pages")
    sp.add_argument("notebooks", nargs="+", metavar="NOTEBOOK_OR_DIR",
                    help="a .ipynb file, or a folder: its notebooks")
    sp.add_argument("--out", required=True, metavar="DIR", help="folder to write <notebook>.html and index.html into")
    sp.add_argument("--timeout", type=int, default=600, metavar="SECONDS",
                    help="seconds one cell may run (default 600)")
    sp.set_defaults(func=run)


def run(args):
    from ..classroom import render_notebooks

    for path in render_notebooks(args.notebooks, args.out, timeout=args.timeout, progress=True):
        print(path)
