"""An LLM learning its own embedding table: a tiny GPT trained here, its token and position tables recorded as
they learn (seed 000 ch. 2.1, seed 002).

:func:`train_gpt` trains :class:`~vizkit.training.tiny_gpt.TinyGPTNet` (2 blocks, 64 wide, 4 heads, a context of
32 words, a 4,000-word vocabulary) to predict the next word of the bundled English corpus, with AdamW, on the CPU.
Every ``steps / snapshots`` steps it copies the whole token table and the position table, and scores the model on
held-out sentences (one in 50, never trained on). The result is a :class:`~vizkit.training.TrainingRun` like
Word2Vec's, so it is animated, exported, turned into a GIF or a talk the same way; its frames are *steps*, and a
second panel shows the position table's rows finding their order.

The training is cached (the entry's key: the corpus' content, the parameters, the seed, the thread count and
torch's version) and one seed gives the same tables in every run at one thread count (``threads``, default 2;
torch rounds sums differently on another count). Any word groups and probe can then be drawn from the cached
tables without training again.
"""

from __future__ import annotations

import json
import time

import numpy as np

from ..errors import InputError
from ..metrics.separation import sense_separation
from ..vectors import unit_rows
from .tiny_gpt import GPTModel, WordVocabulary, make_net

__all__ = ["GPT_DEFAULTS", "GPT_VERSION", "train_gpt", "train_tiny_gpt", "gpt_run", "position_order",
           "position_animation", "position_figure"]

#: defaults of the tiny GPT: 2,000 steps of 32 windows of 32 words (2 million words read, about 0.8 passes over
#: the bundled corpus), a snapshot every 100 steps. About 80 s and 0.8 GB on 2 cores (benchmarks/tiny_gpt.py:
#: 3,000 steps lower the held-out loss from 4.79 to 4.70 nats in 110 s; the word groups are as far apart).
GPT_DEFAULTS = dict(vocab_size=4000, d_model=64, n_layers=2, n_heads=4, context=32, steps=2000, batch_size=32,
                    learning_rate=3e-3, weight_decay=0.01, snapshots=20)
#: format of the cached training (raise it when the network, the data order or the files change)
GPT_VERSION = 1
#: one sentence in HOLD_OUT is kept for the held-out loss, never trained on
HOLD_OUT = 50
_VAL_WINDOWS = 64


def _check(p: dict) -> dict:
    for name, low in (("vocab_size", 3), ("d_model", 2), ("n_layers", 1), ("n_heads", 1), ("context", 2),
                      ("steps", 1), ("batch_size", 1), ("snapshots", 1)):
        v = p[name]
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < low:
            raise InputError(f"{name} must be a whole number >= {low}; got {v!r}")
    if p["d_model"] % p["n_heads"]:
        raise InputError(f"d_model ({p['d_model']}) must be a multiple of n_heads ({p['n_heads']}): each head "
                         "reads an equal slice")
    if not float(p["learning_rate"]) > 0 or float(p["weight_decay"]) < 0:
        raise InputError(f"learning_rate must be positive and weight_decay not negative; got "
                         f"{p['learning_rate']!r}, {p['weight_decay']!r}")
    return {k: (float(v) if k in ("learning_rate", "weight_decay") else int(v)) for k, v in p.items()}


def snapshot_steps(steps: int, snapshots: int) -> list[int]:
    """The steps recorded: 0 (the random start), then ``snapshots`` evenly spaced up to ``steps``.

    >>> snapshot_steps(3000, 4)
    [0, 750, 1500, 2250, 3000]
    """
    return sorted({int(round(s)) for s in np.linspace(0, steps, min(snapshots, steps) + 1)})


