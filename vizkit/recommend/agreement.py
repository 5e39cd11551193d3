"""Whether recommendations share their item's genres, against random items and the most rated ones."""

from __future__ import annotations

import numpy as np

from ..errors import InputError
from .item2vec import ItemVectors


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
