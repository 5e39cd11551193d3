"""``vizkit sources``: each source, whether it works offline, its vocabulary size and dimension."""

from __future__ import annotations

from ..errors import VizkitError
from ..render.language import t


def add_arguments(sub):
    sp = sub.add_parser("sources", help="list sources, offline availability, vocabulary size and dimension")
    sp.set_defaults(func=run)


def run(args):
    from ..sources import SOURCES, get_source, source_status

    print(t("cli.sources.columns"))
    for row in source_status():
        size = dim = "-"
        note = row["description"]
        if row["offline"]:
            spec = SOURCES[row["source"]]
            trained = spec.trained
            if not spec.is_ready():
                note += f" ({spec.first_use})"
            else:
                try:
                    src = get_source(row["source"], progress=False) if trained else get_source(row["source"])
                    size, dim = src.vocab_size, src.dim
                except VizkitError as exc:  # pragma: no cover - depends on the machine
                    note += t("cli.sources.failed", error=exc)
        else:
            note += t("cli.sources.enable", fix=row["fix"])
        print(f"{row['source']}\t{t('cli.yes') if row['offline'] else t('cli.no')}\t{size}\t{dim}\t{note}")
