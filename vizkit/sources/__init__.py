"""Embedding sources behind one interface (:class:`Source`).

=============  ==============================================================
name           what it is (default offline artefact)
=============  ==============================================================
``glove``      :class:`GloVe`: Stanford GloVe 6B 50d, 400k words
``word2vec``   :class:`Word2Vec`: skip-gram trained on the bundled corpus
``fasttext``   :class:`FastText`: same corpus, character n-grams for OOV
``llm``        :class:`LLMStatic`: a transformer's input token embeddings
=============  ==============================================================
"""

from __future__ import annotations

from ._base import Source, TableSource
from ._glove import GloVe
from ._gensim import FastText, Word2Vec
from ._llm import LLM, LLMStatic
from ._registry import SOURCES, get_source, source_status

__all__ = ["Source", "TableSource", "GloVe", "Word2Vec", "FastText", "LLM", "LLMStatic", "SOURCES",
           "get_source", "source_status"]
