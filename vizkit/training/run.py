"""Training Word2Vec live and keeping one snapshot per epoch: the frames of the training animation.

A gensim callback (:class:`EpochSnapshots`) copies the vectors of a few chosen
words when training starts (epoch 0: the random initialisation) and after
every epoch, with the epoch's loss, the time and the nearest neighbours of a
probe word. :func:`epoch_coords` puts the snapshots on one 2-D map that does
not spin from frame to frame, and :func:`sense_separation` (mean cosine within
a word group minus across groups, in the original space) scores each epoch.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from .._suggest import close_words
from ..vectors import unit_rows
from ..errors import InputError, require
from ..metrics.separation import sense_separation

__all__ = ["TRACKED_GROUPS", "LIVE_TRAIN_DEFAULTS", "EpochSnapshots", "EpochFrame", "TrainingRun", "training_corpus",
           "train_word2vec", "epoch_coords", "compare_algorithms", "parse_groups", "epoch_note"]

#: The word groups the training animation tracks (not the word-map groups of vizkit.datasets.wordlists):
#: frequent in the bundled English corpus (each word 10+ times in the 400k-word training subset).
TRACKED_GROUPS: dict[str, list[str]] = {
    "numbers": ["two", "three", "four", "five", "six", "seven", "eight", "ten"],
    "months": ["january", "march", "april", "june", "july", "august", "october", "december"],
    "colours": ["red", "blue", "green", "white", "black", "yellow", "brown"],
    "family": ["mother", "father", "brother", "sister", "son", "daughter", "wife", "husband"],
    "countries": ["france", "germany", "england", "china", "russia", "japan", "india", "africa"],
}

#: Defaults of the live training animation, smaller on purpose than the Word2Vec source's (vizkit.sources:
#: 100-d, 10 epochs): 50-d vectors, 8 epochs and a 400k-word corpus, so training takes seconds.
LIVE_TRAIN_DEFAULTS = dict(sg=1, window=5, negative=5, vector_size=50, epochs=8, min_count=5, sample=1e-3)

_ALGO = {(0, False): "CBOW, negative sampling", (1, False): "skip-gram, negative sampling",
         (0, True): "CBOW, hierarchical softmax", (1, True): "skip-gram, hierarchical softmax"}


def training_corpus(max_words: int | None = 400_000, *, progress: bool = True) -> list[list[str]]:
    """A subset of the bundled English corpus (Brown + nlp-corpus) of about ``max_words`` tokens.

    Every k-th sentence of the whole corpus, so the subset mixes all its genres
    (the first sentences alone would be Brown's news section). ``None``: all of it.
    """
    from ..datasets.corpus import english_corpus

    sents = english_corpus(progress=progress)
    if max_words is None:
        return sents
    if max_words < 1:
        raise InputError(f"max_words must be positive; got {max_words}")
    total = sum(len(s) for s in sents)
    return sents[::max(1, round(total / max_words))]


def parse_groups(text: str) -> dict[str, list[str]]:
    """Word groups from lines ``name: word word word`` (commas also separate words).

    Examples
    --------
    >>> parse_groups("pets: cat, dog\\nfood: bread rice")
    {'pets': ['cat', 'dog'], 'food': ['bread', 'rice']}
    """
    groups: dict[str, list[str]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if ":" not in line:
            raise InputError(f"line {n} of the word groups has no 'name:' ({line.strip()!r}); "
                             "write one group per line as  name: word word word")
        name, words = line.split(":", 1)
        groups[name.strip()] = words.replace(",", " ").lower().split()
    return groups


class _EpochSnapshotsMethods:
    """A gensim callback that copies the vectors of ``words`` at the start and after every epoch.

    Pass it in ``callbacks=`` of ``Word2Vec.train`` (with ``compute_loss=True``
    for the loss). After training, ``vectors`` holds ``epochs + 1`` arrays of
    shape (len(words), vector_size), the first one the random initialisation;
    ``losses`` the loss of each epoch (NaN for epoch 0; gensim's counter is
    cumulative, so each epoch's value is a difference, and it is a float32 sum:
    past about 10 million it loses precision), ``seconds`` the time
    since training started, and ``neighbours`` the ``topn`` nearest words of
    ``probe`` (cosine over the whole vocabulary).

    ``on_epoch(epoch, snapshots)`` is called after each snapshot (a progress
    bar, a widget's status line).

    A subclass of gensim's ``CallbackAny2Vec``, defined when first used
    (``vizkit.training.EpochSnapshots`` or ``vizkit.training.run.EpochSnapshots``),
    so that importing :mod:`vizkit.training` needs no gensim.
    """

    def __init__(self, words, *, probe: str | None = None, topn: int = 5, on_epoch=None):
        self.words = list(words)
        self.probe = probe
        self.topn = topn
        self.on_epoch = on_epoch
        self.vectors: list[np.ndarray] = []
        self.losses: list[float] = []
        self.seconds: list[float] = []
        self.neighbours: list[list[tuple[str, float]]] = []

    def _snap(self, model, loss: float):
        wv = model.wv
        self.vectors.append(np.array([wv.vectors[wv.key_to_index[w]] for w in self.words], dtype=np.float32))
        self.losses.append(loss)
        self.seconds.append(time.perf_counter() - self._t0)
        if self.probe is not None:
            self.neighbours.append(table_neighbours(wv.vectors, wv.index_to_key, wv.key_to_index[self.probe],
                                                    self.topn))
        if self.on_epoch is not None:
            self.on_epoch(len(self.vectors) - 1, self)

    def on_train_begin(self, model):
        self._t0 = time.perf_counter()
        self._cumulative = 0.0
        self._snap(model, float("nan"))

    def on_epoch_end(self, model):
        total = float(model.get_latest_training_loss()) if model.compute_loss else float("nan")
        loss, self._cumulative = total - self._cumulative, total
        self._snap(model, loss)


def table_neighbours(table, words, i: int, topn: int = 5, *, skip=()) -> list[tuple[str, float]]:
    """The ``topn`` rows of ``table`` closest (cosine) to row ``i``, as ``(words[j], cosine)``: row ``i`` itself and
    the rows in ``skip`` left out. Every training's probe word is listed this way at every snapshot."""
    U = unit_rows(table)
    sims = U @ U[i]
    sims[[i, *skip]] = -np.inf
    top = np.argsort(-sims, kind="stable")[:topn]
    return [(words[j], float(sims[j])) for j in top]


def _epoch_snapshots_class() -> type:
    """:class:`EpochSnapshots`, gensim's ``CallbackAny2Vec`` with the methods above, made on the first call."""
    cls = globals().get("EpochSnapshots")
    if cls is None:
        callbacks = require("gensim.models.callbacks", "word2vec")
        cls = type("EpochSnapshots", (_EpochSnapshotsMethods, callbacks.CallbackAny2Vec),
                   {"__module__": __name__, "__doc__": _EpochSnapshotsMethods.__doc__})
        globals()["EpochSnapshots"] = cls  # one class per process: isinstance and pickle see the same one
    return cls


def __getattr__(name: str):
    if name == "EpochSnapshots":  # the gensim subclass, made when first asked for
        return _epoch_snapshots_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass
class EpochFrame:
    """One epoch of training: the chosen words' vectors, their 2-D place, and the scores."""

    epoch: int  # 0 = the random initialisation
    vectors: np.ndarray  # (n_words, vector_size), original space
    coords: np.ndarray  # (n_words, 2), on the map shared by all epochs
    separation: dict  # within_sense_cos, across_sense_cos, separation (the groups as "senses")
    loss: float  # this epoch's training loss (NaN for epoch 0 or without compute_loss)
    seconds: float  # since training started
    neighbours: list = field(default_factory=list)  # [(word, cosine)] of the probe word
    unit: str = "epoch"  # what ``epoch`` counts: "epoch" (passes over the text) or "step" (batches, the tiny GPT)
    extra: dict = field(default_factory=dict)  # more scores of this frame (the tiny GPT's position_order)

    @property
    def name(self) -> str:
        return self.title("en")

    def title(self, lang: str | None = None) -> str:
        """The frame's name in ``lang``: "epoch 0 (random init)", "epoch 3", "第 3 轮", "step 300"."""
        from ..render.language import t

        if self.epoch == 0:
            return t(f"figure.frame.{self.unit}0", lang)
        return t(f"figure.frame.{self.unit}", lang, epoch=self.epoch)


@dataclass
class TrainingRun:
    """A training recorded frame by frame: Word2Vec (:func:`train_word2vec`) or GloVe
    (:func:`~vizkit.training.glove.train_glove`) epoch by epoch, the tiny GPT
    (:func:`~vizkit.training.gpt.train_gpt`) step by step."""

    words: list[str]
    groups: list[str]  # the group of each word
    probe: str | None
    params: dict  # sg, window, negative, hs, vector_size, epochs, min_count, sample, seed
    frames: list[EpochFrame]
    vocab_size: int
    corpus_words: int
    seconds: float  # the whole training, snapshots included
    model: object = None  # the trained gensim Word2Vec, a GloVeModel or a GPTModel
    extent: np.ndarray = None  # [[xmin, ymin], [xmax, ymax]] with a margin

    @property
    def algorithm(self) -> str:
        """"skip-gram, negative sampling", "CBOW, hierarchical softmax", ..., "GloVe" or "tiny GPT"."""
        kind = self.params.get("algorithm", "word2vec")
        if kind != "word2vec":
            return {"glove": "GloVe", "gpt": "tiny GPT"}[kind]
        return _ALGO[(self.params["sg"], bool(self.params["hs"]))]

    @property
    def unit(self) -> str:
        """What a frame counts: "epoch" or "step"."""
        return self.frames[0].unit

    def movement(self) -> list[float]:
        """Per epoch: how far the chosen words have moved from their random start, relative to its length."""
        V0 = self.frames[0].vectors.astype(np.float64)
        base = np.linalg.norm(V0, axis=1)
        return [float(np.mean(np.linalg.norm(f.vectors - V0, axis=1) / base)) for f in self.frames]

    def to_animation(self, lang: str | None = None):
        """This run as an :class:`~vizkit.render.Animation`, the model every renderer reads.

        One point per chosen word (its id and label the word, written beside it, grouped
        by word group), one frame per epoch or step (0 = the random initialisation) captioned by
        :func:`epoch_note`, scored by the group separation (and the frame's loss), the
        probe word's neighbours as each frame's note. The tiny GPT's position table is a
        second panel on the same steps (:func:`~vizkit.training.gpt.position_animation`).
        Every text a learner reads is in ``lang`` (default: ``VIZKIT_LANG``, else the locale).
        """
        from ..render.animation import Animation
        from ..render.language import t

        p = self.params
        kind = p.get("algorithm", "word2vec")
        if kind == "gpt":
            subtitle = t("figure.training.subtitle.gpt", lang, layers=p["n_layers"], heads=p["n_heads"],
                         size=p["d_model"], context=p["context"], vocab=f"{self.vocab_size:,}",
                         words=f"{self.corpus_words:,}")
        else:
            if kind == "glove":  # GloVe's weighting in the place of Word2Vec's output layer
                negative = f"x_max={p['x_max']:g}, \u03b1={p['alpha']:g}"
            else:
                negative = f"negative={p['negative']}" if p["negative"] else "hs=1"
            subtitle = t("figure.training.subtitle", lang, window=p["window"], negative=negative,
                         size=p["vector_size"], words=f"{self.corpus_words:,}")
        title = t("figure.training.title" + ("" if kind == "word2vec" else f".{kind}"), lang,
                  algorithm=self.algorithm)
        anim = Animation(
            coords=[f.coords for f in self.frames], labels=self.words, groups=self.groups, ids=self.words,
            names=[f.title(lang) for f in self.frames], steps=[str(f.epoch) for f in self.frames],
            captions=[epoch_note(self, k, lang) for k in range(len(self.frames))],
            notes=[_nearest(self.probe or "", f.neighbours, lang) if f.neighbours else "" for f in self.frames],
            scores=[{"separation": f.separation["separation"], "within_group_cos": f.separation["within_sense_cos"],
                     "across_group_cos": f.separation["across_sense_cos"], "loss": f.loss, **f.extra}
                    for f in self.frames],
            score="separation", score_label=t("figure.group_separation", lang), text=True, extent=self.extent,
            title=title, subtitle=subtitle, group_title=t("figure.group", lang),
            step_prefix=t("figure.training.prefix" + ("" if self.unit == "epoch" else f".{self.unit}"), lang),
            height=620, panel_title=self.algorithm)
        if kind == "gpt":  # the position table beside the token table, on the same steps
            from dataclasses import replace

            from .gpt import position_animation

            positions = position_animation(self, lang)
            order = anim.group_order + positions.group_order  # the renderers colour every panel from one legend
            colours = {**anim.colours, **positions.colours}
            anim = replace(anim, panel_title=t("figure.gpt.tokens.panel", lang), height=600, group_order=order,
                           colours=colours, beside=[replace(positions, group_order=order, colours=colours)])
        return anim

    def metrics(self) -> list[dict]:
        """One row per frame: epoch (or step), separation, within/across-group cosine, loss, seconds,
        neighbours, and the frame's extra scores (the tiny GPT's position_order)."""
        return [{f.unit: f.epoch, "separation": f.separation["separation"],
                 "within_group_cos": f.separation["within_sense_cos"],
                 "across_group_cos": f.separation["across_sense_cos"], "loss": f.loss, "seconds": f.seconds,
                 "neighbours": ", ".join(w for w, _ in f.neighbours), **f.extra} for f in self.frames]


def _nearest(probe: str, neighbours, lang: str | None = None, *, markup: bool = False) -> str:
    """"nearest to two: three 0.91, four 0.88" in ``lang``; ``markup``: HTML, the probe word in italics."""
    import html

    from ..render.language import t, t_html

    listed = t("figure.list", lang).join(f"{w} {c:.2f}" for w, c in neighbours)
    if not markup:
        return t("figure.nearest", lang, word=probe, neighbours=listed)
    return t_html("figure.nearest", lang, word=f"<i>{html.escape(probe)}</i>", neighbours=html.escape(listed))


def epoch_note(run: TrainingRun, k: int, lang: str | None = None) -> str:
    """The text shown with epoch ``k`` in ``lang``: group separation and the probe word's neighbours (HTML).

    Word2Vec's loss is left out: gensim sums it in float32, so past a few million it stops being reliable.
    The tiny GPT's held-out loss is said (nats per word).
    """
    import html

    from ..render.language import t

    f = run.frames[k]
    s = f.separation
    line = t("figure.score.groups", lang, score=t("figure.group_separation", lang), value=f"{s['separation']:+.3f}",
             within=f"{s['within_sense_cos']:.3f}", across=f"{s['across_sense_cos']:.3f}")
    text = f"<b>{html.escape(f.title(lang))}</b> · {html.escape(line)}"
    if run.params.get("algorithm") == "gpt":
        text += " · " + html.escape(t("figure.gpt.loss", lang, loss=f"{f.loss:.2f}"))
    if f.neighbours:
        text += "<br>" + _nearest(run.probe, f.neighbours, lang, markup=True)
    return text


def _check_params(params: dict) -> dict:
    sg, negative = params["sg"], params["negative"]
    if sg not in (0, 1) or isinstance(sg, bool):
        raise InputError(f"sg must be 0 (CBOW) or 1 (skip-gram); got {sg!r}")
    for name, low in (("window", 1), ("vector_size", 2), ("epochs", 1), ("min_count", 1), ("negative", 0)):
        v = params[name]
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < low:
            why = " (0 means hierarchical softmax instead)" if name == "negative" else ""
            raise InputError(f"{name} must be a whole number >= {low}{why}; got {v!r}")
    out = {k: (int(v) if k != "sample" else float(v)) for k, v in params.items()}
    out["hs"] = int(negative == 0)  # no negative sampling: hierarchical softmax, or nothing would train
    return out


def _check_words(groups: dict, probe, vocab: dict, index_to_key, min_count, *,
                 remedy: str | None = None) -> tuple[list[str], list[str]]:
    """The groups' words in order and each one's group; refused with a hint when a word is unknown.

    ``remedy``: what the message says about the vocabulary and how to widen it (default: Word2Vec's
    ``min_count``)."""
    if not isinstance(groups, dict) or len(groups) < 2:
        raise InputError("give at least two word groups (a dict name -> words); separation compares groups")
    words, names = [], []
    for g, ws in groups.items():
        for word in ws:
            if word not in words:
                words.append(word)
                names.append(g)
    unknown = [w for w in words + ([probe] if probe else []) if w not in vocab]
    if unknown:
        hints = "; ".join(f"{w!r}" + (f" (close: {', '.join(close_words(w, index_to_key, 3))})"
                                        if close_words(w, index_to_key, 3) else "") for w in unknown)
        remedy = remedy or (f"({len(vocab)} words seen at least min_count={min_count} times): {{}}. Drop them, "
                            "lower min_count or use more text.")
        raise InputError(f"{len(unknown)} word(s) not in the trained vocabulary " + remedy.format(hints))
    small = [g for g in dict.fromkeys(names) if names.count(g) < 2]
    if small:
        raise InputError(f"group(s) {', '.join(map(repr, small))} have fewer than 2 words; each group needs 2+")
    return words, names


def train_word2vec(corpus=None, groups: dict | None = None, *, probe: str | None = None, seed: int = 0,
                   deterministic: bool = True, workers: int | None = None, progress: bool = True, on_epoch=None, method: str = "pca",
                   **params) -> TrainingRun:
    """Train Word2Vec with gensim and record the chosen words epoch by epoch.

    Parameters
    ----------
    corpus : None, str or list of token lists
        None: :func:`training_corpus` (400k words of the bundled corpus); a text
        file path; or sentences (strings or token lists).
    groups : dict name -> list of words, default :data:`TRACKED_GROUPS`
    probe : str, optional
        The word whose nearest neighbours are listed at every epoch (default:
        the first word).
    sg, window, negative, vector_size, epochs, min_count, sample
        gensim's parameters (defaults in :data:`LIVE_TRAIN_DEFAULTS`). ``negative=0``
        trains with hierarchical softmax (``hs=1``).
    seed : int
    deterministic : bool, default True
        Train on one thread: the same seed gives the same frames in every run.
        ``False`` trains on every core (or ``workers``), faster but not
        reproducibly (gensim's threads take batches in scheduling order).
    on_epoch : callable(epoch, snapshots), optional
        Called after each snapshot (a progress bar is shown when ``progress``).
    method : {"pca", "tsne", "umap"}
        Projection of the shared map (:func:`epoch_coords`).

    Returns
    -------
    TrainingRun
        ``epochs + 1`` frames, the first one the random initialisation.

    Examples
    --------
    >>> from vizkit.training import seed_sentences
    >>> run = train_word2vec(seed_sentences() * 20, {"ml": ["machine", "learning"], "py": ["python", "love"]},
    ...                      min_count=1, epochs=3, vector_size=10, workers=1, progress=False)
    >>> len(run.frames), run.frames[0].vectors.shape
    (4, (4, 10))
    """
    gensim_models = require("gensim.models", "word2vec")
    from .._seeding import gensim_workers
    from ..datasets.corpus import as_sentences

    unknown = set(params) - set(LIVE_TRAIN_DEFAULTS)
    if unknown:
        raise TypeError(f"unknown training parameter(s): {', '.join(sorted(unknown))}; "
                        f"choose from {', '.join(LIVE_TRAIN_DEFAULTS)}")
    p = _check_params({**LIVE_TRAIN_DEFAULTS, **params})
    sentences = training_corpus(progress=progress) if corpus is None else as_sentences(corpus)[0]
    groups = TRACKED_GROUPS if groups is None else groups
    model = gensim_models.Word2Vec(seed=seed, workers=gensim_workers(deterministic, workers), **p)
    try:
        model.build_vocab(sentences)
    except RuntimeError as exc:
        raise InputError(f"cannot train on this corpus: {exc}. Lower min_count (now {p['min_count']}).") from None
    if probe is None and isinstance(groups, dict) and groups:
        probe = next((ws[0] for ws in groups.values() if ws), None)
    words, names = _check_words(groups, probe, model.wv.key_to_index, model.wv.index_to_key, p["min_count"])

    from tqdm.auto import tqdm

    from ..render.language import t

    bar = tqdm(total=p["epochs"], desc=t("progress.training", model=_ALGO[(p['sg'], bool(p['hs']))]), unit="epoch",
               disable=not progress)

    def tick(epoch, snaps):
        if epoch:
            bar.update()
            bar.set_postfix(loss=f"{snaps.losses[-1]:.3g}")
        if on_epoch is not None:
            on_epoch(epoch, snaps)

    snaps = _epoch_snapshots_class()(words, probe=probe, on_epoch=tick)
    t0 = time.perf_counter()
    try:
        model.train(sentences, total_examples=model.corpus_count, epochs=p["epochs"], compute_loss=True,
                    callbacks=[snaps])
    finally:
        bar.close()
    seconds = time.perf_counter() - t0
    coords = epoch_coords(snaps.vectors, method=method, random_state=seed)
    frames = [EpochFrame(k, V, xy, sense_separation(V, names), loss, s, nb)
              for k, (V, xy, loss, s, nb) in enumerate(zip(snaps.vectors, coords, snaps.losses, snaps.seconds,
                                                           snaps.neighbours))]
    from ..render.animation import fixed_extent

    return TrainingRun(words, names, probe, {**p, "seed": seed}, frames, len(model.wv),
                       int(sum(len(s) for s in sentences)), seconds, model, fixed_extent(*coords))


def _prepare(V) -> np.ndarray:
    """Unit rows (cosine geometry: the vectors grow during training), centred on their mean."""
    U = unit_rows(np.asarray(V, dtype=np.float64))
    return U - U.mean(axis=0)


def epoch_coords(vectors, *, align: str | None = "shared", method: str = "pca", random_state=0) -> list[np.ndarray]:
    """2-D coordinates of the same words at every epoch, on a map that does not spin.

    Parameters
    ----------
    vectors : sequence of ndarray of shape (n_words, d)
        One array per epoch (:attr:`EpochSnapshots.vectors`), rows in the same order.
    align : {"shared", "procrustes", None}
        ``"shared"`` (default): one map fitted on the last epoch and every epoch
        placed into it. Word2Vec's SGD moves each vector from its own random
        start and never rotates the space, so one camera keeps every frame in
        place. ``"procrustes"``: a map per epoch, each rotated onto the next one
        with :func:`~vizkit.projection.procrustes_align`, from the last epoch
        back (for projections that cannot place points). ``None``: a map per
        epoch, unaligned; its axes flip and turn from frame to frame.
    method : {"pca", "tsne", "umap"}

    Returns
    -------
    list of ndarray of shape (n_words, 2)
    """
    from ..projection import StableMap, get_projector, procrustes_align

    prepared = [_prepare(V) for V in vectors]
    if not prepared:
        raise InputError("no epochs to place on a map")
    if len({P.shape for P in prepared}) != 1:
        raise InputError("every epoch needs the same words: got arrays of shapes "
                         f"{sorted({P.shape for P in prepared})}")
    if align == "shared":
        smap = StableMap(method, random_state=random_state).fit(prepared[-1])
        return [smap.reference_ if k == len(prepared) - 1 else smap.transform(P) for k, P in enumerate(prepared)]
    if align not in ("procrustes", None):
        raise InputError(f"align must be 'shared', 'procrustes' or None; got {align!r}")
    own = [get_projector(method, random_state=random_state).fit_transform(P) for P in prepared]
    if align is None:
        return own
    out = own[:]
    for k in range(len(own) - 2, -1, -1):
        out[k] = procrustes_align(own[k], out[k + 1])
    return out


def compare_algorithms(corpus=None, groups: dict | None = None, *, configs=None, progress: bool = True,
                       **params) -> list[dict]:
    """Train the same data with CBOW / skip-gram x negative sampling / hierarchical softmax.

    ``configs`` is a list of parameter dicts (default: the four combinations,
    ``negative=0`` meaning hierarchical softmax). Returns one row per
    configuration: algorithm, seconds, separation at epoch 0 and at the end,
    the last epoch's loss and the probe word's nearest neighbours.
    """
    configs = configs or [dict(sg=0, negative=5), dict(sg=1, negative=5), dict(sg=0, negative=0),
                          dict(sg=1, negative=0)]
    sentences = training_corpus(progress=progress) if corpus is None else corpus
    rows = []
    for cfg in configs:
        run = train_word2vec(sentences, groups, progress=progress, **{**params, **cfg})
        first, last = run.frames[0], run.frames[-1]
        rows.append({"algorithm": run.algorithm, "seconds": round(run.seconds, 2),
                     "separation_init": round(first.separation["separation"], 3),
                     "separation": round(last.separation["separation"], 3),
                     f"neighbours of {run.probe}": ", ".join(w for w, _ in last.neighbours)})
    return rows
