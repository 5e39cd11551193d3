"""Item vectors ("item2vec"): Word2Vec on users' histories of item ids, and the items closest to an item."""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np

from ..errors import InputError

#: Training parameters. ``vector_size``, ``window`` and ``negative`` are the book's
#: (32, 20, 50), with skip-gram (``sg=1``) and gensim's 5 epochs. ``min_count=5``
#: leaves out films rated by fewer than 5 users (their vectors would be noise),
#: and ``sample=1e-4`` thins out the most rated films (Star Wars is in 583 of the
#: 943 histories) so that they do not become everyone's neighbour; it also makes
#: training 2.5x faster than gensim's 1e-3.
ITEM2VEC_DEFAULTS = dict(sg=1, vector_size=32, window=20, negative=50, min_count=5, epochs=5, sample=1e-4)


class ItemVectors:
    """Trained item vectors: gensim ``KeyedVectors`` keyed by item id (as str), with the items table.

    Parameters
    ----------
    kv : gensim.models.KeyedVectors
    items : pandas.DataFrame, optional
        Indexed by item id, with ``label`` (and ``genres``, ``main_genre``,
        ``n_ratings``) columns, as :attr:`vizkit.datasets.movielens.MovieLens.items`.
        Without it items are shown by id.
    params : dict
        The training parameters.
    seed : int

    Attributes
    ----------
    ids : list of int
        The items that have a vector, most frequent first.
    """

    def __init__(self, kv, items=None, *, params: Mapping | None = None, seed: int | None = None):
        self.kv = kv
        self.items = items
        self.params = dict(params or {})
        self.seed = seed
        self.ids = [int(k) for k in kv.index_to_key]
        self._maps: dict = {}

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, item_id) -> bool:
        return str(item_id) in self.kv.key_to_index

    def __repr__(self) -> str:
        return f"ItemVectors({len(self)} items x {self.kv.vector_size} dims, seed={self.seed})"

    @property
    def vectors(self) -> np.ndarray:
        """ndarray of shape (n_items, vector_size), rows in :attr:`ids` order."""
        return np.asarray(self.kv.vectors)

    def find(self, item) -> int:
        """An item id from an id or a title; an item without a vector is refused with the reason."""
        if self.items is not None:
            from ..datasets.movielens import find_item

            item_id = find_item(self.items, item)
        else:
            try:
                item_id = int(item)
            except (TypeError, ValueError):
                raise InputError(f"without an items table, items are given by id; got {item!r}") from None
        if item_id not in self:
            seen = ""
            if self.items is not None and "n_ratings" in self.items:
                seen = f" is rated by only {int(self.items.at[item_id, 'n_ratings'])} user(s), and"
            raise InputError(
                f"{self.label(item_id)}{seen} has no vector: items met in fewer than "
                f"min_count={self.params.get('min_count', '?')} histories are left out of training. "
                "Pick a more rated film, or train with a lower min_count."
            )
        return item_id

    def label(self, item_id) -> str:
        if self.items is not None and "label" in self.items and int(item_id) in self.items.index:
            return str(self.items.at[int(item_id), "label"])
        return f"item {item_id}"

    def labelled(self):
        """The vectors as :class:`~vizkit.LabelledVectors` labelled by title, with the items' columns as metadata."""
        from ..vectors import LabelledVectors

        meta = {"item_id": self.ids}
        if self.items is not None:
            rows = self.items.loc[self.ids]
            for col in ("genres", "main_genre", "n_ratings"):
                if col in rows:
                    meta[col] = [", ".join(v) if isinstance(v, tuple) else v for v in rows[col]]
        return LabelledVectors(self.vectors, [self.label(i) for i in self.ids], meta)


