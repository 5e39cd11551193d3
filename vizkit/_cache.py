"""Where vizkit keeps what it computes once (trained models, corpora, hidden states, fetched files).

Every cached artefact is an *entry*: a folder ``<root>/<kind>/<name>/`` holding
its files and a ``manifest.json`` that records the cache format, the entry's own
format version, what built it from which inputs, and the size and SHA-256 of
every file. The rules:

- **Keys depend on content.** An entry's name is a hash of its inputs (file
  contents, parameters, seeds) and of its format version, so a change in the
  pipeline (pooling, tokenisation) never reuses stale files.
- **Reads are validated.** Before an entry is used its manifest is read and its
  files are checked (size, and the SHA-256 whenever the file is small or its
  modification time changed); the loader itself runs under a guard. A damaged
  entry is rebuilt with one :class:`CacheWarning`, never a traceback and never a
  silently wrong result.
- **Writes are atomic.** An entry is built in a fresh temporary folder next to
  it and renamed into place, under a file lock: two processes building the same
  entry at once both end with one good entry, and a build killed half-way leaves
  only a temporary folder that the next build removes.

``$VIZKIT_CACHE`` moves the root (default ``$XDG_CACHE_HOME/vizkit`` or
``~/.cache/vizkit``). :func:`entries`, :func:`verify` and :func:`clear` are the
Python side of ``vizkit cache``.
"""

from __future__ import annotations

import datetime as _dt
import errno
import hashlib
import json
import os
import shutil
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from .errors import VizkitError, VizkitWarning

__all__ = ["CacheError", "CacheWarning", "Entry", "cache_dir", "clear", "entries", "key", "root", "verify",
           "FORMAT"]

#: version of the cache layout itself (manifest fields, folder shape); part of every key
FORMAT = 1
MANIFEST = "manifest.json"
#: files up to this size are hashed on every read; larger ones when their size or mtime changed
HASH_ON_READ = 64 << 20
_BUILDING = ".building"
_TRASH = ".trash"

T = TypeVar("T")


class CacheError(VizkitError, OSError):
    """The cache folder cannot be used (read-only, full, not a folder)."""


class CacheWarning(VizkitWarning):
    """A cache entry was damaged or stale and is being rebuilt."""


def root() -> Path:
    """The cache root: ``$VIZKIT_CACHE``, else ``$XDG_CACHE_HOME/vizkit`` or ``~/.cache/vizkit``."""
    env = os.environ.get("VIZKIT_CACHE")
    if env:
        return Path(env).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "vizkit"


def _unusable(path: Path, exc: OSError) -> CacheError:
    why = {errno.EACCES: "is not writable", errno.EROFS: "is on a read-only file system",
           errno.ENOSPC: "is full (no space left on the device)", errno.EDQUOT: "is over its disk quota",
           errno.ENOTDIR: "is not a folder", errno.EEXIST: "is not a folder"}.get(exc.errno, f"cannot be used ({exc})")
    return CacheError(f"the vizkit cache {root()} {why} (at {path}); free space there or point VIZKIT_CACHE at "
                      "a writable folder, e.g. export VIZKIT_CACHE=/tmp/vizkit-cache")


def cache_dir(*parts: str) -> Path:
    """Return (and create) a folder under the cache root.

    Raises
    ------
    CacheError
        The folder cannot be created or written; the message names it and
        ``VIZKIT_CACHE``.
    """
    path = root().joinpath(*parts)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _unusable(path, exc) from None
    return path


def key(*items) -> str:
    """A short stable hash of JSON-serialisable items (with the cache format), for entry names."""
    blob = json.dumps([FORMAT, *items], sort_keys=True, default=str, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:20]


def array_sha256(*arrays) -> str:
    """SHA-256 of numpy arrays' content: each one's dtype, shape and bytes (C order), for cache keys."""
    import numpy as np

    digest = hashlib.sha256()
    for a in arrays:
        a = np.ascontiguousarray(a)
        digest.update(f"{a.dtype.str} {a.shape}\n".encode())
        digest.update(memoryview(a).cast("B"))
    return digest.hexdigest()


