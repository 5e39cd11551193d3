"""Fail-fast access to online model stores (gensim-data, Hugging Face Hub)."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from urllib.parse import urlparse

from ..errors import OfflineError, require

GENSIM_DATA_URL = "https://github.com/RaRe-Technologies/gensim-data/releases/download"


def reachable(url: str, timeout: float = 3.0) -> bool:
    """Whether a TCP connection to the host of ``url`` opens within ``timeout`` seconds."""
    parts = urlparse(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return True
    except OSError:
        return False


def gensim_data(name: str):
    """Load a gensim-data model (``glove-wiki-gigaword-100``...) as KeyedVectors.

    Uses the local copy in ``$GENSIM_DATA_DIR`` (or ``~/gensim-data``) when there
    is one; otherwise downloads it, failing within seconds when offline.
    """
    require("gensim", "word2vec")
    base = Path(os.environ.get("GENSIM_DATA_DIR", Path.home() / "gensim-data"))
    local = base / name
    if not (local.is_dir() and any(local.iterdir())):
        if not reachable(GENSIM_DATA_URL):
            raise OfflineError(
                f"gensim-data model {name!r} is not on this machine and the download server "
                f"cannot be reached (offline?). Use the default offline source, or give a local file "
                f"path, or put the model in {base}/{name}/."
            )
    import gensim.downloader as api

    model = api.load(name)
    return getattr(model, "wv", model)


def hf_reachable(timeout: float = 3.0) -> bool:
    try:
        from huggingface_hub import constants

        endpoint = constants.ENDPOINT
    except Exception:  # pragma: no cover
        endpoint = "https://huggingface.co"
    return reachable(endpoint, timeout)
