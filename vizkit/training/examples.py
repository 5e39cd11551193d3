"""Word2Vec's training examples, by hand: sliding-window pairs and negative samples.

What gensim does inside its C loop, written out for one sentence so it can be
printed: skip-gram turns every (target, neighbour) pair inside the window into
a positive example; CBOW predicts each target from its whole window; negative
sampling adds, for every positive pair, ``k`` random "noise" words drawn from
the unigram distribution raised to the power 0.75 (the label-0 examples).
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping, Sequence

import numpy as np

from ..datasets import bundled_text
from ..errors import InputError

__all__ = ["seed_sentences", "skipgram_pairs", "cbow_examples", "noise_distribution", "negative_samples"]


def seed_sentences(*, preprocess: bool = True) -> list:
    """The seed chapter's ``train-data.txt`` (five sentences), as ``simple_preprocess`` token lists.

    With ``preprocess=False`` the raw lines. ``simple_preprocess`` lower-cases,
    drops punctuation and drops one-letter tokens (``"I"``, ``"a"``).

    Examples
    --------
    >>> seed_sentences()[0]
    ['love', 'programming', 'in', 'python']
    """
    lines = bundled_text("train-data.txt").splitlines()
    lines = [ln.strip() for ln in lines if ln.strip()]
    if not preprocess:
        return lines
    from gensim.utils import simple_preprocess

    return [simple_preprocess(ln) for ln in lines]


def _check_window(window) -> int:
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 1:
        raise InputError(f"window must be a whole number of words on each side of the target, at least 1; "
                         f"got {window!r}")
    return int(window)


def _tokens(sentence) -> list[str]:
    if isinstance(sentence, str):
        from ..datasets.corpus import tokenize

        return tokenize(sentence)
    return [str(t) for t in sentence]


def skipgram_pairs(sentence, window: int = 2) -> list[tuple[str, str]]:
    """The skip-gram (target, context) pairs of a sliding window over one sentence.

    Parameters
    ----------
    sentence : str or sequence of str
        A string is tokenised with :func:`vizkit.datasets.corpus.tokenize`.
    window : int, default 2
        Neighbours taken on each side of the target (gensim's ``window``; gensim
        also shrinks it at random per target, which is left out here).

    Returns
    -------
    list of (target, context)
        In sentence order: every target with its neighbours left to right.

    Examples
    --------
    >>> skipgram_pairs("thou shalt not make a machine", window=2)[:4]
    [('thou', 'shalt'), ('thou', 'not'), ('shalt', 'thou'), ('shalt', 'not')]
    """
    window = _check_window(window)
    toks = _tokens(sentence)
    return [(t, toks[j]) for i, t in enumerate(toks)
            for j in range(max(0, i - window), min(len(toks), i + window + 1)) if j != i]


def cbow_examples(sentence, window: int = 2) -> list[tuple[tuple[str, ...], str]]:
    """CBOW's examples: (the window's context words, the target they predict), one per position.

    Examples
    --------
    >>> cbow_examples("the cat sat on the mat", window=1)[1]
    (('the', 'sat'), 'cat')
    """
    window = _check_window(window)
    toks = _tokens(sentence)
    return [(tuple(toks[max(0, i - window):i] + toks[i + 1:i + window + 1]), t) for i, t in enumerate(toks)]


def noise_distribution(counts: Mapping[str, int] | Iterable, power: float = 0.75) -> tuple[list[str], np.ndarray]:
    """Words and their negative-sampling probabilities, ``count ** power`` normalised.

    ``counts`` is a word -> count mapping, or token lists (counted here). The
    power 0.75 lifts rare words and tames frequent ones compared with plain
    frequencies.

    Examples
    --------
    >>> words, p = noise_distribution({"the": 81, "cat": 1})
    >>> words, p.round(3).tolist()
    (['the', 'cat'], [0.964, 0.036])
    """
    if not isinstance(counts, Mapping):
        counts = Counter(w for sent in counts for w in _tokens(sent))
    words = [w for w, c in counts.items() if c > 0]
    if not words:
        raise InputError("no word counts to draw negative samples from")
    weights = np.array([counts[w] for w in words], dtype=np.float64) ** power
    return words, weights / weights.sum()


def negative_samples(pairs: Sequence[tuple[str, str]], counts, *, k: int = 2, power: float = 0.75,
                     random_state=0) -> list[dict]:
    """Skip-gram training rows with negative sampling: each positive pair, then ``k`` noise pairs.

    Parameters
    ----------
    pairs : sequence of (target, context)
        From :func:`skipgram_pairs`.
    counts : mapping word -> count, or token lists
        The corpus the noise words are drawn from (unigram ** ``power``).
    k : int, default 2
        Noise words per positive pair (gensim's ``negative``; 5-20 in practice).
    random_state : int or numpy Generator

    Returns
    -------
    list of dict with ``target``, ``context`` and ``label`` (1 neighbours, 0 noise)
        As in word2vec, a noise draw equal to the target is drawn again.

    Examples
    --------
    >>> rows = negative_samples([("cat", "sat")], {"cat": 5, "sat": 5, "dog": 5, "mat": 5}, k=2)
    >>> [r["label"] for r in rows], rows[0]["context"]
    ([1, 0, 0], 'sat')
    """
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 0:
        raise InputError(f"k (noise words per pair) must be a whole number >= 0; got {k!r}")
    words, p = noise_distribution(counts, power)
    if len(words) < 2:
        raise InputError("negative sampling needs at least two distinct words in the counts")
    rng = random_state if isinstance(random_state, np.random.Generator) else np.random.default_rng(random_state)
    rows = []
    for target, context in pairs:
        rows.append({"target": target, "context": context, "label": 1})
        drawn = 0
        while drawn < k:
            noise = words[rng.choice(len(words), p=p)]
            if noise != target:
                rows.append({"target": target, "context": noise, "label": 0})
                drawn += 1
    return rows
