"""Item maps: every item vector in 2-D, coloured by genre or release year, a picked item and its neighbours marked."""

from __future__ import annotations

import numpy as np

from ..errors import InputError
from .item2vec import ItemVectors, similar_items

#: one fixed colour per MovieLens genre (so a genre keeps its colour on every map)
GENRE_COLOURS = {
    "Animation": "#e377c2", "Children's": "#f7b6d2", "Documentary": "#7f7f7f", "Horror": "#000000",
    "Sci-Fi": "#17becf", "Western": "#8c564b", "Film-Noir": "#393b79", "Musical": "#bcbd22",
    "War": "#637939", "Fantasy": "#c5b0d5", "Mystery": "#9467bd", "Crime": "#d62728", "Thriller": "#ff9896",
    "Action": "#ff7f0e", "Adventure": "#ffbb78", "Romance": "#e7969c", "Comedy": "#2ca02c",
    "Drama": "#1f77b4", "unknown": "#c7c7c7",
}


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
