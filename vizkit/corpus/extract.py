"""Every occurrence of some words in a corpus: find them, read their hidden states, write Parquet shards.

One task per corpus chunk (:mod:`.reader`): split its documents into sentences
(:mod:`.sentences`), find the words with the rule of
:meth:`vizkit.sources.LLM.contextual` (case-insensitive whole words), read the
hidden states of the sentences that have them, shortest first in batches
(:meth:`~vizkit.sources.LLM.occurrence_states`; sub-tokens mean-pooled, a sentence
longer than the model takes read in a window around the word), and write one
shard (:mod:`.shards`). The engines (:mod:`.engines`) run the tasks in this
process or on Dask; the same chunk gives the same rows either way.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from .._text import word_pattern
from ..errors import InputError
from .reader import CHUNK_BYTES, Chunk, open_corpus
from .sentences import split_sentences
from .shards import Manifest, write_shard

__all__ = ["ExtractionSpec", "Extraction", "extract_occurrences", "process_chunk", "find_occurrences"]

MAX_TOKENS = 4096
"""Padded tokens per forward pass at most: 64 short sentences, or 8 of 512 tokens (bounded memory)."""
_MODELS: dict = {}  # one model per process: a Dask worker loads it on its first task and keeps it


@dataclass(frozen=True)
class ExtractionSpec:
    """What a task needs (small and picklable: it travels to Dask workers)."""

    words: tuple[str, ...]
    model: str | None
    layers: tuple[int, ...] | None
    batch_size: int
    out: str
    threads: int | None = None  # torch threads per task (Dask workers); None: torch's default
    device: str | None = None  # torch device of the model ("cuda" on GPU workers); None: the CPU


def _model(spec: ExtractionSpec):
    key = (spec.model, spec.device)
    if key not in _MODELS:
        from ..sources import LLM

        _MODELS[key] = LLM(spec.model, device=spec.device)
    if spec.threads:
        import torch

        torch.set_num_threads(spec.threads)
    return _MODELS[key]


def find_occurrences(documents, words: Sequence[str]):
    """Sentences that contain any of ``words`` and the spans of each match.

    ``documents`` yields ``(doc_id, text, sense or None)``. Returns ``(sentences, meta, occurrences)``:
    the sentence texts, per sentence ``(doc_id, sentence_id, sense)``, and per match ``(sentence index, char start, char end, word)``
    in document, sentence and character order.
    """
    patterns = [(w, word_pattern(w)) for w in words]
    sentences, meta, occurrences = [], [], []
    for doc_id, text, sense in documents:
        for sid, (a, b) in enumerate(split_sentences(text)):
            sent = text[a:b]
            found = sorted((m.start(), m.end(), w) for w, p in patterns for m in p.finditer(sent))
            if found:
                for cs, ce, w in found:
                    occurrences.append((len(sentences), cs, ce, w))
                sentences.append(sent)
                meta.append((doc_id, sid, sense))
    return sentences, meta, occurrences


def process_chunk(spec: ExtractionSpec, chunk: Chunk, order: int) -> dict:
    """Run one chunk: its occurrences' hidden states written as one shard. Returns the manifest record."""
    t0 = time.perf_counter()
    sentences, meta, occurrences = find_occurrences(chunk.documents(), spec.words)
    counts = {w: 0 for w in spec.words}
    for *_, w in occurrences:
        counts[w] += 1
    record = {"order": order, "chunk": chunk.id, "sentences": len(sentences), "counts": counts, "rows": 0}
    if occurrences:
        llm = _model(spec)
        states, spans = llm.occurrence_states(sentences, [o[:3] for o in occurrences], layers=spec.layers,
                                              batch_size=spec.batch_size, sort_by_length=True,
                                              max_tokens=MAX_TOKENS)
        layers = list(spec.layers) if spec.layers is not None else list(range(states.shape[1]))

        def rep(values):
            """One value per occurrence, repeated for each of its layers (a plain list: a numpy array of
            strings would be as wide as the longest sentence in every row)."""
            return [v for v in values for _ in layers]

        rows = {
            "word": rep(o[3] for o in occurrences),
            "layer": layers * len(occurrences),
            "doc_id": rep(meta[o[0]][0] for o in occurrences),
            "sentence_id": rep(meta[o[0]][1] for o in occurrences),
            "sentence": rep(sentences[o[0]] for o in occurrences),
            "char_start": rep(o[1] for o in occurrences),
            "char_end": rep(o[2] for o in occurrences),
            "window_start": rep(None if sp["window"] is None else sp["window"][0] for sp in spans),
            "window_end": rep(None if sp["window"] is None else sp["window"][1] for sp in spans),
            "sense": rep(meta[o[0]][2] for o in occurrences),
            "subtokens": rep(" ".join(sp["tokens"]) for sp in spans),
            "vector": states.reshape(-1, states.shape[-1]),
        }
        record.update(write_shard(Path(spec.out), f"{order:06d}", rows))
        record["windowed"] = sum(sp["window"] is not None for sp in spans)
    record["seconds"] = round(time.perf_counter() - t0, 3)
    return record


@dataclass
class Extraction:
    """A finished run: where it is, how many occurrences of each word, what it took."""

    out: Path
    counts: dict[str, int]
    sentences: int
    rows: int
    chunks: int
    reused: int  # chunks finished by an earlier run and not redone
    seconds: float
    engine: str
    windowed: int = 0
    missing: list[str] = field(default_factory=list)  # words that never occur
    worker_peak_mb: list[float] = field(default_factory=list)  # Dask workers' peak memory

    @property
    def occurrences(self) -> int:
        return sum(self.counts.values())

    def read(self, word: str | None = None, layer: int | None = None):
        """The occurrences as :class:`~vizkit.LabelledVectors` (see :func:`vizkit.corpus.read_occurrences`)."""
        from .store import read_occurrences

        return read_occurrences(self.out, word=word, layer=layer)


