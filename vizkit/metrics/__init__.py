"""Numbers that judge embeddings: sense separation of occurrences, intrinsic evaluation (similarity, analogies).

- :mod:`.separation`: within-sense vs across-sense cosine of a word's occurrences, layer by layer;
- :mod:`.evaluation`: WordSim-353 / SimLex-999 correlation and the Google analogy set (gensim's copies).

How faithful a 2-D map is (trustworthiness) lives with the maps, in :mod:`vizkit.projection.quality`.
"""

from .evaluation import (Score, analogies, dataset_path, evaluate, evaluation_figure, evaluation_table,
                         similarity_pairs, word_similarity)
from .separation import layer_separation, sense_separation

__all__ = ["sense_separation", "layer_separation", "Score", "dataset_path", "similarity_pairs", "word_similarity",
           "analogies", "evaluate", "evaluation_table", "evaluation_figure"]
