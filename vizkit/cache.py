"""What vizkit has cached, from Python: list, verify and clear (the same as ``vizkit cache``).

Examples
--------
>>> from vizkit import cache
>>> table = cache.summary()          # one row per entry: entry, size, created, built_by, managed
>>> bad = cache.verify()             # hash every file; damaged entries are removed and rebuilt on next use
>>> gone = cache.clear("contextual") # drop every cached hidden state
"""

from __future__ import annotations

from ._cache import CacheError, CachedItem, CacheWarning, clear, entries, root, verify

__all__ = ["CacheError", "CacheWarning", "CachedItem", "clear", "entries", "human_size", "root", "summary",
           "verify"]


def human_size(n: int) -> str:
    """``1536`` -> ``"1.5 KB"`` (powers of 1024)."""
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    raise AssertionError("unreachable")  # pragma: no cover


def summary(kind: str | None = None):
    """The cache as a DataFrame: ``entry``, ``size`` (bytes), ``created``, ``built_by``, ``managed``."""
    import pandas as pd

    rows = [{"entry": i.label, "size": i.size, "created": i.created, "built_by": i.built_by, "managed": i.managed}
            for i in entries(kind)]
    return pd.DataFrame(rows, columns=["entry", "size", "created", "built_by", "managed"])
