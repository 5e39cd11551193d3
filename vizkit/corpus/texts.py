"""Texts as vectors in chunks, in this process or on Dask, resumable: the work behind ``embed_texts``.

The texts are cut into chunks (:func:`chunk_texts`: about 64 of them, 256 to
:data:`CHUNK_TEXTS` texts each, a whole number of batches). Each chunk is one
task of an engine (:mod:`.engines`): in this process, or on a Dask worker that
loads the model on its first task and keeps it. The caller's ``encode(llm,
texts, batch_size)`` embeds a chunk (``vizkit.sentence_embeddings`` passes its
sentence vectors: batches of ``batch_size`` in the texts' order). A chunk starts
at a multiple of ``batch_size``, so its batches are those of all the texts
embedded at once, and every engine gives the same vectors.

Each finished chunk is written at once as a cache entry of its own
(``sentence-vectors-chunks``, keyed by the chunk's texts, the caller's
``inputs``, such as the model, the pooling and the batch size, and its
``version``; written atomically, checked when read, see :mod:`vizkit._cache`). A
run that is stopped leaves its finished chunks there; the next run with the same
texts reads them and embeds only the others. When every chunk is done,
``embed_texts`` keeps the whole array as one entry and removes the chunk entries
(:func:`forget_chunks`).
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from .. import _cache
from ..errors import InputError

__all__ = ["CHUNK_TEXTS", "TextChunk", "TextSpec", "TextsRun", "embed_chunks", "embed_chunk", "chunk_texts",
           "forget_chunks"]

CHUNK_TEXTS = 2048
"""Texts per task at most: 32 batches of 64, about 16 s of MiniLM on one core."""
MIN_CHUNK_TEXTS = 256
"""Texts per task at least (a task costs the scheduler a few milliseconds and the cache one small entry)."""
CHUNK_KIND = "sentence-vectors-chunks"


@dataclass(frozen=True)
class TextSpec:
    """What a task needs besides its texts (small and picklable: it travels to Dask workers)."""

    encode: Callable  # encode(llm, texts, batch_size) -> (n, d) array; module-level, so Dask pickles its name
    model: str
    batch_size: int
    threads: int | None = None  # torch threads per task (set by the Dask engine); None: torch's default
    device: str | None = None


@dataclass(frozen=True)
class TextChunk:
    """Some consecutive texts: ``start`` is the first one's index, ``id`` the SHA-256 of their content."""

    id: str
    start: int
    texts: tuple[str, ...]


@dataclass
class TextsRun:
    """A finished run: the vectors, how many chunks were embedded now or read back, what it took."""

    vectors: np.ndarray
    chunks: int
    reused: int  # chunks finished by an earlier run and read back, not embedded again
    seconds: float  # embedding only: the cluster started and the models loaded before the clock
    engine: str
    worker_peak_mb: list[float] = field(default_factory=list)

    @property
    def computed(self) -> int:
        return self.chunks - self.reused


def texts_sha256(texts: Sequence[str]) -> str:
    return hashlib.sha256("\0".join(texts).encode("utf-8")).hexdigest()