def _schedule(step: int, steps: int, lr: float) -> float:
    """Warm up over the first 100 steps (or tenth), then a cosine down to a tenth of ``lr``."""
    warm = max(1, min(100, steps // 10))
    if step <= warm:
        return lr * step / warm
    return lr * (0.1 + 0.45 * (1 + np.cos(np.pi * (step - warm) / max(1, steps - warm))))


def _windows(stream: np.ndarray, starts: np.ndarray, context: int):
    import torch

    idx = starts[:, None] + np.arange(context + 1)
    w = torch.from_numpy(stream[idx])
    return w[:, :-1], w[:, 1:]


def _fit(sentences, p: dict, seed: int, progress: bool, on_step) -> GPTModel:
    """Train one tiny GPT on ``sentences`` (the caller holds the thread count)."""
    import torch
    from tqdm.auto import tqdm

    from ..render.language import t

    held = [s for k, s in enumerate(sentences) if k % HOLD_OUT == HOLD_OUT - 1]
    train = [s for k, s in enumerate(sentences) if k % HOLD_OUT != HOLD_OUT - 1]
    vocab = WordVocabulary.from_sentences(train, p["vocab_size"])
    stream, val = vocab.stream(train), vocab.stream(held)
    C = p["context"]
    if len(stream) <= C + 1 or len(val) <= C + 1:
        raise InputError(f"the corpus is too small for a context of {C} words: {len(stream)} training and "
                         f"{len(val)} held-out tokens; give more text or a smaller context")
    val_starts = np.linspace(0, len(val) - C - 1, min(_VAL_WINDOWS, len(val) - C)).astype(np.int64)
    vx, vy = _windows(val, val_starts, C)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        net = make_net(len(vocab), p["d_model"], p["n_layers"], p["n_heads"], C)
    opt = torch.optim.AdamW(net.parameters(), lr=p["learning_rate"], weight_decay=p["weight_decay"],
                            betas=(0.9, 0.95))
    rng = np.random.default_rng(seed)
    record = set(snapshot_steps(p["steps"], p["snapshots"]))
    tokens, positions, steps, val_losses, seconds, train_losses = [], [], [], [], [], []
    started = time.perf_counter()

    def snap(step):
        net.eval()
        with torch.inference_mode():
            logits = net(vx)
            value = float(torch.nn.functional.cross_entropy(logits.reshape(-1, len(vocab)), vy.reshape(-1)))
        net.train()
        tokens.append(net.tok.weight.detach().numpy().copy())
        positions.append(net.pos.weight.detach().numpy().copy())
        steps.append(step)
        val_losses.append(value)
        seconds.append(time.perf_counter() - started)
        if on_step is not None:
            on_step(step, val_losses)

    snap(0)
    bar = tqdm(total=p["steps"], desc=t("progress.training", model="tiny GPT"), unit="step", disable=not progress)
    try:
        for step in range(1, p["steps"] + 1):
            for group in opt.param_groups:
                group["lr"] = _schedule(step, p["steps"], p["learning_rate"])
            x, y = _windows(stream, rng.integers(0, len(stream) - C - 1, p["batch_size"]), C)
            loss = torch.nn.functional.cross_entropy(net(x).reshape(-1, len(vocab)), y.reshape(-1))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            opt.step()
            train_losses.append(float(loss.detach()))
            if step in record:
                snap(step)
                bar.set_postfix(loss=f"{val_losses[-1]:.3f}")
            bar.update()
    finally:
        bar.close()
    if not np.isfinite(val_losses[-1]):
        raise InputError(f"the tiny GPT diverged (held-out loss {val_losses[-1]}); lower learning_rate "
                         f"(now {p['learning_rate']})")
    net.eval()
    return GPTModel(vocab, net, dict(p, seed=seed), steps, np.stack(tokens), np.stack(positions), val_losses,
                    train_losses, seconds)


def _save(model: GPTModel, folder, corpus_words: int) -> None:
    import torch

    np.savez(folder / "weights.npz", **{k: v.detach().numpy() for k, v in model.net.state_dict().items()})
    np.savez(folder / "snapshots.npz", token_tables=model.token_tables, position_tables=model.position_tables,
             steps=np.asarray(model.steps), val_losses=np.asarray(model.val_losses),
             train_losses=np.asarray(model.train_losses), seconds=np.asarray(model.seconds))
    (folder / "model.json").write_text(json.dumps({"words": model.vocab.words, "params": model.params,
                                                    "corpus_words": corpus_words, "torch": torch.__version__},
                                                   ensure_ascii=False), encoding="utf-8")


def _load(folder) -> tuple[GPTModel, int]:
    import torch

    meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
    p, vocab = meta["params"], WordVocabulary(meta["words"])
    net = make_net(len(vocab), p["d_model"], p["n_layers"], p["n_heads"], p["context"])
    with np.load(folder / "weights.npz") as w:
        net.load_state_dict({k: torch.from_numpy(w[k]) for k in w.files}, strict=True)
    net.eval()
    with np.load(folder / "snapshots.npz") as s:
        snaps = {k: s[k] for k in s.files}
    n = len(snaps["steps"])
    if snaps["token_tables"].shape != (n, len(vocab), p["d_model"]) or \
            snaps["position_tables"].shape != (n, p["context"], p["d_model"]):
        raise ValueError("the snapshots do not match the model's shape")
    model = GPTModel(vocab, net, p, [int(s) for s in snaps["steps"]], snaps["token_tables"],
                     snaps["position_tables"], snaps["val_losses"].tolist(), snaps["train_losses"].tolist(),
                     snaps["seconds"].tolist())
    return model, int(meta["corpus_words"])


def train_tiny_gpt(corpus=None, *, seed: int = 0, threads: int = 2, cache: bool = True, progress: bool = True,
                   on_step=None, **params) -> tuple[GPTModel, int]:
    """Train (or load from the cache) a tiny GPT on ``corpus``; returns the :class:`GPTModel` and the corpus'
    word count. :func:`train_gpt` records it as a :class:`TrainingRun`; see it for the parameters."""
    from .. import _cache
    from .._seeding import torch_threads
    from ..datasets.corpus import corpus_source

    unknown = set(params) - set(GPT_DEFAULTS)
    if unknown:
        raise TypeError(f"unknown tiny-GPT parameter(s): {', '.join(sorted(unknown))}; "
                        f"choose from {', '.join(GPT_DEFAULTS)}")
    p = _check({**GPT_DEFAULTS, **params})
    identity, read = corpus_source(corpus, progress=progress)

    def build(folder):
        sentences = read()
        with torch_threads(threads):
            model = _fit(sentences, p, seed, progress, on_step)
        _save(model, folder, sum(len(s) for s in sentences))

    if not cache:
        import tempfile
        from pathlib import Path

        with tempfile.TemporaryDirectory() as tmp:
            build(Path(tmp))
            return _load(Path(tmp))
    import torch

    entry = _cache.Entry("gpt", {"corpus": identity, "params": p, "seed": seed, "threads": threads,
                                 "torch": torch.__version__}, version=GPT_VERSION,
                         built_by=f"tiny GPT, {p['steps']} steps, seed {seed}")
    return entry.get(build, _load)


def train_gpt(corpus=None, groups: dict | None = None, *, probe: str | None = None, seed: int = 0,
              threads: int = 2, cache: bool = True, progress: bool = True, on_step=None, method: str = "pca",
              **params):
    """Train a tiny GPT next-word on ``corpus`` and record its token table (the chosen words' rows) and its
    position table step by step, as :func:`train_word2vec` records Word2Vec epoch by epoch.

    Parameters
    ----------
    corpus : None, "english", "chinese", a text file or sentences
        None: the whole bundled English corpus (about 2.6 million words). One sentence in 50 is held out.
    groups, probe, method
        As for :func:`~vizkit.training.train_word2vec`; every word must be in the model's vocabulary.
    vocab_size, d_model, n_layers, n_heads, context, steps, batch_size, learning_rate, weight_decay, snapshots
        The network and its training (:data:`GPT_DEFAULTS`). ``snapshots`` frames after the random start.
    seed : int
        The random start and the order of the batches.
    threads : int, default 2
        torch's thread count during training: with the seed, what makes the tables identical from run to run.
    cache : bool, default True
        Keep the trained model and its snapshots in the vizkit cache, keyed by the corpus' content, the
        parameters, the seed, the thread count and torch's version.
    on_step : callable(step, held_out_losses), optional
        Called at each snapshot while training.

    Returns
    -------
    TrainingRun
        One frame per snapshot (the first the random start; ``unit`` "step"); each frame's ``loss`` is the
        held-out loss (nats per word) and ``extra["position_order"]`` the position table's order
        (:func:`position_order`); ``model`` is the :class:`~vizkit.training.tiny_gpt.GPTModel`.

    Examples
    --------
    >>> from vizkit.training import seed_sentences
    >>> run = train_gpt(seed_sentences() * 60, {"ml": ["machine", "learning"], "py": ["python", "love"]},
    ...                 steps=20, snapshots=4, vocab_size=40, d_model=8, n_heads=2, context=8, cache=False,
    ...                 progress=False)
    >>> len(run.frames), run.frames[0].vectors.shape, run.algorithm, run.frames[-1].title()
    (5, (4, 8), 'tiny GPT', 'step 20')
    """
    model, corpus_words = train_tiny_gpt(corpus, seed=seed, threads=threads, cache=cache, progress=progress,
                                         on_step=on_step, **params)
    return gpt_run(model, groups, probe=probe, method=method, corpus_words=corpus_words, threads=threads)


def gpt_run(model: GPTModel, groups: dict | None = None, *, probe: str | None = None, method: str = "pca",
            corpus_words: int = 0, threads: int | None = None):
    """The :class:`TrainingRun` of a trained tiny GPT for these word groups (no training: its snapshots hold
    the whole token table at every step)."""
    from ..render.animation import fixed_extent
    from .run import TRACKED_GROUPS, EpochFrame, TrainingRun, _check_words, epoch_coords

    groups = TRACKED_GROUPS if groups is None else groups
    if probe is None and isinstance(groups, dict) and groups:
        probe = next((ws[0] for ws in groups.values() if ws), None)
    words, names = _check_words(groups, probe, model.vocab.index, model.vocab.words, None,
                                remedy=f"(the tiny GPT's {len(model.vocab):,} tokens: the most frequent words, "
                                       "<unk> and <eos>): {}. Drop them or raise vocab_size.")
    rows = model.vocab.encode(words)
    vectors = [T[rows] for T in model.token_tables]
    coords = epoch_coords(vectors, method=method, random_state=model.params["seed"])
    frames = []
    for k, (V, xy) in enumerate(zip(vectors, coords)):
        nb = model.neighbours(probe, snapshot=k) if probe else []
        frames.append(EpochFrame(model.steps[k], V, xy, sense_separation(V, names), model.val_losses[k],
                                 model.seconds[k], nb, unit="step",
                                 extra={"position_order": position_order(model.position_tables[k])}))
    params = {**model.params, "algorithm": "gpt", "vector_size": model.params["d_model"],
              "threads": threads}
    return TrainingRun(words, names, probe, params, frames, len(model.vocab), corpus_words, model.seconds[-1],
                       model, fixed_extent(*coords))


def position_order(P) -> float:
    """How much the position table knows the order: the mean cosine between the rows of neighbouring positions
    minus the mean cosine over all pairs of positions. About 0 for a random table; it grows as places near each
    other get similar rows.

    >>> round(position_order(np.eye(4)), 3)
    0.0
    """
    if len(P) < 3:
        raise InputError("position_order needs at least 3 positions")
    S = position_similarity(P)
    return float(np.mean(np.diag(S, 1)) - S[np.triu_indices(len(P), 1)].mean())


def position_similarity(P) -> np.ndarray:
    """Cosine between every two rows of a position table, (context, context)."""
    U = unit_rows(np.asarray(P, dtype=np.float64))
    return U @ U.T


def _position_groups(context: int, lang) -> list[str]:
    from ..render.language import t

    size = max(1, -(-context // 4))
    return [t("figure.gpt.positions.group", lang, first=(p // size) * size,
              last=min(context, (p // size + 1) * size) - 1) for p in range(context)]


def position_animation(run, lang: str | None = None):
    """The position table's rows on one map per snapshot (a panel beside the token table's): each point a
    place 0, 1, 2, ... in the context, coloured by quarter, captioned by :func:`position_order`."""
    import html

    from ..render.animation import Animation
    from ..render.language import t
    from .run import epoch_coords

    model = run.model
    tables = list(model.position_tables)
    C = tables[0].shape[0]
    coords = epoch_coords(tables, method="pca", random_state=model.params["seed"])
    label = t("figure.gpt.position_order", lang)
    names = [f.title(lang) for f in run.frames]
    orders = [f.extra["position_order"] for f in run.frames]
    groups = _position_groups(C, lang)
    greys = ["#111111", "#4d4d4d", "#808080", "#aaaaaa"]  # dark to light along the context: the order in colour
    return Animation(
        coords=coords, labels=[str(p) for p in range(C)], groups=groups,
        colours={g: greys[k % 4] for k, g in enumerate(dict.fromkeys(groups))},
        ids=[f"position {p}" for p in range(C)], names=names, steps=[str(f.epoch) for f in run.frames],
        captions=[f"<b>{html.escape(n)}</b> · {html.escape(label)} {v:+.3f}" for n, v in zip(names, orders)],
        scores=[{"position_order": v} for v in orders], score="position_order", score_label=label, text=True,
        title=t("figure.gpt.positions.panel", lang, last=C - 1), group_title=t("widgets.embedding_layer.position", lang),
        panel_title=t("figure.gpt.positions.panel", lang, last=C - 1))


def position_figure(run, frames=None, lang: str | None = None):
    """The cosine between every two rows of the position table, one heatmap per snapshot with a slider: a
    random table is grey noise; a trained one turns into a band along the diagonal (places near each other
    get similar rows)."""
    import plotly.graph_objects as go

    from ..render.language import t

    model = run.model
    ks = list(range(len(run.frames))) if frames is None else list(frames)
    mats = [position_similarity(model.position_tables[k]) for k in ks]
    names = [run.frames[k].title(lang) for k in ks]
    heat = dict(zmin=-1, zmax=1, colorscale="RdBu", reversescale=True,
                colorbar=dict(title=t("widgets.common.cosine", lang)))
    fig = go.Figure(go.Heatmap(z=mats[-1], **heat),
                    frames=[go.Frame(data=[go.Heatmap(z=m, **heat)], name=n) for m, n in zip(mats, names)])
    steps = [dict(method="animate", label=str(run.frames[k].epoch),
                  args=[[n], dict(mode="immediate", frame=dict(duration=0, redraw=True))]) for k, n in zip(ks, names)]
    fig.update_layout(
        title=t("figure.gpt.heatmap.title", lang), height=520, width=600,
        xaxis=dict(title=t("widgets.embedding_layer.position", lang), constrain="domain"),
        yaxis=dict(title=t("widgets.embedding_layer.position", lang), autorange="reversed", scaleanchor="x"),
        sliders=[dict(active=len(ks) - 1, steps=steps, currentvalue=dict(prefix=t("figure.training.prefix.step",
                                                                                  lang)))])
    return fig
