"""Watching Word2Vec learn: training examples by hand, live gensim training recorded epoch by epoch, the animation.

- :mod:`~vizkit.training.examples`: skip-gram pairs of a sliding window, CBOW's
  examples, negative samples from unigram ** 0.75, the seed's ``train-data.txt``;
- :mod:`~vizkit.training.run`: :func:`train_word2vec` with an
  :class:`EpochSnapshots` callback, the shared map of all epochs, the
  CBOW / skip-gram comparison;
- :mod:`~vizkit.training.figure`: the plotly animation and its offline HTML export;
- :mod:`~vizkit.training.dimensions`: the same model at several widths, scored side by side;
- :mod:`~vizkit.training.glove`: GloVe trained here from its co-occurrence counts, and the SVD of the same counts;
- :mod:`~vizkit.training.gpt`: a tiny GPT (:mod:`~vizkit.training.tiny_gpt`) trained next-word, its token and
  position tables recorded step by step.

Training (and :func:`seed_sentences`' tokenising) needs gensim (the ``word2vec``
extra); importing this package does not: :class:`EpochSnapshots`, a gensim
subclass, is defined when first used.
"""

from .dimensions import DIMENSIONS, DimensionSweep, dimension_sweep
from .glove import (GLOVE_DEFAULTS, GloVeModel, compare_count_methods, cooccurrence, svd_vectors,
                    train_glove)
from .gpt import GPT_DEFAULTS, gpt_run, position_figure, train_gpt
from .examples import cbow_examples, negative_samples, noise_distribution, seed_sentences, skipgram_pairs
from .figure import epoch_note, training_figure, write_training_html
from .run import (LIVE_TRAIN_DEFAULTS, TRACKED_GROUPS, EpochFrame, TrainingRun, compare_algorithms, epoch_coords,
                  parse_groups, train_word2vec, training_corpus)

__all__ = ["seed_sentences", "skipgram_pairs", "cbow_examples", "noise_distribution", "negative_samples",
           "TRACKED_GROUPS", "LIVE_TRAIN_DEFAULTS", "EpochSnapshots", "EpochFrame", "TrainingRun", "training_corpus",
           "train_word2vec", "epoch_coords", "compare_algorithms", "parse_groups", "training_figure",
           "write_training_html", "epoch_note", "DIMENSIONS", "DimensionSweep", "dimension_sweep",
           "GLOVE_DEFAULTS", "GloVeModel", "train_glove", "cooccurrence", "svd_vectors", "compare_count_methods",
           "GPT_DEFAULTS", "train_gpt", "gpt_run", "position_figure"]


def __getattr__(name: str):
    if name == "EpochSnapshots":  # a gensim subclass: gensim is imported when it is first asked for
        from . import run

        return run.EpochSnapshots
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | {"EpochSnapshots"})
