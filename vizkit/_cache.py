"""Where vizkit keeps what it computes once (trained models, corpora, hidden states)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path


def cache_dir(*parts: str) -> Path:
    """Return (and create) a folder under the vizkit cache.

    The root is ``$VIZKIT_CACHE`` when set, else ``$XDG_CACHE_HOME/vizkit`` or
    ``~/.cache/vizkit``.
    """
    root = os.environ.get("VIZKIT_CACHE")
    if root:
        base = Path(root)
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "vizkit"
    path = base.joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


def key(*items) -> str:
    """A short stable hash of JSON-serialisable items, for cache file names."""
    blob = json.dumps(items, sort_keys=True, default=str, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:20]
