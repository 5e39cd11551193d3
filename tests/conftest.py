"""Shared fixtures: the real GloVe, the real MiniLM, a small real Word2Vec. One global SEED."""

import os
from pathlib import Path

# Trained models and corpora are cached inside the checkout for the tests, so a
# fresh clone (as in CI) exercises the whole first-run path: npm fetch, training.
if not os.environ.get("VIZKIT_CACHE"):
    os.environ["VIZKIT_CACHE"] = str(Path(__file__).resolve().parent.parent / ".cache-test")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

SEED = 42


@pytest.fixture(scope="session")
def glove():
    from vizkit.sources import GloVe

    return GloVe()


@pytest.fixture(scope="session")
def llm():
    from vizkit.sources import LLM

    return LLM()


@pytest.fixture(scope="session")
def corpus_small():
    """The first 400k words of the real bundled English corpus."""
    from vizkit.corpus import english_corpus

    return english_corpus(max_words=400_000, progress=False)


@pytest.fixture(scope="session")
def w2v_small(corpus_small):
    from vizkit.sources import Word2Vec

    return Word2Vec(corpus=corpus_small, epochs=5, min_count=3, seed=SEED, cache=False, progress=False)


@pytest.fixture(scope="session")
def glove_1k(glove):
    """1000 frequent content words of GloVe (skipping the first 200 function words/punctuation)."""
    words = [w for w in glove.words[200:3000] if w.isalpha()][:1000]
    return glove.vectors(words)


@pytest.fixture
def rng():
    return np.random.default_rng(SEED)
