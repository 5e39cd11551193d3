"""GloVe trained here, from its co-occurrence matrix (seed 001), and the SVD of the same counts.

GloVe (Pennington, Socher and Manning, 2014) first counts how often each word appears near each other word
(:func:`cooccurrence`: within ``window`` words, a pair ``d`` words apart counting ``1/d``), then fits word vectors
``w`` and context vectors ``w̃`` with biases so that ``w_i · w̃_j + b_i + b̃_j ≈ log X_ij``, by the weighted least
squares

    J = Σ_ij f(X_ij) (w_i · w̃_j + b_i + b̃_j − log X_ij)²,   f(x) = min(1, (x / x_max)^α)

over the pairs seen at least once, with AdaGrad (the paper's ``x_max = 100``, ``α = 0.75``); a word's vector is
``w + w̃``. :func:`train_glove` records the tracked words at every epoch as a
:class:`~vizkit.training.TrainingRun`, so it is animated, exported, turned into a GIF or a talk exactly as a
Word2Vec run. :func:`svd_vectors` factorises the positive PMI of the same counts instead (the "count" method
GloVe is often described by), and :func:`compare_count_methods` scores GloVe-here, the SVD and Word2Vec trained
on the same words with notebook 08's evaluation, beside Stanford's GloVe 6B.

Training runs in torch on the CPU, in batches of co-occurring pairs; one seed gives the same vectors in every run.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from ..metrics.separation import sense_separation

__all__ = ["GLOVE_DEFAULTS", "Cooccurrence", "cooccurrence", "GloVeModel", "train_glove", "svd_vectors",
           "compare_count_methods"]

#: defaults of GloVe trained here: the paper's window, x_max and alpha, a small width for a small corpus. Training
#: goes in batches of 65,536 pairs, each row's gradient summed over the batch before its AdaGrad step (one step per
#: row and batch: a frequent word meets thousands of the batch's pairs). On the bundled corpus' 400,000 words,
#: 20 epochs take about 18 s on 2 cores; the tracked groups separate by 0.59 and WordSim-353 reaches 0.20.
GLOVE_DEFAULTS = dict(vector_size=50, window=10, epochs=20, min_count=5, x_max=100.0, alpha=0.75,
                      learning_rate=0.2)


@dataclass
class Cooccurrence:
    """Words (by frequency) and their co-occurrence counts: ``rows``, ``cols``, ``counts`` of the nonzero pairs."""

    words: list[str]
    rows: np.ndarray
    cols: np.ndarray
    counts: np.ndarray

    def matrix(self):
        """The counts as a scipy CSR matrix (words x words, symmetric)."""
        from scipy.sparse import csr_matrix

        n = len(self.words)
        return csr_matrix((self.counts, (self.rows, self.cols)), shape=(n, n))


def cooccurrence(sentences, *, window: int = 10, min_count: int = 5) -> Cooccurrence:
    """GloVe's co-occurrence counts: every pair of kept words at most ``window`` apart in a sentence counts
    ``1 / distance``, both ways. Words seen fewer than ``min_count`` times are dropped first."""
    from scipy.sparse import coo_matrix

    if window < 1 or min_count < 1:
        raise InputError(f"window and min_count must be at least 1; got {window} and {min_count}")
    freq = Counter(w for s in sentences for w in s)
    words = [w for w, c in sorted(freq.items(), key=lambda wc: (-wc[1], wc[0])) if c >= min_count]
    if len(words) < 2:
        raise InputError(f"fewer than two words occur {min_count} times or more: lower min_count or use more text")
    index = {w: i for i, w in enumerate(words)}
    ids = [np.array([index[w] for w in s if w in index], dtype=np.int64) for s in sentences]
    flat = np.concatenate([a for a in ids if len(a)] or [np.zeros(0, np.int64)])
    sent = np.concatenate([np.full(len(a), k) for k, a in enumerate(ids) if len(a)] or [np.zeros(0, np.int64)])
    rows, cols, vals = [], [], []
    for d in range(1, window + 1):
        same = sent[d:] == sent[:-d]
        a, b = flat[:-d][same], flat[d:][same]
        rows += [a, b]
        cols += [b, a]
        vals += [np.full(len(a), 1.0 / d)] * 2
    n = len(words)
    m = coo_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)).tocsr()
    m.sum_duplicates()
    m = m.tocoo()
    return Cooccurrence(words, m.row.astype(np.int64), m.col.astype(np.int64), m.data.astype(np.float64))


@dataclass
class GloVeModel:
    """GloVe trained here: ``vectors`` (``w + w̃``, one row per word) and the loss J per epoch."""

    words: list[str]
    vectors: np.ndarray
    losses: list[float]
    params: dict

    def source(self, name: str = "GloVe (trained here)"):
        """The vectors as a :class:`~vizkit.sources.TableSource`: neighbours, analogies, evaluation."""
        from ..sources import TableSource

        return TableSource(self.words, self.vectors.astype(np.float32), name=name)


def _check(params: dict) -> dict:
    for name, low in (("vector_size", 2), ("window", 1), ("epochs", 1), ("min_count", 1)):
        v = params[name]
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < low:
            raise InputError(f"{name} must be a whole number >= {low}; got {v!r}")
    for name in ("x_max", "alpha", "learning_rate"):
        if not float(params[name]) > 0:
            raise InputError(f"{name} must be positive; got {params[name]!r}")
    return params


def train_glove(corpus=None, groups: dict | None = None, *, probe: str | None = None, seed: int = 0,
                progress: bool = True, on_epoch=None, method: str = "pca", batch_size: int = 65536, **params):
    """Train GloVe on ``corpus`` and record the chosen words epoch by epoch, as :func:`train_word2vec` does.

    Parameters
    ----------
    corpus : None or list of token lists
        None: :func:`~vizkit.training.training_corpus` (400k words of the bundled corpus).
    groups, probe, method, on_epoch
        As for :func:`~vizkit.training.train_word2vec`.
    vector_size, window, epochs, min_count, x_max, alpha, learning_rate
        GloVe's parameters (:data:`GLOVE_DEFAULTS`).
    seed : int
        The random start and the order of the pairs: one seed, one result.

    Returns
    -------
    TrainingRun
        ``epochs + 1`` frames (the first the random start); each frame's ``loss`` is J over all pairs, and
        ``model`` is the :class:`GloVeModel`.

    Examples
    --------
    >>> from vizkit.training import seed_sentences
    >>> run = train_glove(seed_sentences() * 20, {"ml": ["machine", "learning"], "py": ["python", "love"]},
    ...                   min_count=1, epochs=3, vector_size=10, window=3, progress=False)
    >>> len(run.frames), run.frames[0].vectors.shape, run.algorithm
    (4, (4, 10), 'GloVe')
    """
    import torch
    from tqdm.auto import tqdm

    from ..render.animation import fixed_extent
    from ..render.language import t
    from .run import (TRACKED_GROUPS, EpochFrame, TrainingRun, _check_words, epoch_coords, table_neighbours,
                      training_corpus)

    unknown = set(params) - set(GLOVE_DEFAULTS)
    if unknown:
        raise TypeError(f"unknown GloVe parameter(s): {', '.join(sorted(unknown))}; "
                        f"choose from {', '.join(GLOVE_DEFAULTS)}")
    p = _check({**GLOVE_DEFAULTS, **params})
    sentences = training_corpus(progress=progress) if corpus is None else [list(s) for s in corpus]
    groups = TRACKED_GROUPS if groups is None else groups
    co = cooccurrence(sentences, window=p["window"], min_count=p["min_count"])
    index = {w: i for i, w in enumerate(co.words)}
    if probe is None and isinstance(groups, dict) and groups:
        probe = next((ws[0] for ws in groups.values() if ws), None)
    words, names = _check_words(groups, probe, index, co.words, p["min_count"])
    rows = [index[w] for w in words]

    n, d = len(co.words), p["vector_size"]
    gen = torch.Generator().manual_seed(seed)
    W = (torch.rand(n, d, generator=gen, dtype=torch.float32) - 0.5) / d  # the reference implementation's start
    C = (torch.rand(n, d, generator=gen, dtype=torch.float32) - 0.5) / d
    bw, bc = torch.zeros(n, dtype=torch.float32), torch.zeros(n, dtype=torch.float32)
    GW, GC = torch.ones(n, d, dtype=torch.float32), torch.ones(n, d, dtype=torch.float32)  # AdaGrad's sums
    Gbw, Gbc = torch.ones(n, dtype=torch.float32), torch.ones(n, dtype=torch.float32)
    I, J = torch.from_numpy(co.rows), torch.from_numpy(co.cols)
    logx = torch.from_numpy(np.log(co.counts).astype(np.float32))
    weight = torch.from_numpy(np.minimum(1.0, (co.counts / p["x_max"]) ** p["alpha"]).astype(np.float32))
    lr = float(p["learning_rate"])

    def loss() -> float:
        diff = (W[I] * C[J]).sum(1) + bw[I] + bc[J] - logx
        return float((weight * diff * diff).sum() / len(diff))

    def snap(vectors, losses, seconds, neighbours, started, value):
        V = (W + C).numpy()
        vectors.append(V[rows].astype(np.float32))
        losses.append(value)
        seconds.append(time.perf_counter() - started)
        if probe is not None:
            neighbours.append(table_neighbours(V, co.words, index[probe]))

    vectors, losses, seconds, neighbours = [], [], [], []
    started = time.perf_counter()
    snap(vectors, losses, seconds, neighbours, started, loss())
    bar = tqdm(total=p["epochs"], desc=t("progress.training", model="GloVe"), unit="epoch", disable=not progress)
    try:
        for epoch in range(1, p["epochs"] + 1):
            order = torch.randperm(len(I), generator=gen)
            for start in range(0, len(order), batch_size):
                k = order[start:start + batch_size]
                i, j = I[k], J[k]
                wi, cj = W[i], C[j]
                g = weight[k] * ((wi * cj).sum(1) + bw[i] + bc[j] - logx[k])  # half the gradient of J's terms
                # each row's gradient summed over the batch, then one AdaGrad step per row: a frequent word met
                # in thousands of the batch's pairs moves once (adding their steps one by one diverges)
                for P, G, rows_, grad in ((W, GW, i, g[:, None] * cj), (C, GC, j, g[:, None] * wi),
                                          (bw, Gbw, i, g), (bc, Gbc, j, g)):
                    total = torch.zeros_like(P).index_add_(0, rows_, grad)
                    G += total * total
                    P -= lr * total / G.sqrt()
            snap(vectors, losses, seconds, neighbours, started, loss())
            bar.update()
            bar.set_postfix(loss=f"{losses[-1]:.4g}")
            if on_epoch is not None:
                on_epoch(epoch, losses)
    finally:
        bar.close()
    total = time.perf_counter() - started
    if not np.isfinite(losses[-1]):
        raise InputError(f"GloVe diverged (loss {losses[-1]}); lower learning_rate (now {lr})")
    model = GloVeModel(co.words, (W + C).numpy(), losses, dict(p, seed=seed))
    coords = epoch_coords(vectors, method=method, random_state=seed)
    frames = [EpochFrame(k, V, xy, sense_separation(V, names), value, s, nb)
              for k, (V, xy, value, s, nb) in enumerate(zip(vectors, coords, losses, seconds, neighbours or
                                                            [[]] * len(vectors)))]
    return TrainingRun(words, names, probe, {**p, "seed": seed, "algorithm": "glove"}, frames, n,
                       int(sum(len(s) for s in sentences)), total, model, fixed_extent(*coords))


def svd_vectors(co: Cooccurrence, vector_size: int = 50, *, seed: int = 0) -> np.ndarray:
    """Word vectors from the truncated SVD of the positive PMI of the counts (``U √Σ``; Levy, Goldberg and Dagan,
    2015): the "count" method that GloVe is often said to be, and is not quite."""
    from scipy.sparse import csr_matrix
    from sklearn.decomposition import TruncatedSVD

    if not 2 <= vector_size < len(co.words):
        raise InputError(f"vector_size must be between 2 and {len(co.words) - 1}; got {vector_size}")
    total = co.counts.sum()
    row = np.bincount(co.rows, weights=co.counts, minlength=len(co.words))
    col = np.bincount(co.cols, weights=co.counts, minlength=len(co.words))
    pmi = np.log(co.counts * total / (row[co.rows] * col[co.cols]))
    keep = pmi > 0
    M = csr_matrix((pmi[keep], (co.rows[keep], co.cols[keep])), shape=(len(co.words),) * 2)
    svd = TruncatedSVD(n_components=vector_size, algorithm="arpack", random_state=seed)
    U = svd.fit_transform(M)  # U Σ
    return U / np.sqrt(np.maximum(svd.singular_values_, 1e-12))  # U √Σ


def compare_count_methods(corpus=None, *, seed: int = 0, progress: bool = True, glove=None, **params):
    """GloVe trained here, the SVD of the same counts' positive PMI and Word2Vec (skip-gram) on the same words, at
    the same width, beside Stanford's GloVe 6B (50-d, 6 billion words): notebook 08's evaluation table, plus the
    seconds each took. ``glove``: a :func:`train_glove` run already made on this corpus (else one is trained)."""
    import pandas as pd

    from ..metrics.evaluation import evaluation_table
    from ..sources import TableSource, Word2Vec, get_source
    from .run import training_corpus

    sentences = training_corpus(progress=progress) if corpus is None else corpus
    p = {**GLOVE_DEFAULTS, **params}
    if glove is None:
        glove = train_glove(sentences, seed=seed, progress=progress, **params)
    started = time.perf_counter()
    co = cooccurrence(sentences, window=p["window"], min_count=p["min_count"])
    svd = TableSource(co.words, svd_vectors(co, p["vector_size"], seed=seed).astype(np.float32), name="SVD")
    svd_seconds = time.perf_counter() - started
    w2v = Word2Vec(corpus=sentences, vector_size=p["vector_size"], min_count=p["min_count"], epochs=5, seed=seed,
                   progress=progress)
    sources = {"GloVe, trained here": glove.model.source(), "SVD of the same counts (PPMI)": svd,
               "Word2Vec skip-gram, same words": w2v, "GloVe 6B 50d (Stanford, 6 billion words)": get_source("glove")}
    table = evaluation_table(sources)
    table.insert(1, "seconds", [glove.seconds, svd_seconds, w2v.train_seconds, float("nan")])
    table.insert(2, "vocabulary", [len(glove.model.words), len(co.words), w2v.vocab_size,
                                   sources["GloVe 6B 50d (Stanford, 6 billion words)"].vocab_size])
    return pd.DataFrame(table)
