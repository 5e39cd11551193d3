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

from . import _online
from ._base import Source, TableSource
from ._glove import GloVe
from ._gensim import FastText, Word2Vec, train_keyed_vectors
from ._llm import LLM, LLMStatic, default_model_path
from ._registry import SOURCES, get_source, source_status

__all__ = ["Source", "TableSource", "GloVe", "Word2Vec", "FastText", "LLM", "LLMStatic", "SOURCES",
           "get_source", "source_status", "train_keyed_vectors", "default_model_path", "hf_reachable"]


def hf_reachable(timeout: float = 3.0) -> bool:
    """Whether the Hugging Face hub accepts a connection within ``timeout`` seconds.

    Asked before a model that is neither a local folder nor in the Hugging
    Face cache is looked for on the hub, so that offline the error comes in
    seconds. Every caller goes through ``vizkit.sources._online.hf_reachable``,
    looked up at each call: replacing that one function (as the tests' offline
    fixture does) takes them all offline.

    Parameters
    ----------
    timeout : float, default 3.0
        Seconds to wait for the connection.

    Returns
    -------
    bool
    """
    return _online.hf_reachable(timeout)