def _as_histories(histories) -> tuple[list[list[int]], object]:
    """(list of id lists, items table or None) from a MovieLens object, a dict or a list of histories."""
    items = None
    if hasattr(histories, "histories") and hasattr(histories, "items"):
        items = histories.items
        histories = histories.histories()
    if isinstance(histories, Mapping):
        histories = list(histories.values())
    if isinstance(histories, (str, bytes)) or not isinstance(histories, (Sequence, np.ndarray)):
        raise InputError("histories must be a MovieLens object, a {user: [item, ...]} dict or a list of lists")
    out = []
    for h in histories:
        if isinstance(h, (str, bytes)):
            raise InputError("each history must be a list of item ids, not a string")
        out.append([int(i) for i in h])
    if not any(len(h) > 1 for h in out):
        raise InputError("no history holds two or more items: nothing can be learnt from co-occurrence")
    return out, items


def train_item2vec(histories, *, items=None, seed: int = 0, deterministic: bool = True, workers: int | None = None,
                   cache: bool = True,
                   progress: bool = True, **params) -> ItemVectors:
    """Train Word2Vec on histories of item ids, as the book trains it on playlists of songs.

    Parameters
    ----------
    histories : MovieLens, dict of {user: list of int} or list of list of int
        Each user's items in order (one "sentence" per user). A
        :class:`~vizkit.datasets.movielens.MovieLens` gives all its ratings' histories and
        its items table.
    items : pandas.DataFrame, optional
        Titles and genres for labels (taken from a MovieLens object when given one).
    seed : int
        gensim's seed.
    deterministic : bool, default True
        One worker thread: the same seed and data give exactly the same
        vectors. ``False`` trains on every core (or ``workers``), faster but
        not reproducibly.
    cache : bool
        Keep the vectors on disk, keyed by the histories, parameters and seed.
    progress : bool
        A progress bar over the epochs.
    **params
        gensim Word2Vec parameters overriding :data:`ITEM2VEC_DEFAULTS`
        (``vector_size``, ``window``, ``negative``, ``sg``, ``epochs``,
        ``min_count``, ``sample``, ``ns_exponent``, ``alpha``).

    Returns
    -------
    ItemVectors
    """
    from ..sources import train_keyed_vectors

    allowed = set(ITEM2VEC_DEFAULTS) | {"ns_exponent", "alpha", "min_alpha", "hs"}
    unknown = set(params) - allowed
    if unknown:
        raise TypeError(f"unknown training parameter(s): {', '.join(sorted(unknown))}; "
                        f"known: {', '.join(sorted(allowed))}")
    sequences, own_items = _as_histories(histories)
    items = items if items is not None else own_items
    full = {**ITEM2VEC_DEFAULTS, **params}
    kv = train_keyed_vectors("Word2Vec", [[str(i) for i in h] for h in sequences], full, seed=seed,
                             deterministic=deterministic, workers=workers, cache=cache, progress=progress)
    return ItemVectors(kv, items, params=full, seed=seed)


def similar_items(model: ItemVectors, item, top: int = 10):
    """The ``top`` items whose vectors are closest (cosine) to ``item``'s: "viewers of X also watched".

    Parameters
    ----------
    model : ItemVectors
    item : int or str
        An item id or a title (``"Star Wars (1977)"``, ``"toy story"``).
    top : int

    Returns
    -------
    pandas.DataFrame
        ``item_id``, ``title`` (the label), ``genres``, ``cosine``; best first,
        the item itself excluded. Exactly gensim's ``KeyedVectors.most_similar``.
    """
    import pandas as pd

    if int(top) < 1:
        raise InputError(f"top must be at least 1; got {top}")
    item_id = model.find(item)
    pairs = model.kv.most_similar(str(item_id), topn=int(top))
    ids = [int(k) for k, _ in pairs]
    genres = [""] * len(ids)
    if model.items is not None and "genres" in model.items:
        genres = [", ".join(model.items.at[i, "genres"]) for i in ids]
    return pd.DataFrame({"item_id": ids, "title": [model.label(i) for i in ids], "genres": genres,
                         "cosine": [float(c) for _, c in pairs]},
                        index=pd.RangeIndex(1, len(ids) + 1, name="rank"))
