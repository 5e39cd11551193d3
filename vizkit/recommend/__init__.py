"""Recommendations from item embeddings ("item2vec"): Word2Vec over users' histories.

Word2Vec learns that words met in the same sentences are related. Give it
each user's films in the order they were rated, one "sentence" per user, and
it learns that films met in the same histories are related: their vectors end
up close, and "films similar to X" are the nearest vectors to X. This is the
"recommending songs by embeddings" recipe of *Hands-On Large Language Models*
(ch. 2: playlists as sentences, ``Word2Vec(playlists, vector_size=32,
window=20, negative=50)``), here on MovieLens 100k (:mod:`vizkit.datasets.movielens`).

Examples
--------
>>> from vizkit.datasets.movielens import movielens_100k          # doctest: +SKIP
>>> ml = movielens_100k()                                 # doctest: +SKIP
>>> model = train_item2vec(ml)                            # doctest: +SKIP
>>> similar_items(model, "Star Wars (1977)", top=3)       # doctest: +SKIP
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np

from ..errors import InputError

__all__ = ["ITEM2VEC_DEFAULTS", "ItemVectors", "train_item2vec", "similar_items", "item_coords", "item_map",
           "genre_agreement", "GENRE_COLOURS"]

#: Training parameters. ``vector_size``, ``window`` and ``negative`` are the book's
#: (32, 20, 50), with skip-gram (``sg=1``) and gensim's 5 epochs. ``min_count=5``
#: leaves out films rated by fewer than 5 users (their vectors would be noise),
#: and ``sample=1e-4`` thins out the most rated films (Star Wars is in 583 of the
#: 943 histories) so that they do not become everyone's neighbour; it also makes
#: training 2.5x faster than gensim's 1e-3.
ITEM2VEC_DEFAULTS = dict(sg=1, vector_size=32, window=20, negative=50, min_count=5, epochs=5, sample=1e-4)

#: one fixed colour per MovieLens genre (so a genre keeps its colour on every map)
GENRE_COLOURS = {
    "Animation": "#e377c2", "Children's": "#f7b6d2", "Documentary": "#7f7f7f", "Horror": "#000000",
    "Sci-Fi": "#17becf", "Western": "#8c564b", "Film-Noir": "#393b79", "Musical": "#bcbd22",
    "War": "#637939", "Fantasy": "#c5b0d5", "Mystery": "#9467bd", "Crime": "#d62728", "Thriller": "#ff9896",
    "Action": "#ff7f0e", "Adventure": "#ffbb78", "Romance": "#e7969c", "Comedy": "#2ca02c",
    "Drama": "#1f77b4", "unknown": "#c7c7c7",
}


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


def item_coords(model: ItemVectors, method: str = "tsne", *, random_state: int = 0, **params) -> np.ndarray:
    """2-D coordinates of all item vectors (rows in ``model.ids`` order), computed once per setting."""
    from ..projection import get_projector

    key = (method, random_state, tuple(sorted(params.items())))
    if key not in model._maps:
        model._maps[key] = get_projector(method, random_state=random_state, **params).fit_transform(model.vectors)
    return model._maps[key]


def _genres_of(model: ItemVectors) -> list[str]:
    if model.items is not None and "main_genre" in model.items:
        return [str(g) for g in model.items.loc[model.ids, "main_genre"]]
    return ["items"] * len(model)


def highlight_traces(model: ItemVectors, coords: np.ndarray, item=None, top: int = 10) -> list:
    """Two traces over an item map: ``item``'s nearest neighbours (rings numbered by rank) and ``item`` (a star).

    With ``item=None`` both traces are empty (so a widget can update them in place).
    """
    import html

    import plotly.graph_objects as go

    nx, ny, ntext, nhover = [], [], [], []
    sx, sy, stext = [], [], []
    if item is not None:
        item_id = model.find(item)
        pos = {i: k for k, i in enumerate(model.ids)}
        for rank, row in enumerate(similar_items(model, item_id, top).itertuples(), 1):
            x, y = coords[pos[row.item_id]]
            nx.append(x)
            ny.append(y)
            ntext.append(str(rank))
            nhover.append(f"<b>{html.escape(row.title)}</b><br>#{rank} similar to "
                          f"{html.escape(model.label(item_id))}<br>cosine {row.cosine:.3f}")
        x, y = coords[pos[item_id]]
        sx, sy, stext = [x], [y], [model.label(item_id)]
    neighbours = go.Scatter(x=nx, y=ny, mode="markers+text", text=ntext, hovertext=nhover, hoverinfo="text",
                            textposition="middle center", textfont=dict(size=9, color="#000"),
                            name="similar films (rank)",
                            marker=dict(size=16, color="rgba(255,255,255,0.8)", line=dict(color="#222", width=1.5)))
    star = go.Scatter(x=sx, y=sy, mode="markers+text", text=stext, hovertext=stext, hoverinfo="text",
                      textposition="bottom center", textfont=dict(size=13), name="picked film",
                      marker=dict(size=20, symbol="star", color="gold", line=dict(color="#222", width=1.5)))
    return [neighbours, star]


def item_map(model: ItemVectors, *, method: str = "tsne", color: str = "genre", highlight=None, top: int = 10,
             random_state: int = 0, title: str | None = None, **params):
    """A 2-D map of all item vectors, coloured by main genre (or release year), as a plotly ``Figure``.

    Parameters
    ----------
    model : ItemVectors
    method : {"tsne", "umap", "pca"}
        The projection (:mod:`vizkit.projection`); extra ``params`` go to it.
    color : {"genre", "year"}
        One trace (and colour) per main genre, or one trace shaded by release year.
    highlight : int or str, optional
        A film to mark with a star, with its ``top`` most similar films ringed
        and numbered by rank.
    random_state : int

    Returns
    -------
    plotly.graph_objects.Figure
        The item traces (hover: title, genres, number of ratings), then the two
        highlight traces (empty without ``highlight``).

    Examples
    --------
    >>> fig = item_map(model, highlight="Toy Story (1995)")    # doctest: +SKIP
    >>> [t.name for t in fig.data][-2:]                         # doctest: +SKIP
    ['similar films (rank)', 'picked film']
    """
    import html

    import plotly.graph_objects as go

    xy = item_coords(model, method, random_state=random_state, **params)
    genres = np.asarray(_genres_of(model), dtype=object)
    hover = [f"<b>{html.escape(model.label(i))}</b>" for i in model.ids]
    if model.items is not None and "genres" in model.items:
        rows = model.items.loc[model.ids]
        hover = [f"{h}<br>{html.escape(', '.join(g))}<br>{n} ratings"
                 for h, g, n in zip(hover, rows["genres"], rows.get("n_ratings", [""] * len(rows)))]
    from ..datasets.movielens import GENRES

    fig = go.Figure()
    if color == "genre":
        order = [g for g in GENRES if g in set(genres)] + sorted(set(genres) - set(GENRES))
        for g in order:
            idx = np.flatnonzero(genres == g)
            fig.add_trace(go.Scatter(
                x=xy[idx, 0], y=xy[idx, 1], mode="markers", name=f"{g} ({len(idx)})",
                hovertext=[hover[i] for i in idx], hoverinfo="text",
                marker=dict(size=6, color=GENRE_COLOURS.get(g, "#7f7f7f"), opacity=0.75),
            ))
        what = "main genre"
    elif color == "year":
        if model.items is None or "year" not in model.items:
            raise InputError("colouring by year needs an items table with a 'year' column")
        years = model.items.loc[model.ids, "year"].astype("float64").to_numpy()
        known = np.isfinite(years)
        fig.add_trace(go.Scatter(
            x=xy[known, 0], y=xy[known, 1], mode="markers", name="films",
            hovertext=[f"{hover[i]}<br>released {int(years[i])}" for i in np.flatnonzero(known)],
            hoverinfo="text", showlegend=False,
            # most films are from the 1990s: the scale spans the newest 80% so that 1995 and 1997
            # differ; older films share the darkest colour
            marker=dict(size=6, color=years[known], colorscale="Viridis", opacity=0.8,
                        cmin=float(np.floor(np.percentile(years[known], 20))), cmax=float(years[known].max()),
                        colorbar=dict(title="released<br>(older:<br>darkest)", x=1.02)),
        ))
        what = "release year"
    else:
        raise InputError(f"color must be 'genre' or 'year'; got {color!r}")
    fig.add_traces(highlight_traces(model, xy, highlight, top))
    names = {"tsne": "t-SNE", "umap": "UMAP", "pca": "PCA"}
    fig.update_layout(
        title=title or f"{len(model)} films by their item2vec vectors ({model.kv.vector_size}-d, "
                       f"{names.get(method, method)}), coloured by {what}",
        template="plotly_white", hovermode="closest", legend_title_text=what if color == "genre" else None,
        legend=dict(x=1.12) if color == "year" else None,
        margin=dict(l=20, r=20, t=60, b=20), height=620,
    )
    fig.update_xaxes(showticklabels=False, zeroline=False)
    fig.update_yaxes(showticklabels=False, zeroline=False, scaleanchor="x", scaleratio=1)
    return fig


def _jaccard(a, b) -> float:
    a, b = set(a), set(b)
    return len(a & b) / len(a | b) if a | b else 0.0


def genre_agreement(model: ItemVectors, *, top: int = 10, min_ratings: int = 20, random_state: int = 0) -> dict:
    """How much a film's recommendations share its genres, against two baselines that know nothing.

    For every film with a vector and at least ``min_ratings`` ratings, the mean
    genre Jaccard index (shared genres / all genres of the two films) between it
    and each of its ``top`` neighbours; the same against ``top`` random films
    with vectors, and against the ``top`` most rated films (a shop's "best
    sellers" shelf). Genres are never seen in training, so agreement above the
    baselines is learnt from the histories alone.

    Returns
    -------
    dict
        ``neighbours``, ``random``, ``popular`` (mean Jaccard), ``n_queries``
        and ``better_than_random`` (share of queries whose neighbours beat their
        random films).
    """
    if model.items is None or "genres" not in model.items:
        raise InputError("genre_agreement needs an items table with genres (train on a MovieLens object)")
    rng = np.random.default_rng(random_state)
    genres = {i: model.items.at[i, "genres"] for i in model.ids}
    counts = model.items.loc[model.ids, "n_ratings"] if "n_ratings" in model.items else None
    queries = [i for i in model.ids if counts is None or counts[i] >= min_ratings]
    if not queries:
        raise InputError(f"no film has {min_ratings} ratings; lower min_ratings")
    popular = list(model.items.loc[model.ids].sort_values("n_ratings", ascending=False, kind="stable").index)
    ids = np.asarray(model.ids)
    nb, rnd, pop = [], [], []
    for q in queries:
        near = [int(k) for k, _ in model.kv.most_similar(str(q), topn=top)]
        others = ids[ids != q]
        rand = rng.choice(others, size=min(top, len(others)), replace=False)
        best = [p for p in popular if p != q][:top]
        nb.append(np.mean([_jaccard(genres[q], genres[i]) for i in near]))
        rnd.append(np.mean([_jaccard(genres[q], genres[int(i)]) for i in rand]))
        pop.append(np.mean([_jaccard(genres[q], genres[i]) for i in best]))
    nb, rnd = np.asarray(nb), np.asarray(rnd)
    return {"neighbours": float(nb.mean()), "random": float(rnd.mean()), "popular": float(np.mean(pop)),
            "n_queries": len(queries), "better_than_random": float(np.mean(nb > rnd))}
