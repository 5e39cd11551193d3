"""The extraction's output folder: Parquet shards (one per corpus chunk with occurrences) and a manifest.

``DIR/manifest.json`` holds the parameters of the run (words, model identity,
layers, corpus identity, chunk size, format version) and one record per
finished chunk (rows, occurrences per word, the shard's file name and SHA-256).
``DIR/shards/*.parquet`` hold one row per occurrence and layer:

=================  ======================================================
word               the matched word (as asked)
layer              0 is the embedding output
doc_id             ``<file>:<byte offset of the line>`` or ``<file>#<row>``
sentence_id        index of the sentence in its document
sentence           the sentence's text
char_start/end     the word's span in the sentence
window_start/end   the characters read when the sentence was too long (else null)
sense              the sense label, when the corpus gives one (else null)
subtokens          the word's sub-tokens, space-separated (mean-pooled when several)
vector             float32, the hidden state (fixed-size list)
=================  ======================================================

Every file is written under a temporary name and renamed when complete, so a
killed run leaves finished shards and no half-written one; a shard whose
SHA-256 no longer matches the manifest is redone.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import numpy as np

from .. import _cache
from ..errors import InputError, VizkitError

__all__ = ["FORMAT_VERSION", "Manifest", "write_shard", "read_manifest", "read_table", "DiskFullError"]

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
COLUMNS = ("word", "layer", "doc_id", "sentence_id", "sentence", "char_start", "char_end", "window_start",
           "window_end", "sense", "subtokens", "vector")


class DiskFullError(VizkitError):
    """The disk filled up while writing; the finished shards are kept and a re-run continues from them."""


def _atomic_write(path: Path, write) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFullError(f"the disk is full writing {path}: the finished shards in {path.parent} are kept; "
                                "free some space and run the same command again to continue") from None
        raise


def write_shard(folder: Path, name: str, rows: dict) -> dict:
    """Write one shard (column -> list/array, ``vector`` a 2-D float32 array); its file name, rows and SHA-256."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    vectors = np.ascontiguousarray(rows["vector"], dtype=np.float32)
    n, d = vectors.shape
    types = _types()
    table = pa.table({**{k: pa.array(rows[k], type=types[k]) for k in COLUMNS if k != "vector"},
                      "vector": pa.FixedSizeListArray.from_arrays(pa.array(vectors.reshape(-1)), d)})
    path = folder / "shards" / f"{name}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"))
    return {"file": f"shards/{path.name}", "rows": n, "sha256": _cache.file_sha256(path)}


def _types():
    import pyarrow as pa

    return {"word": pa.string(), "layer": pa.int16(), "doc_id": pa.string(), "sentence_id": pa.int32(),
            "sentence": pa.string(), "char_start": pa.int32(), "char_end": pa.int32(), "window_start": pa.int32(),
            "window_end": pa.int32(), "sense": pa.string(), "subtokens": pa.string()}


class Manifest:
    """The run's parameters and finished chunks, kept in ``DIR/manifest.json`` (rewritten atomically)."""

    def __init__(self, folder: Path, params: dict):
        self.folder = Path(folder)
        self.params = {"format": FORMAT_VERSION, **params}
        self.chunks: dict[str, dict] = {}
        self.complete = False

    @property
    def path(self) -> Path:
        return self.folder / MANIFEST

    @classmethod
    def open(cls, folder, params: dict, *, overwrite: bool = False) -> "Manifest":
        """The manifest of ``folder`` for a run with ``params``: the finished chunks of an earlier run kept.

        Raises InputError when the folder holds a run with other parameters (unless ``overwrite``).
        """
        m = cls(folder, params)
        for tmp in (m.folder / "shards").glob(".*.tmp") if (m.folder / "shards").is_dir() else ():
            tmp.unlink(missing_ok=True)  # a shard half-written by a killed run
        if m.path.exists() and not overwrite:
            try:
                old = json.loads(m.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                old = None  # a damaged manifest: start over
            if old is not None and old.get("params") != m.params:
                diff = sorted(k for k in set(old.get("params", {})) | set(m.params)
                              if old.get("params", {}).get(k) != m.params.get(k))
                raise InputError(f"{folder} holds an extraction with other settings ({', '.join(diff)}); "
                                 "give another --out, or --overwrite to replace it")
            if old is not None:
                m.chunks = {cid: rec for cid, rec in old.get("chunks", {}).items() if m._intact(rec)}
        elif overwrite and m.folder.exists():
            import shutil

            for p in (m.path, m.folder / "shards"):
                if p.is_dir():
                    shutil.rmtree(p)
                elif p.exists():
                    p.unlink()
        return m

    def _intact(self, rec: dict) -> bool:
        if not rec.get("rows"):
            return "file" not in rec
        path = self.folder / rec.get("file", "")
        return path.is_file() and _cache.file_sha256(path) == rec.get("sha256")

    def add(self, chunk_id: str, record: dict) -> None:
        self.chunks[chunk_id] = record
        self.save()

    def save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"params": self.params, "complete": self.complete, "counts": self.counts(),
                           "chunks": self.chunks}, indent=1, sort_keys=True)
        _atomic_write(self.path, lambda tmp: tmp.write_text(text, encoding="utf-8"))

    def remove(self) -> None:
        """Delete the manifest and the shards, and the folder when nothing else is left in it."""
        import shutil

        self.path.unlink(missing_ok=True)
        shutil.rmtree(self.folder / "shards", ignore_errors=True)
        try:
            self.folder.rmdir()
        except OSError:
            pass  # not empty (the user's own files) or already gone

    def counts(self) -> dict[str, int]:
        """Occurrences of each word over the finished chunks."""
        out = {w: 0 for w in self.params.get("words", [])}
        for rec in self.chunks.values():
            for w, n in rec.get("counts", {}).items():
                out[w] = out.get(w, 0) + n
        return out

    def shard_files(self) -> list[Path]:
        return [self.folder / rec["file"] for _, rec in sorted(self.chunks.items(), key=lambda kv: kv[1]["order"])
                if rec.get("rows")]


def read_manifest(folder) -> dict:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise InputError(f"{folder} holds no extraction (no {MANIFEST}); run `vizkit occurrences ... --out {folder}`")
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("params", {}).get("format") != FORMAT_VERSION:
        raise InputError(f"{folder} was written by another vizkit (format {data.get('params', {}).get('format')}, "
                         f"this one reads {FORMAT_VERSION}); extract again")
    return data


def read_table(folder, *, word: str | None = None, layer: int | None = None, columns=None, manifest=None):
    """The rows of a finished extraction as a pyarrow Table, filtered by word and layer, in corpus order.

    ``manifest``: what :func:`read_manifest` gave, when the caller has read it already."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = read_manifest(folder) if manifest is None else manifest
    if not data.get("complete"):
        raise InputError(f"the extraction in {folder} did not finish; run the same command again to complete it")
    recs = sorted((r for r in data["chunks"].values() if r.get("rows")), key=lambda r: r["order"])
    filters = [(k, "=", v) for k, v in (("word", word), ("layer", layer)) if v is not None]
    parts = [pq.read_table(Path(folder) / r["file"], columns=columns, filters=filters or None) for r in recs]
    if not parts:
        return None
    return pa.concat_tables(parts)
