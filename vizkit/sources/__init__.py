"""Embedding sources behind one interface (:class:`Source`).

=============  ==============================================================
name           what it is (default offline artefact)
=============  ==============================================================
``glove``      :class:`GloVe`: Stanford GloVe 6B 50d, 400k words
``word2vec``   :class:`Word2Vec`: skip-gram trained on the bundled corpus
``fasttext``   :class:`FastText`: same corpus, character n-grams for OOV
``word2vec-zh`` :class:`Word2VecZh`: skip-gram trained on Chinese news (jieba)
``llm``        :class:`LLMStatic`: a transformer's input token embeddings
``llm-zh``     :class:`LLMStaticZh`: Gemma 3 270M's input embeddings, Chinese tokens
=============  ==============================================================

A contextual model (:class:`LLM`: a vector per occurrence in a sentence, per
layer) is not a :class:`Source`; it answers :class:`ContextualModel`.
"""

from __future__ import annotations

from .._hf import hub_reachable as hf_reachable
from ._base import ContextualModel, Source, TableSource
from ._glove import GloVe
from ._gensim import FastText, Word2Vec, Word2VecZh, train_keyed_vectors
from ._llm import DEFAULT_MODEL, LLM, LLMStatic, LLMStaticZh, LongSentenceWarning, llm_for, model_for, WordNotInSentenceWarning, default_model_path
from ._registry import SOURCES, get_source, source_status

__all__ = ["Source", "TableSource", "ContextualModel", "GloVe", "Word2Vec", "Word2VecZh", "FastText", "LLM", "LLMStatic", "LLMStaticZh", "LongSentenceWarning", "WordNotInSentenceWarning",
           "SOURCES", "DEFAULT_MODEL", "llm_for", "model_for", "get_source", "source_status", "train_keyed_vectors", "default_model_path", "hf_reachable"]