def extract_occurrences(words: str | Sequence[str], corpus="english", out="occurrences", *, model: str | None = None,
                        layers: Sequence[int] | str | None = None, engine: str = "local", scheduler: str | None = None,
                        workers: int | None = None, batch_size: int = 64, chunk_bytes: int = CHUNK_BYTES,
                        text_column: str = "text", device: str | None = None, overwrite: bool = False,
                        progress: bool = True) -> Extraction:
    """Find every occurrence of ``words`` in ``corpus`` and write their hidden states to ``out``.

    Parameters
    ----------
    words : str or sequence of str
        ``"bank"``, ``"bank,bat"`` or a list.
    corpus : str or path
        ``"english"`` (the bundled corpus), a ``.txt`` / ``.jsonl`` / ``.parquet`` file or a folder of them.
    out : path
        Output folder (:mod:`vizkit.corpus.shards`). Running again with the same settings continues an
        interrupted run and redoes nothing that finished.
    model : str, optional
        As :class:`~vizkit.sources.LLM` (default the bundled MiniLM).
    layers : "all", sequence of int or "0,3,6", optional
        Layers to keep (default all).
    engine : {"local", "dask"}
        ``"dask"`` starts a local cluster of ``workers`` processes (default: one per core), or uses the
        running scheduler at ``scheduler`` (``tcp://host:8786``).
    batch_size : int
        Sentences per forward pass.
    device : str, optional
        The model's torch device on every worker: ``"cuda"`` for GPU workers (default the CPU).
    chunk_bytes : int
        Bytes of text per task (256 KiB by default: about 2,000 lines of the bundled corpus; small enough
        to balance the work over Dask workers, big enough for full batches).

    Returns
    -------
    Extraction
    """
    from .engines import get_engine
    from ..sources import llm_for

    words = _parse_words(words)
    layers = _parse_layers(layers)
    src = open_corpus(corpus, text_column=text_column, progress=progress)
    llm = llm_for(model, " ".join(words), say=progress)
    params = {"words": list(words), "model": llm.identity(), "model_name": llm.name, "layers": layers,
              "corpus": src.identity(), "chunk_bytes": int(chunk_bytes), "text_column": text_column}
    out = Path(out)
    manifest = Manifest.open(out, params, overwrite=overwrite)
    chunks = src.chunks(chunk_bytes)
    todo = [(i, c) for i, c in enumerate(chunks) if c.id not in manifest.chunks]
    reused = len(chunks) - len(todo)
    if todo:  # (a finished run was checked when it started: nothing to load to run it again)
        bad = [l for l in (layers or []) if not 0 <= l <= llm.n_layers]
        if bad:
            raise InputError(f"layers {bad} do not exist; {llm.name} has layers 0..{llm.n_layers}")
    model = llm.name if model is None else model  # the workers load the model chosen here (Chinese words: M3E)
    spec = ExtractionSpec(tuple(words), model, None if layers is None else tuple(layers),
                          int(batch_size), str(out), device=device)
    runner = get_engine(engine, scheduler=scheduler, workers=workers)
    if todo:
        runner.warm(_model, spec)  # the model loaded (once per worker) before the clock starts
    t0 = time.perf_counter()
    stats = _run(runner, spec, todo, manifest, len(chunks), progress)
    seconds = time.perf_counter() - t0
    counts = manifest.counts()
    missing = [w for w, n in counts.items() if n == 0]
    if len(missing) == len(words):
        manifest.remove()  # what this run wrote (the manifest, an empty shards folder), nothing else
        raise InputError(f"{', '.join(repr(w) for w in words)} never occur{'s' if len(words) == 1 else ''} in the "
                         f"corpus {src.name} (count 0); nothing written")
    manifest.complete = True
    manifest.save()
    return Extraction(out=out, counts=counts, sentences=sum(r["sentences"] for r in manifest.chunks.values()),
                      rows=sum(r["rows"] for r in manifest.chunks.values()), chunks=len(chunks), reused=reused,
                      seconds=seconds, engine=runner.name, missing=missing,
                      windowed=sum(r.get("windowed", 0) for r in manifest.chunks.values()),
                      worker_peak_mb=stats.get("worker_peak_mb", []))


def _run(runner, spec, todo, manifest, total, progress):
    from tqdm.auto import tqdm

    from ..render.language import t

    done_before = total - len(todo)
    bar = tqdm(total=total, initial=done_before, desc=t("progress.occurrences", engine=runner.name), unit="chunk",
               disable=not progress)
    n_occ, t0 = 0, time.perf_counter()
    stats = {}
    try:
        for record in runner.map(process_chunk, spec, todo):
            manifest.add(record["chunk"], record)
            n_occ += sum(record["counts"].values())
            bar.update(1)
            rate = n_occ / max(time.perf_counter() - t0, 1e-9)
            bar.set_postfix_str(t("progress.occurrences.rate", rate=f"{rate:.0f}"))
    finally:
        bar.close()
        stats = runner.close()
    return stats


def _parse_words(words) -> list[str]:
    if isinstance(words, str):
        words = words.split(",")
    words = list(dict.fromkeys(w.strip() for w in words if w and w.strip()))
    if not words:
        raise InputError("give at least one word: 'bank' or 'bank,bat,mouse'")
    return words


def _parse_layers(layers):
    if layers is None or layers == "all":
        return None
    if isinstance(layers, str):
        try:
            layers = [int(x) for x in layers.split(",") if x.strip()]
        except ValueError:
            raise InputError(f"--layers takes 'all' or layer numbers like 0,3,6; got {layers!r}") from None
    return sorted(set(int(l) for l in layers))
