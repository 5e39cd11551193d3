"""Fail-fast access to gensim-data's online models (the Hugging Face hub's is in :mod:`vizkit._hf`)."""

from __future__ import annotations

import os
from pathlib import Path

from .. import _hf
from ..errors import OfflineError, require

GENSIM_DATA_URL = "https://github.com/RaRe-Technologies/gensim-data/releases/download"


def gensim_data(name: str):
    """Load a gensim-data model (``glove-wiki-gigaword-100``...) as KeyedVectors.

    Uses the local copy in ``$GENSIM_DATA_DIR`` (or ``~/gensim-data``) when there
    is one; otherwise downloads it, failing within seconds when offline.
    """
    require("gensim", "word2vec")
    base = Path(os.environ.get("GENSIM_DATA_DIR", Path.home() / "gensim-data"))
    local = base / name
    if not (local.is_dir() and any(local.iterdir())):
        if not _hf.reachable(GENSIM_DATA_URL):  # looked up at each call: the tests' no_hub fixture replaces it
            raise OfflineError(
                f"gensim-data model {name!r} is not on this machine and the download server "
                f"cannot be reached (offline?). Use the default offline source, or give a local file "
                f"path, or put the model in {base}/{name}/."
            )
    import gensim.downloader as api

    model = api.load(name)
    return getattr(model, "wv", model)

