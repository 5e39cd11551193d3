"""vizkit: see what embeddings are.

Static word vectors (GloVe, Word2Vec, FastText, an LLM's input embeddings) and
contextual hidden states projected to 2-D with PCA, t-SNE or UMAP.

``import vizkit`` is light: numpy, torch, transformers, umap and gensim are
imported when first used.

Examples
--------
>>> import vizkit
>>> glove = vizkit.GloVe()
>>> glove.analogy("king", "man", "woman", top=1)[0][0]
'queen'
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_LAZY = {
    "LabelledVectors": "vizkit.vectors",
    "read_vectors": "vizkit.formats",
    "Source": "vizkit.sources",
    "GloVe": "vizkit.sources",
    "Word2Vec": "vizkit.sources",
    "FastText": "vizkit.sources",
    "LLM": "vizkit.sources",
    "LLMStatic": "vizkit.sources",
    "get_source": "vizkit.sources",
    "PCA": "vizkit.projection",
    "TSNE": "vizkit.projection",
    "UMAP": "vizkit.projection",
    "StableMap": "vizkit.projection",
    "get_projector": "vizkit.projection",
    "project": "vizkit.projection",
    "procrustes_align": "vizkit.projection",
    "trustworthiness": "vizkit.projection",
    "scatter": "vizkit.plot",
    "scatter_grid": "vizkit.plot",
    "scatter_mpl": "vizkit.plot",
}

__all__ = sorted(_LAZY) + ["__version__"]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'vizkit' has no attribute {name!r}")


def __dir__():
    return __all__
