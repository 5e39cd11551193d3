"""Recommendations from item embeddings ("item2vec"): Word2Vec over users' histories.

Word2Vec learns that words met in the same sentences are related. Give it
each user's films in the order they were rated, one "sentence" per user, and
it learns that films met in the same histories are related: their vectors end
up close, and "films similar to X" are the nearest vectors to X. This is the
"recommending songs by embeddings" recipe of *Hands-On Large Language Models*
(ch. 2: playlists as sentences, ``Word2Vec(playlists, vector_size=32,
window=20, negative=50)``), here on MovieLens 100k (:mod:`vizkit.datasets.movielens`).

Modules: ``item2vec`` trains the vectors and finds similar items, ``figure``
draws the item map, ``agreement`` scores recommendations by shared genres.

Examples
--------
>>> from vizkit.datasets.movielens import movielens_100k          # doctest: +SKIP
>>> ml = movielens_100k()                                 # doctest: +SKIP
>>> model = train_item2vec(ml)                            # doctest: +SKIP
>>> similar_items(model, "Star Wars (1977)", top=3)       # doctest: +SKIP
"""

from .agreement import genre_agreement
from .figure import GENRE_COLOURS, highlight_traces, item_coords, item_map
from .item2vec import ITEM2VEC_DEFAULTS, ItemVectors, similar_items, train_item2vec

__all__ = ["ITEM2VEC_DEFAULTS", "ItemVectors", "train_item2vec", "similar_items", "item_coords", "item_map",
           "highlight_traces", "genre_agreement", "GENRE_COLOURS"]