def file_sha256(path) -> str:
    """SHA-256 of a (large) file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_DIGESTS: dict = {}


def folder_digest(folder) -> str:
    """SHA-256 over every file of a folder (names and contents), memoised per process by size and mtime."""
    folder = Path(folder).resolve()
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(MANIFEST))
    stamp = tuple((p.relative_to(folder).as_posix(), p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    memo = _DIGESTS.get(folder)
    if memo is None or memo[0] != stamp:
        digest = hashlib.sha256()
        for p, (rel, _, _) in zip(files, stamp):
            digest.update(f"{rel}\0{file_sha256(p)}\n".encode())
        memo = _DIGESTS[folder] = (stamp, digest.hexdigest())
    return memo[1]


def has_files(*names: str) -> Callable[[Path], Path]:
    """A loader for :meth:`Entry.get` that returns the entry's folder once ``names`` are all in it."""
    def load(folder: Path) -> Path:
        missing = [n for n in names if not (folder / n).is_file()]
        if missing:
            raise FileNotFoundError(f"{folder} lacks {', '.join(missing)}")
        return folder

    return load


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def _lock(path: Path):
    from filelock import FileLock

    return FileLock(str(path), timeout=-1)


@dataclass
class Entry:
    """One cached artefact: the folder ``<root>/<kind>/<name>``.

    Parameters
    ----------
    kind : str
        The cache's top folder for this sort of artefact (``"word2vec"``, ``"contextual"``).
    inputs : dict
        What the entry is built from (content hashes, parameters, seed):
        JSON-serialisable; hashed with ``version`` into the entry's name and
        recorded in the manifest.
    version : int
        Format version of this kind of entry: raise it when what is written
        changes, so old entries are never read again.
    built_by : str
        A short human description for ``vizkit cache`` ("Word2Vec trained on ...").
    name : str, optional
        A fixed name instead of the hash (for entries found by name, such as a
        model folder). The manifest still records ``inputs`` and ``version`` and
        an entry whose manifest disagrees is rebuilt.

    Examples
    --------
    >>> import numpy as np, tempfile, os
    >>> os.environ["VIZKIT_CACHE"] = tempfile.mkdtemp()
    >>> e = Entry("demo", {"n": 3}, version=1, built_by="three zeros")
    >>> e.get(lambda d: np.save(d / "a.npy", np.zeros(3)), lambda d: np.load(d / "a.npy")).tolist()
    [0.0, 0.0, 0.0]
    """

    kind: str
    inputs: dict
    version: int
    built_by: str = ""
    name: str | None = None
    _path: Path | None = field(default=None, init=False, repr=False)

    @property
    def path(self) -> Path:
        if self._path is None:
            name = self.name or key(self.kind, self.version, self.inputs)
            self._path = cache_dir(self.kind) / name
        return self._path

    # ------------------------------------------------------------ reading
    def manifest(self) -> dict | None:
        try:
            return json.loads((self.path / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def problem(self, *, deep: bool = False) -> str | None:
        """Why the entry cannot be used (``"missing"``, ``"damaged: ..."``), or ``None`` when it is good.

        ``deep=True`` hashes every file; otherwise a file is hashed when it is
        small (up to 64 MiB) or its size or modification time is not the one
        recorded.
        """
        if not self.path.is_dir():
            return "missing"
        man = self.manifest()
        if man is None:
            return "damaged: no readable manifest"
        if man.get("format") != FORMAT or man.get("version") != self.version:
            return f"stale: format {man.get('format')}/{man.get('version')}, now {FORMAT}/{self.version}"
        if self.name and json.loads(json.dumps(self.inputs, default=str)) != man.get("inputs"):
            return "stale: built from other inputs"
        return _check_files(self.path, man.get("files") or {}, deep=deep)

    def get(self, build: Callable[[Path], object], load: Callable[[Path], T]) -> T:
        """``load(folder)`` of a good entry; otherwise ``build(tmp_folder)`` first, then load.

        ``build`` writes the entry's files into the folder it is given (a fresh
        temporary one); ``load`` reads them. A damaged entry, or one whose
        ``load`` raises, is rebuilt once with a :class:`CacheWarning`.
        """
        reason, force = self.problem(), False
        if reason is None:
            try:
                return load(self.path)
            except Exception as exc:  # a loader fails on a damaged file in its own way; rebuild instead
                reason, force = f"unreadable ({type(exc).__name__}: {str(exc)[:160]})", True
        self.build(build, reason=reason, force=force)
        return load(self.path)

    def remove(self) -> None:
        """Delete the entry (atomically: moved aside first); the next use builds it again."""
        if self.path.exists():
            _remove(self.path)

    # ------------------------------------------------------------ writing
    def build(self, build: Callable[[Path], object], *, reason: str = "missing", force: bool = False) -> Path:
        """Build the entry atomically under a lock (skipped when another process just built it).

        ``force`` rebuilds even an entry whose files check out (its loader
        rejected them).
        """
        folder = self.path.parent
        try:
            lock = _lock(folder / f"{self.path.name}.lock")
            lock.acquire()
        except OSError as exc:
            raise _unusable(folder, exc) from None
        try:
            if force or (reason != "missing" and self.problem() is not None):
                warnings.warn(f"cache entry {self.kind}/{self.path.name} ({self.built_by or self.kind}) is {reason}; "
                              "rebuilding it", CacheWarning, stacklevel=3)
            elif self.problem() is None:  # built by another process while we waited for the lock
                return self.path
            _sweep(folder, holding=self.path.name)
            try:
                tmp = Path(tempfile.mkdtemp(prefix=f"{self.path.name}.", suffix=_BUILDING, dir=folder))
            except OSError as exc:
                raise _unusable(folder, exc) from None
            try:
                build(tmp)
                files = {}
                for f in sorted(p for p in tmp.rglob("*") if p.is_file()):
                    st = f.stat()
                    files[f.relative_to(tmp).as_posix()] = {"size": st.st_size, "sha256": file_sha256(f),
                                                            "mtime_ns": st.st_mtime_ns}
                from . import __version__

                man = {"format": FORMAT, "kind": self.kind, "version": self.version, "built_by": self.built_by,
                       "vizkit": __version__, "created": _now(),
                       "inputs": json.loads(json.dumps(self.inputs, default=str)), "files": files}
                (tmp / MANIFEST).write_text(json.dumps(man, indent=1, ensure_ascii=False), encoding="utf-8")
                if self.path.exists():
                    _remove(self.path)
                os.replace(tmp, self.path)
            except OSError as exc:
                shutil.rmtree(tmp, ignore_errors=True)
                if exc.errno in (errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EDQUOT):
                    raise _unusable(folder, exc) from None
                raise
            except BaseException:
                shutil.rmtree(tmp, ignore_errors=True)
                raise
        finally:
            lock.release()
        return self.path


def _sweep(folder: Path, holding: str | None = None) -> None:
    """Remove what killed builds left in ``folder``: temporary folders whose entry's lock nobody holds."""
    from filelock import Timeout

    for left in folder.glob(f"*{_BUILDING}"):
        name = left.name[: -len(_BUILDING)].rsplit(".", 1)[0]  # "<name>.<random, no dots>.building"
        if name == holding:
            shutil.rmtree(left, ignore_errors=True)
            continue
        try:
            with _lock(folder / f"{name}.lock").acquire(timeout=0):
                shutil.rmtree(left, ignore_errors=True)
        except (Timeout, OSError):
            pass  # being built right now by another process (or not ours to remove)


def _check_files(folder: Path, files: dict, *, deep: bool) -> str | None:
    if not files:
        return "damaged: the manifest lists no files"
    touched = {}
    for rel, rec in files.items():
        f = folder / rel
        try:
            st = f.stat()
        except OSError:
            return f"damaged: {rel} is missing"
        if st.st_size != rec.get("size"):
            return f"damaged: {rel} has {st.st_size} bytes, {rec.get('size')} were written"
        if deep or st.st_size <= HASH_ON_READ or st.st_mtime_ns != rec.get("mtime_ns"):
            if file_sha256(f) != rec.get("sha256"):
                return f"damaged: {rel} does not have the SHA-256 it was written with"
            touched[rel] = st.st_mtime_ns
    moved = {rel: t for rel, t in touched.items() if t != files[rel].get("mtime_ns")}
    if moved:  # same content, new times (a copied cache): record them so large files are not hashed every read
        _restamp(folder, moved)
    return None


def _restamp(folder: Path, mtimes: dict) -> None:
    try:
        man = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        for rel, t in mtimes.items():
            man["files"][rel]["mtime_ns"] = t
        fd, tmp = tempfile.mkstemp(prefix=MANIFEST + ".", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(man, fh, indent=1, ensure_ascii=False)
        os.replace(tmp, folder / MANIFEST)
    except (OSError, ValueError, KeyError):
        pass  # a read-only cache: the files are hashed again next time, nothing worse


def _remove(path: Path) -> None:
    """Move a folder aside (atomic), then delete it: a reader never sees it half-deleted."""
    trash = Path(tempfile.mkdtemp(prefix=path.name + ".", suffix=_TRASH, dir=path.parent))
    os.replace(path, trash / path.name)
    shutil.rmtree(trash, ignore_errors=True)


# ------------------------------------------------------------------ listing
@dataclass
class CachedItem:
    """One row of :func:`entries`: an entry (or a file vizkit no longer manages) and its state."""

    kind: str
    name: str
    path: Path
    size: int
    built_by: str
    created: str
    managed: bool
    manifest: dict | None = None

    @property
    def label(self) -> str:
        return f"{self.kind}/{self.name}"


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def entries(kind: str | None = None) -> list[CachedItem]:
    """Everything in the cache, entry by entry; what has no manifest is listed as unmanaged.

    ``kind`` keeps the entries under one top folder (``"word2vec"``).
    """
    base = root()
    if not base.is_dir():
        return []
    out = list(_walk(base, base))
    return [i for i in out if kind is None or i.kind.split("/")[0] == kind]


def _walk(base: Path, folder: Path):
    for item in sorted(folder.iterdir()):
        if item.name.endswith((".lock", _BUILDING, _TRASH)) or item.suffix == ".whl":
            continue  # (a wheel is one a user put there by hand for offline use: theirs, not an entry)
        man = None
        if (item / MANIFEST).is_file():
            try:
                man = json.loads((item / MANIFEST).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                man = {}
        elif item.is_dir() and (folder == base or not any(item.iterdir()) or any(item.rglob(MANIFEST))):
            yield from _walk(base, item)  # a kind's folder (or a folder of kinds); empty ones list nothing
            continue
        kind = folder.relative_to(base).as_posix() if folder != base else ""
        yield CachedItem(kind, item.name, item, _size(item), (man or {}).get("built_by", ""),
                         (man or {}).get("created", ""), bool(man), man)


def verify(items: Iterable[CachedItem] | None = None, *, repair: bool = True) -> list[tuple[CachedItem, str]]:
    """Check every entry (every file hashed); return ``(item, problem)`` for the bad ones.

    With ``repair=True`` a bad or unmanaged entry is removed: the next use
    rebuilds it (re-fetching or retraining as needed).
    """
    bad = []
    if repair and root().is_dir():
        for folder in {p.parent for p in root().rglob(f"*{_BUILDING}")}:
            _sweep(folder)
    for item in entries() if items is None else items:
        if not item.managed:
            problem = "not a vizkit entry (an older cache layout, or a file left by hand)"
        else:
            man = item.manifest or {}
            if man.get("format") != FORMAT:
                problem = f"stale: cache format {man.get('format')}, now {FORMAT}"
            else:
                problem = _check_files(item.path, man.get("files") or {}, deep=True)
        if problem:
            bad.append((item, problem))
            if repair:
                discard(item.path)
    return bad


def discard(path: Path) -> None:
    """Delete an entry's folder (or a stray file) atomically."""
    if path.is_dir():
        _remove(path)
    else:
        path.unlink(missing_ok=True)


def clear(name: str | None = None) -> list[CachedItem]:
    """Remove every entry, or those whose kind or ``kind/name`` starts with ``name``; returns what went."""
    gone = []
    for item in entries():
        if name is None or item.label.startswith(name) or item.kind.split("/")[0] == name:
            discard(item.path)
            gone.append(item)
    return gone
