"""vizkit: see what embeddings are.

Static word vectors (GloVe, Word2Vec, FastText, an LLM's input embeddings) and
contextual hidden states projected to 2-D with PCA, t-SNE or UMAP.

The main entry points are here, each imported from its module on first use:

- vectors and sources: :class:`LabelledVectors`, :func:`read_vectors`, :func:`get_source`
  (:class:`GloVe`, :class:`Word2Vec`, :class:`FastText`, :class:`LLM`...), :func:`source_status`,
  :func:`get_tokenizer`, :func:`extract_occurrences` / :func:`read_occurrences` (a corpus);
- maps: :class:`PCA`, :class:`TSNE`, :class:`UMAP` (scikit-learn estimators), :class:`StableMap`,
  :func:`procrustes_align`, :func:`trustworthiness`, :class:`Atlas` (a whole vocabulary);
- figures and animations: :func:`scatter`, :func:`polysemy_frames` -> :func:`animation_figure` ->
  :func:`write_html` (one offline file) or :func:`animation_mpl` -> :func:`save_gif`,
  :func:`side_by_side_frames`, :func:`train_word2vec`, and :mod:`vizkit.present` (slide shows).

Widgets are in :mod:`vizkit.widgets`; everything else in its package (``vizkit.compare``,
``vizkit.recommend``...). ``import vizkit`` is light: numpy, torch, transformers, umap and
gensim are imported when first used.

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

#: name -> module it is read from on first use; a name that is the module's own last part is the module itself
_LAZY = {
    # vectors and sources
    "LabelledVectors": "vizkit.vectors",
    "read_vectors": "vizkit.formats",
    "Source": "vizkit.sources",
    "GloVe": "vizkit.sources",
    "Word2Vec": "vizkit.sources",
    "FastText": "vizkit.sources",
    "LLM": "vizkit.sources",
    "LLMStatic": "vizkit.sources",
    "get_source": "vizkit.sources",
    "source_status": "vizkit.sources",
    "get_tokenizer": "vizkit.tokenizers",
    "extract_occurrences": "vizkit.corpus",
    "read_occurrences": "vizkit.corpus",
    # maps
    "PCA": "vizkit.projection",
    "TSNE": "vizkit.projection",
    "UMAP": "vizkit.projection",
    "StableMap": "vizkit.projection",
    "get_projector": "vizkit.projection",
    "project": "vizkit.projection",
    "procrustes_align": "vizkit.projection",
    "trustworthiness": "vizkit.projection",
    "Atlas": "vizkit.atlas",
    # figures, animations and what writes them
    "scatter": "vizkit.plot",
    "scatter_grid": "vizkit.plot",
    "scatter_mpl": "vizkit.plot",
    "polysemy_frames": "vizkit.polysemy",
    "animation_figure": "vizkit.polysemy",
    "side_by_side_frames": "vizkit.polysemy",
    "side_by_side_figure": "vizkit.polysemy",
    "train_word2vec": "vizkit.training",
    "write_html": "vizkit.render",
    "animation_mpl": "vizkit.polysemy.gif",
    "save_gif": "vizkit.polysemy.gif",
    "present": "vizkit.present",  # the package: vizkit.present.present(word, "talk.html"), parse_script...
}

__all__ = sorted(_LAZY) + ["__version__"]


def __getattr__(name: str):
    if name in _LAZY:
        module = importlib.import_module(_LAZY[name])
        value = module if _LAZY[name] == f"{__name__}.{name}" else getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'vizkit' has no attribute {name!r}")


def __dir__():
    return __all__
