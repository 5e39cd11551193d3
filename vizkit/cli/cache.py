"""``vizkit cache``: list, verify or clear what vizkit has cached."""

from __future__ import annotations


def add_arguments(sub):
    sp = sub.add_parser("cache", help="what vizkit has cached (models, corpora, hidden states): list, verify, clear")
    act = sp.add_mutually_exclusive_group()
    act.add_argument("--verify", action="store_true",
                     help="hash every cached file; remove damaged entries (rebuilt when next used)")
    act.add_argument("--clear", nargs="?", const="", default=None, metavar="NAME",
                     help="remove every entry, or those of one kind or name (e.g. contextual, word2vec/<id>)")
    sp.set_defaults(func=run)


def run(args):
    from .. import cache
    from ..render.language import t

    if args.clear is not None:
        gone = cache.clear(args.clear or None)
        for item in gone:
            print(f"{t('cli.cache.removed')}\t{item.label}\t{cache.human_size(item.size)}")
        key = "cli.cache.cleared.one" if len(gone) == 1 else "cli.cache.cleared.many"
        print(t(key, n=len(gone), root=cache.root()))
        return
    items = cache.entries()
    if args.verify:
        bad = {item.label: problem for item, problem in cache.verify(items, repair=True)}
        for item in items:
            status = t("cli.cache.removed") if item.label in bad else t("cli.cache.ok")
            print(f"{status}\t{item.label}\t{bad.get(item.label, '')}".rstrip())
        print(t("cli.cache.checked", n=len(items), root=cache.root(), good=len(items) - len(bad), bad=len(bad)))
        return
    print(t("cli.cache.columns"))
    for item in items:
        what = item.built_by if item.managed else t("cli.cache.foreign")
        print(f"{item.label}\t{cache.human_size(item.size)}\t{item.created or '-'}\t{what}")
    total = sum(i.size for i in items)
    print(t("cli.cache.total", n=len(items), size=cache.human_size(total), root=cache.root()))
