"""Packages fetched once from the npm registry with the ``npm`` client, checked against their pinned integrity."""

from __future__ import annotations

import base64
import glob
import hashlib
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from ..errors import VizkitError

__all__ = ["fetch"]


def fetch(spec: str, dest: Path, *, integrity: str | None = None, alternative: str = "") -> Path:
    """Unpack the npm package ``spec`` (``name@version``) into ``dest``; return its ``package`` folder.

    Parameters
    ----------
    spec : str
        ``name@version`` as ``npm pack`` takes it.
    dest : Path
        Folder to unpack into (created).
    integrity : str, optional
        The registry's ``sha512-<base64>`` integrity of the tarball; a tarball that does not match is refused.
    alternative : str
        What the user can do instead when npm is not installed (ends the message).

    Raises
    ------
    VizkitError
        npm is missing, ``npm pack`` fails, or the tarball is not the pinned one.
    """
    npm = shutil.which("npm")
    if npm is None:
        raise VizkitError(
            f"fetching {spec} needs npm (Node.js) to download it from the npm registry. "
            "Install Node.js (apt-get install npm / brew install node)" + (f", or {alternative}." if alternative else ".")
        )
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [npm, "pack", spec, "--pack-destination", tmp, "--silent"],
            capture_output=True, text=True, timeout=600,
        )
        tgz = glob.glob(os.path.join(tmp, "*.tgz"))
        if proc.returncode != 0 or not tgz:
            raise VizkitError(f"npm pack {spec} failed: {proc.stderr.strip()[-500:]}")
        if integrity:
            got = "sha512-" + base64.b64encode(hashlib.sha512(Path(tgz[0]).read_bytes()).digest()).decode()
            if got != integrity:
                raise VizkitError(f"npm pack {spec} gave a tarball whose SHA-512 is not the registry's ({got[:20]}... "
                                  f"instead of {integrity[:20]}...); the download was damaged: try again")
        with tarfile.open(tgz[0]) as tar:
            tar.extractall(dest, filter="data")
    return dest / "package"