def chunk_texts(texts: Sequence[str], chunk_size: int | None = None, batch_size: int = 64) -> list[TextChunk]:
    """``texts`` in consecutive chunks of ``chunk_size`` texts, rounded up to a multiple of ``batch_size``.

    By default the texts make about 64 chunks, of 256 to 2,048 texts: enough tasks to keep every worker of a
    small cluster busy to the end, few enough to cost nothing. The size depends on the number of texts only,
    so a run resumed with another number of workers finds the chunks of the first.
    """
    if chunk_size is None:
        chunk_size = min(CHUNK_TEXTS, max(MIN_CHUNK_TEXTS, -(-len(texts) // 64)))
    if int(batch_size) < 1 or int(chunk_size) < 1:
        raise InputError(f"batch_size and chunk_size must be at least 1; got {batch_size} and {chunk_size}")
    size = -(-int(chunk_size) // int(batch_size)) * int(batch_size)
    return [TextChunk(texts_sha256(texts[a:a + size]), a, tuple(texts[a:a + size]))
            for a in range(0, len(texts), size)]


def _model_name(llm) -> str:
    """What a worker passes to ``LLM()`` to load ``llm``: its name, or its folder when the name is the folder's."""
    path = str(llm.path)
    return path if os.path.isdir(path) and Path(path).name == llm.name else llm.name


def _worker_model(spec: TextSpec):
    """The worker's model, its weights loaded (on its first task, or when warmed, and kept: one per process)."""
    from .extract import _model

    llm = _model(spec)
    llm.model  # noqa: B018 - LLM loads lazily: load now, so warming the workers loads the weights
    return llm


def embed_chunk(spec: TextSpec, chunk: TextChunk, order: int) -> dict:
    """Run one chunk on a worker: its vectors and the identity of the model that made them."""
    return _embed(_worker_model(spec), spec, chunk, order)


def _embed(llm, spec: TextSpec, chunk: TextChunk, order: int) -> dict:
    t0 = time.perf_counter()
    X = spec.encode(llm, list(chunk.texts), spec.batch_size)
    return {"order": order, "chunk": chunk.id, "vectors": np.asarray(X, dtype=np.float32), "model": llm.identity(),
            "seconds": round(time.perf_counter() - t0, 3)}


def _chunk_entry(chunk: TextChunk, inputs: dict, version: int, n_total: int, name: str):
    end = chunk.start + len(chunk.texts)
    return _cache.Entry(CHUNK_KIND, {**inputs, "texts_sha256": chunk.id, "n": len(chunk.texts)}, version=version,
                        built_by=f"{name} vectors of texts {chunk.start + 1:,}-{end:,} of {n_total:,} (a run's chunk)")


def _read_chunk(entry, n: int) -> np.ndarray | None:
    """A finished chunk's vectors, or None when it is missing or does not check out (then it is embedded again)."""
    if entry.problem() is not None:
        return None
    try:
        X = np.load(entry.path / "vectors.npy", allow_pickle=False)
    except (OSError, ValueError):
        return None
    return X if _good(X, n) else None


def _good(X, n: int) -> bool:
    return isinstance(X, np.ndarray) and X.dtype == np.float32 and X.ndim == 2 and len(X) == n \
        and bool(np.isfinite(X).all())


def _save_chunk(entry, X: np.ndarray) -> None:
    entry.build(lambda folder: np.save(folder / "vectors.npy", X, allow_pickle=False))


def embed_chunks(texts: Sequence[str], llm, encode: Callable, *, inputs: dict, version: int, batch_size: int = 64,
                 chunk_size: int | None = None, engine: str = "local", scheduler: str | None = None,
                 workers: int | None = None, cache: bool = True, progress: bool = True) -> TextsRun:
    """Embed ``texts`` with ``llm`` chunk by chunk on an engine; with ``cache``, each chunk kept as it finishes.

    Parameters
    ----------
    texts : sequence of str
    llm : LLM
        The model; Dask workers load the same one by name (or folder) and must find the same files
        (checked: each chunk carries the identity of the model that embedded it).
    encode : callable
        ``encode(llm, texts, batch_size)``: the texts' vectors as a ``(n, d)`` array. A module-level function:
        Dask workers import it by name.
    inputs : dict
        What the vectors depend on besides the texts (the model's identity, the pooling, the batch size):
        with ``version``, part of each chunk's cache key.
    engine : {"local", "dask"}
        ``"dask"``: a local cluster of ``workers`` processes (default one per core) started here and
        stopped at the end, or the running scheduler at ``scheduler`` (``tcp://host:8786``).
    cache : bool
        Keep each finished chunk in the vizkit cache and read back those an earlier run finished.

    Returns
    -------
    TextsRun
    """
    if engine not in ("local", "dask"):
        raise InputError(f"unknown engine {engine!r}; choose local or dask")
    texts = list(texts)
    chunks = chunk_texts(texts, chunk_size, batch_size)
    identity = llm.identity()
    entries = [_chunk_entry(c, inputs, version, len(texts), llm.name) for c in chunks] if cache else None
    done = {}
    for i, entry in enumerate(entries or ()):
        X = _read_chunk(entry, len(chunks[i].texts))
        if X is not None:
            done[i] = X
    reused = len(done)
    todo = [(i, c) for i, c in enumerate(chunks) if i not in done]
    seconds, name, stats = 0.0, engine, {}  # (everything read back: no cluster started)
    if todo:
        spec = TextSpec(encode, _model_name(llm), int(batch_size), device=getattr(llm, "device", None))
        seconds, name, stats = _run(todo, llm, identity, spec, entries, done, len(texts), engine, scheduler, workers,
                                    progress)
    X = np.vstack([done[i] for i in range(len(chunks))])
    return TextsRun(X, chunks=len(chunks), reused=reused, seconds=seconds, engine=name,
                    worker_peak_mb=stats.get("worker_peak_mb", []))


def _run(todo, llm, identity, spec, entries, done, total, engine, scheduler, workers, progress):
    from tqdm.auto import tqdm

    from ..render.language import t
    from .engines import LocalEngine, get_engine

    sizes = {i: len(c.texts) for i, c in todo}
    runner = get_engine(engine, scheduler=scheduler, workers=workers)
    bar = None
    try:
        if isinstance(runner, LocalEngine):
            func = partial(_embed, llm)  # the caller's model, as it is
        else:
            runner.warm(_worker_model, spec)  # the model loaded (once per worker) before the clock starts
            func = embed_chunk
        bar = tqdm(total=total, initial=total - sum(sizes.values()), desc=t("progress.texts", engine=runner.name),
                   unit="text", disable=not progress)
        n, t0 = 0, time.perf_counter()
        for record in runner.map(func, spec, todo):
            order, X = record["order"], record["vectors"]
            if record["model"] != identity:
                raise InputError(f"a Dask worker embedded the texts with another model ({record['model']}) than "
                                 f"this process ({llm.name}, {identity}); install the same model and vizkit on "
                                 "every worker")
            if not _good(X, sizes[order]):
                raise InputError(f"chunk {order} came back as {getattr(X, 'shape', type(X).__name__)}; expected "
                                 f"{sizes[order]} finite float32 vectors")
            if entries is not None:
                _save_chunk(entries[order], X)  # kept at once: a run stopped after this does not redo it
            done[order] = X
            n += len(X)
            bar.update(len(X))
            bar.set_postfix_str(t("progress.texts.rate", rate=f"{n / max(time.perf_counter() - t0, 1e-9):.0f}"))
        seconds = time.perf_counter() - t0
    finally:
        if bar is not None:
            bar.close()
        stats = runner.close()
    return seconds, runner.name, stats


def forget_chunks(texts: Sequence[str], *, inputs: dict, version: int, batch_size: int = 64,
                  chunk_size: int | None = None) -> int:
    """Remove the chunk entries of ``texts`` (once the whole array is cached); how many there were."""
    texts = list(texts)
    gone = 0
    for c in chunk_texts(texts, chunk_size, batch_size):
        entry = _chunk_entry(c, inputs, version, len(texts), "")
        if entry.path.exists():
            entry.remove()
            entry.path.with_name(f"{entry.path.name}.lock").unlink(missing_ok=True)  # nothing left of it
            gone += 1
    return gone
