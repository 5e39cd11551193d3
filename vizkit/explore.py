"""The embedding explorer's core, without any widget: which words, which map, which figure.

The explorer widget (``vizkit.widgets.EmbeddingExplorer``) is a thin layer of
controls over these functions; they work the same in a script.

Examples
--------
>>> from vizkit.sources import GloVe
>>> glove = GloVe()
>>> points, missing = word_points(glove, ["birds", "cities"], extra="paris, qwzx")
>>> missing
['qwzx']
>>> coords = word_map(points, "pca")
>>> fig = map_figure(points, coords, analogy=analogy_of(glove, "king", "man", "woman"))
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .vectors import LabelledVectors
from .errors import InputError, ParameterAdjustedWarning
from .datasets.wordlists import words_of

#: the main parameter of each projection: (name, smallest, largest, default); PCA has none
MAIN_PARAM = {"pca": None, "tsne": ("perplexity", 2, 50, 10), "umap": ("n_neighbors", 2, 50, 10), "axes": None}
METHOD_NAMES = {"pca": "PCA", "tsne": "t-SNE", "umap": "UMAP", "axes": "axes"}
#: group name of words typed by the user and of the words of an analogy
TYPED, ANALOGY = "your words", "analogy"


@dataclass(frozen=True)
class Analogy:
    """``a - b + c ≈ result`` (king - man + woman ≈ queen) with the cosine of the result."""

    a: str
    b: str
    c: str
    result: str
    score: float

    @property
    def words(self) -> tuple[str, str, str, str]:
        return self.a, self.b, self.c, self.result

    def __str__(self) -> str:
        return f"{self.a} − {self.b} + {self.c} ≈ {self.result} (cosine {self.score:.2f})"


def parse_words(text: str) -> list[str]:
    """Words from free text (commas, spaces or new lines between them), lower-cased, first occurrence kept."""
    seen = []
    for w in re.split(r"[\s,;]+", text or ""):
        w = w.strip().lower()
        if w and w not in seen:
            seen.append(w)
    return seen


def analogy_of(source, a: str, b: str, c: str) -> Analogy:
    """The best answer of ``a - b + c`` in ``source`` (the three query words excluded)."""
    a, b, c = (w.strip().lower() for w in (a, b, c))
    if not (a and b and c):
        raise InputError("an analogy needs three words: a - b + c (king - man + woman)")
    (result, score), = source.analogy(a, b, c, top=1)
    return Analogy(a, b, c, result, float(score))


def word_points(source, groups: Sequence[str] = (), extra: str | Sequence[str] = "",
                analogy: Analogy | None = None) -> tuple[LabelledVectors, list[str]]:
    """Vectors of the words of ``groups``, the ``extra`` words and an analogy, with a ``group`` column.

    A word keeps the first group it appears in. Words the source does not know
    are left out and returned as the second item.
    """
    words, names = words_of(groups)
    typed = parse_words(extra) if isinstance(extra, str) else [w.lower() for w in extra]
    words += typed
    names += [TYPED] * len(typed)
    if analogy is not None:
        words += list(analogy.words)
        names += [ANALOGY] * 4
    group_of = {}
    for w, g in zip(words, names):
        group_of.setdefault(w, g)
    unique = list(group_of)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        points = source.vectors(unique, on_unknown="skip")
    missing = [w for w in unique if w not in set(points.labels)]
    if len(points) == 0:
        raise InputError(f"none of the words is known to {source.name}: {', '.join(unique) or '(no words)'}")
    return points.with_meta(group=[group_of[w] for w in points.labels]), missing


def map_projector(points, method: str = "pca", param: int | None = None, random_state: int = 0, *,
                  axes=("man:woman", None), source=None, n_components: int = 2):
    """The projector fitted on ``points`` with ``method`` and its main parameter (perplexity / n_neighbors).

    A parameter too large for a few words is lowered without a warning: its
    ``perplexity_`` / ``n_neighbors_`` holds the value used, and :func:`map_label` shows it.
    A map computed before is read from the map cache (:func:`vizkit.projection.cache.fit_cached`).
    ``method="axes"``: semantic axes (:class:`~vizkit.projection.Axes`) between the poles
    ``axes = (x, y)`` (``"man:woman"``; y ``None`` for the direction of most variance left),
    pole words looked up in ``source`` (they need not be on the map).
    ``n_components=3``: a 3-D map (PCA, t-SNE, UMAP; ``n_components`` is part of the
    cache key, so a 3-D request is never served a 2-D map). Semantic axes have no third axis.

    Returns
    -------
    vizkit.projection.Projector
        Fitted (or restored from the cache); ``embedding_`` is the map.
    """
    from .projection import get_projector
    from .projection.cache import fit_cached

    method = method.lower()
    if method not in MAIN_PARAM:
        raise InputError(f"unknown projection {method!r}; choose one of: {', '.join(MAIN_PARAM)}")
    if len(points) < 3:
        raise InputError(f"a map needs at least 3 known words; got {len(points)}")
    if n_components not in (2, 3):
        raise InputError(f"a map has 2 or 3 dimensions; got n_components={n_components}")
    if method == "axes" and n_components == 3:
        raise InputError("the semantic axes map is 2-D (its axes are the two poles); choose pca, tsne or umap for 3-D")
    if method == "axes":
        from .projection import Axes

        x, y = axes
        return Axes(x, y or None, source=source).fit(points)  # a formula: nothing to cache
    params = {"normalize": True} if method == "pca" else {}
    if MAIN_PARAM[method] and param is not None:
        params[MAIN_PARAM[method][0]] = int(param)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ParameterAdjustedWarning)  # the label shows the value used
        return fit_cached(get_projector(method, n_components=n_components, random_state=random_state, **params),
                          points)


def map_figure_3d(points, coords, *, title: str | None = None, analogy=None, highlight: str | None = None):
    """:func:`map_figure` in 3-D: one ``Scatter3d`` per group, analogy arrows, a ring on ``highlight``.

    An arrow is a line with a cone at its tip (plotly's 3-D annotations cannot point between two data
    positions); the ring is an open circle around the word.
    """
    import plotly.graph_objects as go

    from .plot import scatter3d

    fig = scatter3d(points, coords, color="group", hover=["group"], title=title)
    pos = {w: np.asarray(coords[i], dtype=float) for i, w in enumerate(points.labels)}
    if analogy is not None and all(w in pos for w in analogy.words):
        span = float(np.ptp(np.asarray(coords, dtype=float), axis=0).max()) or 1.0
        for start, end, colour in ((analogy.b, analogy.c, "#888"), (analogy.a, analogy.result, "#d62728")):
            a, b = pos[start], pos[end]
            fig.add_trace(go.Scatter3d(x=[a[0], b[0]], y=[a[1], b[1]], z=[a[2], b[2]], mode="lines",
                                       name=f"{start}→{end}", hoverinfo="skip", showlegend=False,
                                       line=dict(color=colour, width=5)))
            head = (b - a) / (np.linalg.norm(b - a) or 1.0) * 0.05 * span  # a head of 5 % of the map's width
            fig.add_trace(go.Cone(x=[b[0]], y=[b[1]], z=[b[2]], u=[head[0]], v=[head[1]], w=[head[2]], anchor="tip",
                                  sizemode="raw", sizeref=1, colorscale=[[0, colour], [1, colour]], showscale=False,
                                  hoverinfo="skip", name=f"{start}→{end}", showlegend=False))
    if highlight and highlight in pos:
        x, y, z = pos[highlight]
        fig.add_trace(go.Scatter3d(x=[x], y=[y], z=[z], mode="markers", name=f"'{highlight}'", hoverinfo="skip",
                                   marker=dict(size=12, color="#111", symbol="circle-open")))
    fig.update_layout(height=560)
    return fig


def word_map(points, method: str = "pca", param: int | None = None, random_state: int = 0) -> np.ndarray:
    """2-D coordinates of ``points`` with ``method`` and its main parameter (perplexity / n_neighbors)."""
    return map_projector(points, method, param, random_state).embedding_


def map_label(method: str, projector=None) -> str:
    """The method and the main parameter value a fitted projector really used: ``"t-SNE, perplexity 9.67"``."""
    method = method.lower()
    label = METHOD_NAMES[method]
    if MAIN_PARAM[method] and projector is not None:
        name = MAIN_PARAM[method][0]
        used = getattr(projector, name + "_", getattr(projector, name))
        label += f", {name} {used:.2f}".rstrip("0").rstrip(".")
    return label


def map_figure(points, coords, *, title: str | None = None, analogy: Analogy | None = None,
               highlight: str | None = None):
    """The word map as a plotly Figure: one trace per group, analogy arrows, a ring on ``highlight``.

    The analogy is drawn as two arrows, ``b → c`` and ``a → result`` (man → woman
    and king → queen): in a good space they are nearly parallel. ``coords`` with three
    columns give a 3-D scene (:func:`map_figure_3d`).
    """
    import plotly.graph_objects as go

    from .plot import scatter

    if np.asarray(coords).shape[1] == 3:
        return map_figure_3d(points, coords, title=title, analogy=analogy, highlight=highlight)

    fig = scatter(points, coords, color="group", hover=["group"], title=title)
    pos = {w: coords[i] for i, w in enumerate(points.labels)}
    if analogy is not None and all(w in pos for w in analogy.words):
        for start, end, colour in ((analogy.b, analogy.c, "#888"), (analogy.a, analogy.result, "#d62728")):
            fig.add_annotation(x=pos[end][0], y=pos[end][1], ax=pos[start][0], ay=pos[start][1],
                               xref="x", yref="y", axref="x", ayref="y", showarrow=True, arrowhead=3,
                               arrowsize=1.4, arrowwidth=2, arrowcolor=colour, text="", name=f"{start}→{end}")
    if highlight and highlight in pos:
        x, y = pos[highlight]
        fig.add_trace(go.Scatter(x=[x], y=[y], mode="markers", name=f"'{highlight}'", hoverinfo="skip",
                                 marker=dict(size=22, color="rgba(0,0,0,0)", line=dict(width=3, color="#111"))))
    fig.update_layout(height=560)
    return fig


def neighbours_html(pairs: Sequence[tuple[str, float]], word: str, lang: str | None = None) -> str:
    """An HTML table of ``(word, cosine)`` pairs, its caption and headings in ``lang``."""
    import html

    from .render.language import t, t_html

    rows = "".join(f"<tr><td>{i}</td><td>{html.escape(w)}</td><td>{s:.3f}</td></tr>"
                   for i, (w, s) in enumerate(pairs, 1))
    caption = t_html("widgets.explorer.nearest", lang, word=f"<b>{html.escape(word)}</b>")
    return (f"<table class='vizkit-neighbours'><caption>{caption}</caption>"
            f"<tr><th>#</th><th>{html.escape(t('gallery.word', lang))}</th>"
            f"<th>{html.escape(t('widgets.common.cosine', lang))}</th></tr>{rows}</table>")
