"""Watching Word2Vec learn: training examples by hand, live gensim training recorded epoch by epoch, the animation.

- :mod:`~vizkit.training.examples`: skip-gram pairs of a sliding window, CBOW's
  examples, negative samples from unigram ** 0.75, the seed's ``train-data.txt``;
- :mod:`~vizkit.training.run`: :func:`train_word2vec` with an
  :class:`EpochSnapshots` callback, the shared map of all epochs, the
  CBOW / skip-gram comparison;
- :mod:`~vizkit.training.figure`: the plotly animation and its offline HTML export.

Needs gensim (the ``word2vec`` extra).
"""

from .examples import cbow_examples, negative_samples, noise_distribution, seed_sentences, skipgram_pairs
from .figure import epoch_note, training_figure, write_training_html
from .run import (GROUPS, TRAIN_DEFAULTS, EpochFrame, EpochSnapshots, TrainingRun, compare_algorithms, epoch_coords,
                  parse_groups, train_word2vec, training_corpus)

__all__ = ["seed_sentences", "skipgram_pairs", "cbow_examples", "noise_distribution", "negative_samples",
           "GROUPS", "TRAIN_DEFAULTS", "EpochSnapshots", "EpochFrame", "TrainingRun", "training_corpus",
           "train_word2vec", "epoch_coords", "compare_algorithms", "parse_groups", "training_figure",
           "write_training_html", "epoch_note"]

