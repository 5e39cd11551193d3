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

    if args.clear is not None:
        gone = cache.clear(args.clear or None)
        for item in gone:
            print(f"removed\t{item.label}\t{cache.human_size(item.size)}")
        print(f"{len(gone)} entr{'y' if len(gone) == 1 else 'ies'} removed from {cache.root()}")
        return
    items = cache.entries()
    if args.verify:
        bad = {item.label: problem for item, problem in cache.verify(items, repair=True)}
        for item in items:
            print(f"{'removed' if item.label in bad else 'ok'}\t{item.label}\t{bad.get(item.label, '')}".rstrip())
        print(f"{len(items)} entries checked in {cache.root()}: {len(items) - len(bad)} good, {len(bad)} removed "
              "(rebuilt when next used)")
        return
    print("entry\tsize\tcreated\tbuilt_by")
    for item in items:
        what = item.built_by if item.managed else "(not a vizkit entry: an older cache layout; vizkit cache --verify removes it)"
        print(f"{item.label}\t{cache.human_size(item.size)}\t{item.created or '-'}\t{what}")
    total = sum(i.size for i in items)
    print(f"{len(items)} entries, {cache.human_size(total)} in {cache.root()}")
