"""Word2Vec and FastText with gensim: trained on a real corpus (cached), or loaded from files."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np

from .. import _cache
from ..errors import InputError, require
from ._base import TableSource

#: Defaults of the bundled-corpus models (chosen in benchmarks/word2vec_defaults.py).
TRAIN_DEFAULTS = dict(sg=1, vector_size=100, window=5, negative=5, min_count=5, epochs=10, sample=1e-3)


#: version of the cached model folders (raise it when what is saved changes)
MODEL_VERSION = 2  # 2: the training's seconds kept with the vectors (train_seconds)


def train_keyed_vectors(cls_name: str, corpus, params: dict, *, seed: int, deterministic: bool = True,
                        workers: int | None = None, cache: bool, progress: bool, kind: str | None = None):
    """Train (or fetch from the cache) a gensim Word2Vec/FastText model; returns its KeyedVectors.

    The cache entry is keyed by the corpus' content, the parameters, the seed,
    gensim's version and whether the training was deterministic (one thread).
    What :class:`Word2Vec` and :class:`FastText` train with, and item2vec
    (:func:`vizkit.recommend.train_item2vec`) on viewing histories.

    Parameters
    ----------
    cls_name : {"Word2Vec", "FastText"}
        The gensim model to train.
    corpus : None, "english", str or path, or iterable of token lists or strings
        The default English corpus, a text file, or sentences given in Python
        (see :func:`vizkit.datasets.corpus.corpus_source`).
    params : dict
        gensim parameters, ``vector_size`` among them (:data:`TRAIN_DEFAULTS`
        are the defaults of the bundled-corpus models).
    seed : int
        gensim's seed.
    deterministic : bool, default True
        One worker thread, so the same seed gives exactly the same vectors.
    workers : int, optional
        Thread count with ``deterministic=False`` (default: every core).
    cache : bool
        Keep the model on disk and load it from there next time.
    progress : bool
        A progress bar over the epochs.
    kind : str, optional
        The cache folder of the model (default ``cls_name`` lower-cased: ``word2vec``).

    Returns
    -------
    gensim.models.KeyedVectors
        ``FastTextKeyedVectors`` for FastText; memory-mapped when read from the cache.

    Raises
    ------
    InputError
        The corpus has no words, or training fails on it (``min_count`` too high).
    """
    gensim = require("gensim", "word2vec")
    gensim_models = require("gensim.models", "word2vec")
    from .._seeding import gensim_workers
    from ..datasets.corpus import corpus_source

    n_workers = gensim_workers(deterministic, workers)
    ident, sentences = corpus_source(corpus, progress=progress)
    kv_cls = gensim_models.KeyedVectors if cls_name == "Word2Vec" else gensim_models.fasttext.FastTextKeyedVectors

    def fit(folder=None):
        started = time.perf_counter()
        kv = _fit(gensim_models, cls_name, sentences(), params, seed=seed, workers=n_workers, progress=progress)
        kv.train_seconds = time.perf_counter() - started  # kept with the vectors: a cached model says what it took
        if folder is not None:
            kv.save(str(folder / "model.kv"))  # gensim writes side files (model.kv.vectors.npy, ...) beside it
        return kv

    if not cache:
        return fit()

    def load(folder):
        kv = kv_cls.load(str(folder / "model.kv"), mmap="r")
        n, dim = kv.vectors.shape
        if n != len(kv.index_to_key) or dim != params["vector_size"] or not np.isfinite(kv.vectors[: 1000]).all():
            raise InputError(f"{n} x {dim} vectors for {len(kv.index_to_key)} words of size {params['vector_size']}")
        return kv

    what = {"english": "the default English corpus", "chinese": "the Chinese corpus", "file": "a text file",
            "list": "sentences given in Python"}[ident.split(":")[0]]
    entry = _cache.Entry(kind or cls_name.lower(), {
        "corpus": ident, "params": params, "seed": seed, "gensim": gensim.__version__,
        "workers": 1 if deterministic else "several (not deterministic)"}, version=MODEL_VERSION,
        built_by=f"{cls_name} trained on {what}, seed {seed}" + ("" if deterministic else ", not deterministic"))
    return entry.get(fit, load)


def _fit(gensim_models, cls_name: str, sentences, params: dict, *, seed: int, workers: int, progress: bool):
    if not any(len(s) >= 1 for s in sentences):
        raise InputError("the training corpus has no words")
    from tqdm.auto import tqdm
    from gensim.models.callbacks import CallbackAny2Vec

    from ..render.language import t

    epochs = params["epochs"]

    class _Bar(CallbackAny2Vec):
        def __init__(self):
            self.bar = tqdm(total=epochs, desc=t("progress.training", model=cls_name), unit="epoch",
                            disable=not progress)

        def on_epoch_end(self, model):
            self.bar.update()

        def on_train_end(self, model):
            self.bar.close()

    model_cls = getattr(gensim_models, cls_name)
    n_words = sum(len(s) for s in sentences)
    try:
        model = model_cls(sentences, seed=seed, workers=workers, callbacks=[_Bar()], **params)
    except RuntimeError as exc:  # e.g. "you must first build vocabulary before training the model"
        raise InputError(
            f"cannot train {cls_name} on this corpus ({n_words} words): {exc}. "
            f"Lower min_count (now {params.get('min_count')}) or give more text."
        ) from None
    return model.wv


def _load_file(path: str, fasttext: bool):
    gensim_models = require("gensim.models", "word2vec")
    p = Path(path)
    if not p.is_file():
        raise InputError(f"no such model file: {path}")
    try:
        if fasttext and p.suffix == ".bin":
            from gensim.models.fasttext import load_facebook_vectors

            return load_facebook_vectors(str(p))
        if p.suffix in (".bin", ".gz") and ".txt" not in p.name:
            return gensim_models.KeyedVectors.load_word2vec_format(str(p), binary=True)
        if p.suffix in (".txt", ".vec"):
            return gensim_models.KeyedVectors.load_word2vec_format(str(p), binary=False)
        obj = gensim_models.utils.SaveLoad.load(str(p))
    except (OSError, ValueError, UnicodeDecodeError, EOFError) as exc:
        raise InputError(f"cannot read {path} as a {'FastText' if fasttext else 'word2vec'} model: {exc}") from None
    return getattr(obj, "wv", obj)


class _GensimSource(TableSource):
    _cls_name = "Word2Vec"
    _online_default = None
    _default_corpus = None
    _trained_name = None  # the source's name when trained on its default corpus (default: the class' name)

    def __init__(self, model: str | None = None, *, corpus=None, seed: int = 0, deterministic: bool = True,
                 workers: int | None = None, cache: bool = True, progress: bool = True, **params):
        unknown = set(params) - set(TRAIN_DEFAULTS) - {"min_n", "max_n", "bucket", "alpha"}
        if unknown:
            raise TypeError(f"unknown training parameter(s): {', '.join(sorted(unknown))}")
        self.params = {**self._defaults(), **params}
        if model is None or model == "train":
            kv = train_keyed_vectors(self._cls_name, self._default_corpus if corpus is None else corpus, self.params,
                                     seed=seed, deterministic=deterministic, workers=workers, cache=cache,
                                     progress=progress, kind=self._trained_name)
            name = (self._trained_name if corpus is None else None) or self._cls_name.lower()
        elif os.path.exists(model) or Path(model).suffix in (".bin", ".txt", ".vec", ".kv", ".model"):
            kv = _load_file(model, fasttext=self._cls_name == "FastText")
            name = f"{self._cls_name.lower()}:{Path(model).name}"
        else:
            from ._online import gensim_data

            kv = gensim_data(model)
            name = f"{self._cls_name.lower()}:{model}"
        self.kv = kv
        #: seconds the training took when this model was trained (None for a model read from a file)
        self.train_seconds = getattr(kv, "train_seconds", None)
        super().__init__(list(kv.index_to_key), kv.vectors, name=name)
        self._index = kv.key_to_index

    def _defaults(self) -> dict:
        return dict(TRAIN_DEFAULTS)


class Word2Vec(_GensimSource):
    """Word2Vec vectors (gensim).

    Parameters
    ----------
    model : str, optional
        None or ``"train"`` (default): train on ``corpus`` with the given
        parameters, with a progress bar, cached on disk after the first run.
        A path: a word2vec ``.bin`` / ``.txt`` file or a saved KeyedVectors /
        Word2Vec model. Otherwise a gensim-data name
        (``"word2vec-google-news-300"``), downloaded when online; offline it fails
        within seconds with :class:`~vizkit.errors.OfflineError`.
    corpus : None, str or iterable
        None: the bundled English corpus (:mod:`vizkit.datasets.corpus`); a text file path;
        or a list of sentences (strings or token lists).
    sg : {0, 1}
        0 for CBOW, 1 for skip-gram.
    vector_size, window, negative, min_count, epochs, sample
        gensim's training parameters (defaults in ``TRAIN_DEFAULTS``).
    seed : int
        Random seed given to gensim.
    deterministic : bool, default True
        Train on one thread, so the same corpus, parameters and seed give
        exactly the same vectors in every run and on every machine.
        ``False`` trains on every core (``workers`` to choose), faster but
        not reproducible (gensim's threads take batches in scheduling order);
        such models are cached apart.
    cache : bool, default True
        Keep the trained vectors in the vizkit cache, keyed by the corpus'
        content, the parameters and the seed; a damaged entry is retrained.

    Examples
    --------
    >>> w2v = Word2Vec(corpus=[["the", "cat", "sat"], ["the", "dog", "sat"]] * 50,
    ...                min_count=1, epochs=2, vector_size=8, cache=False, progress=False)
    >>> w2v.vocab_size
    4
    """

    _cls_name = "Word2Vec"


class FastText(_GensimSource):
    """FastText vectors (gensim): words outside the vocabulary are built from character n-grams.

    Takes the same arguments as :class:`Word2Vec` plus ``min_n``/``max_n``
    (n-gram lengths, 3 and 6) and ``bucket`` (n-gram hash buckets). A ``.bin``
    path is read as a Facebook FastText model.
    """

    _cls_name = "FastText"

    def _defaults(self) -> dict:
        # 5 epochs: n-gram training costs about twice Word2Vec's per epoch
        return {**TRAIN_DEFAULTS, "epochs": 5, "min_n": 3, "max_n": 6, "bucket": 200_000}

    def _lookup(self, word: str):
        i = self.index.get(word)
        if i is not None:
            return np.asarray(self.kv.vectors[i], dtype=np.float32), {"oov": False}
        vec = self.kv.get_vector(word)  # sum of character n-gram vectors
        if not np.any(vec):
            return None  # no n-gram of this word was seen in training
        return np.asarray(vec, dtype=np.float32), {"oov": True}

    def ngrams(self, word: str) -> list[str]:
        """The character n-grams (with ``<`` and ``>`` boundary marks) a vector is built from."""
        from gensim.models.fasttext import compute_ngrams

        return compute_ngrams(word, self.kv.min_n, self.kv.max_n)


class Word2VecZh(Word2Vec):
    """Word2Vec trained here on Chinese news (``word2vec-zh``), the words cut by jieba.

    The default corpus is :mod:`vizkit.datasets.chinese` (the iNews articles,
    about 4.2M words after segmentation; licence unclear, see there):
    skip-gram, 100 dimensions, 5 epochs (Chinese news has 1.6 times the words
    of the English default; 5 epochs keep its training time near the English
    model's, and gave closer animal neighbours than 10), words seen at least
    10 times (at 5, words of a single article, 藓 and 暖炉, crowded the
    neighbours of 猫), one thread, so the same vectors on every machine;
    cached by the corpus' content. Takes :class:`Word2Vec`'s arguments.

    A word written in Traditional characters (貓) is not folded into
    Simplified; when it is unknown the error suggests the Simplified form (猫).

    Examples
    --------
    >>> zh = Word2VecZh(progress=False)  # doctest: +SKIP
    >>> [w for w, _ in zh.most_similar("猫", top=4)]  # doctest: +SKIP
    ['猫咪', '梗', '狗', '油炸']
    """

    _default_corpus = "chinese"
    _trained_name = "word2vec-zh"

    def _defaults(self) -> dict:
        return {**TRAIN_DEFAULTS, "epochs": 5, "min_count": 10}

    def unknown(self, word: str):
        from .._chinese import has_cjk, simplified
        from ..errors import UnknownWordError
        from .._suggest import close_words

        close = close_words(word, self.words)
        simple = simplified(word) if has_cjk(word) else None
        if simple is not None:
            hint = ("it is written in Traditional characters, which are not folded into Simplified ones; "
                    f"the corpus is Simplified: try {simple}")
            if simple in self.index:
                close = [simple] + [w for w in close if w != simple]
        elif not has_cjk(word) and word.lower() in self.index:
            hint = f"its vocabulary is lower-cased: try {word.lower()}"
        elif not has_cjk(word):
            hint = (f"{self.name} is trained on Chinese news: Latin words are in it only as they occur there "
                    "(iphone, google); give a Chinese word, or use an English source (glove, word2vec)")
        else:
            hint = f"not among the words seen at least {self.params['min_count']} times in the Chinese corpus"
        return UnknownWordError(word, close[:5], self.name, hint=hint)
