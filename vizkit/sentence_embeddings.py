"""Sentence embeddings: averaged word vectors versus a sentence-transformer model, and semantic search.

Two ways to turn a sentence into one vector (seed 001, "from word embeddings to
sentence embeddings"; seed 004, ``SentenceTransformer.encode``):

- ``mean_word_vectors``: the average of the static vectors of its words (GloVe,
  Word2Vec, ...); word order and context are lost;
- ``sentence_vectors``: a transformer trained for sentence similarity (the
  bundled all-MiniLM-L6-v2): mean of its last hidden states over the tokens,
  then unit length, as sentence-transformers does for this model.

Examples
--------
>>> from vizkit.sources import LLM
>>> s = collection()
>>> X = sentence_vectors(LLM(), s.sentences[:3])
>>> X.shape
(3, 384)
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from .datasets.sentence_collection import Collection, collection
from .errors import InputError
from .vectors import LabelledVectors, unit_rows

__all__ = ["Collection", "collection", "ENCODERS", "mean_word_vectors", "pooling", "sentence_vectors", "embed_texts",
           "chunk_vectors", "encode", "similarity_matrix", "similarity_figure", "search", "topic_accuracy"]

#: encoder names accepted by :func:`encode`
ENCODERS = {"minilm": "all-MiniLM-L6-v2 sentence embedding", "glove": "mean of GloVe word vectors",
            "word2vec": "mean of Word2Vec word vectors"}


def _check(sentences) -> list[str]:
    sentences = [str(s) for s in sentences]
    if not sentences or not all(s.strip() for s in sentences):
        raise InputError("give at least one non-empty sentence")
    return sentences


def mean_word_vectors(source, sentences: Sequence[str]) -> LabelledVectors:
    """Each sentence as the mean of the vectors of its known words (a ``known_words`` column counts them).

    A sentence with no known word gets a zero vector.
    """
    from .datasets.corpus import tokenize

    sentences = _check(sentences)
    rows, known = [], []
    for s in sentences:
        words = [w for w in tokenize(s) if w in source]
        known.append(len(words))
        rows.append(np.mean([source.vector(w) for w in words], axis=0) if words else np.zeros(source.dim))
    return LabelledVectors(np.asarray(rows, dtype=np.float32), sentences,
                           {"known_words": known, "encoder": [f"mean of {source.name}"] * len(sentences)})


def pooling(llm) -> dict:
    """How a sentence-transformers model folder pools its tokens: ``{"mode", "normalize", "max_length"}``.

    Read from the folder's ``1_Pooling/config.json``, ``modules.json`` and
    ``sentence_bert_config.json``; a plain transformer gets mean pooling, unit
    length and its own maximum length.
    """
    import json
    from pathlib import Path

    folder = Path(llm.path)
    spec = {"mode": "mean", "normalize": True, "max_length": llm.max_length}
    modules = folder / "modules.json"
    if modules.is_file():
        entries = json.loads(modules.read_text(encoding="utf-8"))
        spec["normalize"] = any(m.get("type", "").endswith("Normalize") for m in entries)
        pool = next((m for m in entries if m.get("type", "").endswith("Pooling")), None)
        cfg = folder / (pool or {}).get("path", "1_Pooling") / "config.json"
        if cfg.is_file():
            conf = json.loads(cfg.read_text(encoding="utf-8"))
            modes = [m for m in ("cls_token", "mean_tokens", "max_tokens") if conf.get(f"pooling_mode_{m}")]
            spec["mode"] = {"cls_token": "cls", "mean_tokens": "mean", "max_tokens": "max"}[modes[0]] if modes \
                else "mean"
    sbert = folder / "sentence_bert_config.json"
    if sbert.is_file():
        spec["max_length"] = int(json.loads(sbert.read_text(encoding="utf-8")).get("max_seq_length",
                                                                                  spec["max_length"]))
    return spec


def sentence_vectors(llm, sentences: Sequence[str], *, batch_size: int = 32, progress: bool = False) -> LabelledVectors:
    """Sentence embeddings of a transformer, pooled as its sentence-transformers configuration says.

    For the bundled all-MiniLM-L6-v2: the attention-masked mean of the last
    hidden layer, then unit length (see :func:`pooling`). ``progress`` shows a bar over the batches.
    """
    import torch
    from tqdm.auto import tqdm

    from .render.language import t

    sentences = _check(sentences)
    tok, model, spec = llm.tokenizer, llm.model, pooling(llm)
    out = []
    with torch.no_grad():
        for start in tqdm(range(0, len(sentences), batch_size), desc=t("progress.sentence_vectors", model=llm.name),
                          unit="batch", disable=not progress):
            enc = tok(sentences[start:start + batch_size], padding=True, truncation=True,
                      max_length=spec["max_length"], return_tensors="pt")
            hidden = model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            if spec["mode"] == "cls":
                pooled = hidden[:, 0]
            elif spec["mode"] == "max":
                pooled = hidden.masked_fill(mask == 0, float("-inf")).max(1).values
            else:
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1)
            out.append(pooled.numpy())
    X = np.vstack(out)
    X = unit_rows(X) if spec["normalize"] else X
    return LabelledVectors(X, sentences, {"encoder": [llm.name] * len(sentences)})


#: format version of cached text vectors (raise it when the pooling or the file layout changes)
TEXT_VECTORS_VERSION = 1


def embed_texts(texts, *, llm=None, column: str | None = None, batch_size: int = 64, progress: bool = True,
                cache: bool = True, engine: str = "local", scheduler: str | None = None, workers: int | None = None,
                chunk_size: int | None = None) -> LabelledVectors:
    """Texts as sentence vectors, offline with the bundled MiniLM by default, cached on disk.

    The texts are embedded in chunks (:mod:`vizkit.corpus.texts`), here or on Dask workers; every engine gives
    the same vectors. Each finished chunk is cached at once, so a run that is stopped resumes where it was.

    Parameters
    ----------
    texts : sequence of str, pandas.DataFrame, or a file path
        A list of texts; a DataFrame (its ``column``, default ``text``; the other columns become metadata);
        or a ``.csv`` / ``.tsv`` / ``.parquet`` / ``.jsonl`` / ``.txt`` file (:func:`vizkit.formats.read_texts`).
    llm : LLM, optional
        Default: ``LLM()``, the bundled all-MiniLM-L6-v2 (384-d, unit length).
    column : str, optional
    batch_size : int, default 64
    progress : bool, default True
        A progress bar over the texts (only when they are computed, not when read from the cache).
    cache : bool, default True
        Keep the vectors in the vizkit cache, keyed by the model folder's content, the texts, the pooling and
        the batch size: the same texts are embedded once, edited texts again.
    engine : {"local", "dask"}, default "local"
        ``"local"`` embeds in this process (torch on every core). ``"dask"`` starts a local cluster of
        ``workers`` processes (default one per core) and stops it at the end, or uses the running scheduler
        at ``scheduler`` (``tcp://host:8786``; its workers need vizkit and the model). Needs ``vizkit[corpus]``.
    chunk_size : int, optional
        Texts per task, rounded up to a multiple of ``batch_size`` (default: about 64 tasks of 256 to 2,048 texts,
        :func:`vizkit.corpus.texts.chunk_texts`).

    Returns
    -------
    LabelledVectors
        One row per text, labelled by the text, with an ``encoder`` column and the frame's other columns.
    """
    from . import _cache
    from .corpus.texts import embed_chunks, forget_chunks, texts_sha256
    from .formats import read_texts

    if isinstance(texts, (str, bytes)) or hasattr(texts, "__fspath__"):
        texts = read_texts(texts, column=column)
        column = "text"
    meta = {}
    if hasattr(texts, "columns"):
        column = column or "text"
        if column not in texts.columns:
            raise InputError(f"no column {column!r} to embed; columns are {[str(c) for c in texts.columns]}")
        meta = {str(c): texts[c].to_numpy(dtype=object) for c in texts.columns if c != column}
        texts = texts[column].astype(str).tolist()
    texts = _check(texts)
    if llm is None:
        from .sources import LLM

        llm = LLM()
    inputs = {"model": llm.identity(), "pooling": pooling(llm), "batch_size": batch_size}
    chunked = {"inputs": inputs, "version": TEXT_VECTORS_VERSION, "batch_size": batch_size, "chunk_size": chunk_size}
    run = {"engine": engine, "scheduler": scheduler, "workers": workers, "progress": progress, **chunked}
    if not cache:
        vectors = embed_chunks(texts, llm, chunk_vectors, cache=False, **run).vectors
    else:
        built = []

        def build(folder):
            X = embed_chunks(texts, llm, chunk_vectors, cache=True, **run).vectors
            np.save(folder / "vectors.npy", np.asarray(X, dtype=np.float32), allow_pickle=False)
            built.append(True)

        def load(folder):
            X = np.load(folder / "vectors.npy", allow_pickle=False)
            if X.dtype != np.float32 or X.ndim != 2 or len(X) != len(texts) or not np.isfinite(X).all():
                raise InputError(f"text vectors of shape {X.shape} ({X.dtype}) for {len(texts)} texts")
            return X

        entry = _cache.Entry("sentence-vectors", {**inputs, "texts_sha256": texts_sha256(texts), "n": len(texts)},
                             version=TEXT_VECTORS_VERSION, built_by=f"{llm.name} vectors of {len(texts)} text(s)")
        vectors = entry.get(build, load)
        if built:  # the whole array is kept: its chunks are no longer needed
            forget_chunks(texts, **chunked)
    return LabelledVectors(vectors, texts, {"encoder": [llm.name] * len(texts), **meta})


def chunk_vectors(llm, texts: Sequence[str], batch_size: int) -> np.ndarray:
    """:func:`sentence_vectors` as an array: how :func:`embed_texts` embeds one chunk (on a Dask worker, too)."""
    return sentence_vectors(llm, texts, batch_size=batch_size).vectors


def encode(encoder, sentences: Sequence[str]) -> LabelledVectors:
    """Sentences -> vectors by an encoder name (``minilm``, ``glove``, ``word2vec``) or object.

    A :class:`~vizkit.sources.ContextualModel` (an ``LLM``) gives sentence
    embeddings (:func:`sentence_vectors`); any other source gives averaged
    word vectors.
    """
    from .sources import LLM, ContextualModel, get_source

    if isinstance(encoder, str):
        name = encoder.lower()
        if name not in ENCODERS:
            raise InputError(f"unknown encoder {encoder!r}; choose one of: {', '.join(ENCODERS)}")
        encoder = LLM() if name == "minilm" else get_source(name)
    if isinstance(encoder, ContextualModel):
        return sentence_vectors(encoder, sentences)
    return mean_word_vectors(encoder, sentences)


def similarity_matrix(vectors) -> np.ndarray:
    """Cosine similarity between every pair of rows."""
    U = unit_rows(np.asarray(getattr(vectors, "vectors", vectors), dtype=np.float64))
    return U @ U.T


def similarity_figure(vectors, labels: Sequence[str] | None = None, *, title: str | None = None):
    """A plotly heatmap of :func:`similarity_matrix`, rows and columns labelled (e.g. by topic)."""
    import html

    import plotly.graph_objects as go

    sim = similarity_matrix(vectors)
    texts = list(getattr(vectors, "labels", range(len(sim))))
    names = [html.escape(str(x)) for x in (labels if labels is not None else texts)]
    hover = [[f"{html.escape(str(texts[i]))}<br>{html.escape(str(texts[j]))}<br>cosine {sim[i, j]:.2f}"
              for j in range(len(sim))] for i in range(len(sim))]
    fig = go.Figure(go.Heatmap(z=sim, x=list(range(len(sim))), y=list(range(len(sim))), colorscale="Viridis",
                               hovertext=hover, hoverinfo="text", colorbar=dict(title="cosine")))
    ticks = [i for i in range(len(sim)) if i == 0 or names[i] != names[i - 1]]
    fig.update_layout(title=title, template="plotly_white", width=640, height=600,
                      xaxis=dict(tickvals=ticks, ticktext=[names[i] for i in ticks]),
                      yaxis=dict(tickvals=ticks, ticktext=[names[i] for i in ticks], autorange="reversed"))
    return fig


def search(query: str, vectors: LabelledVectors, encoder, top: int = 5) -> list[tuple[int, str, float]]:
    """The ``top`` sentences of ``vectors`` nearest to ``query`` (encoded the same way): (index, sentence, cosine)."""
    if not query or not query.strip():
        raise InputError("type a query")
    q = encode(encoder, [query]).vectors[0].astype(np.float64)
    if not np.any(q):
        raise InputError(f"none of the words of {query!r} is known to the encoder")
    U = unit_rows(vectors.vectors.astype(np.float64))
    scores = U @ (q / np.linalg.norm(q))
    order = np.argsort(-scores)[:top]
    return [(int(i), vectors.labels[i], float(scores[i])) for i in order]


def topic_accuracy(vectors, topics: Sequence[str]) -> float:
    """Leave-one-out nearest-neighbour accuracy: how often a sentence's nearest other sentence shares its topic."""
    sim = similarity_matrix(vectors)
    np.fill_diagonal(sim, -np.inf)
    topics = np.asarray(topics)
    return float(np.mean(topics[sim.argmax(axis=1)] == topics))
