"""Embedding sources behind one interface (:class:`Source`).

=============  ==============================================================
name           what it is (default offline artefact)
=============  ==============================================================
``glove``      :class:`GloVe`: Stanford GloVe 6B 50d, 400k words
``word2vec``   :class:`Word2Vec`: skip-gram trained on the bundled corpus
``fasttext``   :class:`FastText`: same corpus, character n-grams for OOV
``llm``        :class:`LLMStatic`: a transformer's input token embeddings
=============  ==============================================================

A contextual model (:class:`LLM`: a vector per occurrence in a sentence, per
layer) is not a :class:`Source`; it answers :class:`ContextualModel`.
"""

from __future__ import annotations

from .._hf import hub_reachable as hf_reachable
from ._base import ContextualModel, Source, TableSource
from ._glove import GloVe
from ._gensim import FastText, Word2Vec, train_keyed_vectors
from ._llm import LLM, LLMStatic, LongSentenceWarning, WordNotInSentenceWarning, default_model_path
from ._registry import SOURCES, get_source, source_status

__all__ = ["Source", "TableSource", "ContextualModel", "GloVe", "Word2Vec", "FastText", "LLM", "LLMStatic", "LongSentenceWarning", "WordNotInSentenceWarning",
           "SOURCES", "get_source", "source_status", "train_keyed_vectors", "default_model_path", "hf_reachable"]

