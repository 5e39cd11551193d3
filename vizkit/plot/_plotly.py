"""Interactive scatter plots with plotly: 2-D (:func:`scatter`, :func:`scatter_grid`) and 3-D (:func:`scatter3d`)."""

from __future__ import annotations

import html
from typing import Sequence

import numpy as np

from ._common import hover_text, unpack
from .colours import PALETTE, group_order

#: above this many points traces use WebGL (``Scattergl``)
WEBGL_THRESHOLD = 3000
#: up to this many points the labels are written next to the markers
LABEL_THRESHOLD = 150


def _traces(labels, meta, xy, groups, *, hover, show_labels, webgl, legend=True, legendgroup_prefix=""):
    """One trace per colour group: ``Scatter`` (``Scattergl`` with ``webgl``) for 2 columns, ``Scatter3d`` for 3."""
    import plotly.graph_objects as go

    n = len(labels)
    three = xy.shape[1] == 3
    use_gl = n > WEBGL_THRESHOLD if webgl is None else bool(webgl)
    cls = go.Scatter3d if three else go.Scattergl if use_gl else go.Scatter
    show = n <= LABEL_THRESHOLD if show_labels is None else bool(show_labels)
    size = (5 if n < 1000 else 2) if three else (8 if n < 1000 else 4)  # 3-D markers look larger up close
    texts = hover_text(labels, meta, hover)
    idx_groups = [(None, np.arange(n))] if groups is None else [
        (g, np.flatnonzero(np.asarray(groups, dtype=object) == g)) for g in group_order(groups)]
    traces = []
    for k, (g, idx) in enumerate(idx_groups):
        traces.append(cls(
            **dict(zip("xyz", xy[idx].T)),
            mode="markers+text" if show else "markers",
            text=[html.escape(labels[i], quote=False) for i in idx] if show else None,
            textposition="top center",
            hovertext=[texts[i] for i in idx], hoverinfo="text",
            name=html.escape(g, quote=False) if g is not None else "points",
            legendgroup=f"{legendgroup_prefix}{g}", showlegend=legend and g is not None,
            marker=dict(size=size, color=PALETTE[k % len(PALETTE)], opacity=0.85),
        ))
    return traces


def _continuous(color, n: int) -> np.ndarray | None:
    """The colour values when ``color`` is an array of floats (one per point), else None."""
    if isinstance(color, np.ndarray) and np.issubdtype(color.dtype, np.floating):
        if color.shape != (n,):
            from ..errors import InputError

            raise InputError(f"{color.shape[0] if color.ndim else 0} colour values for {n} points")
        return color
    return None


def _figure(points, coords, dims: int, *, color, hover, title, show_labels, webgl, color_title, colorscale,
            color_range):
    """The figure of :func:`scatter` and :func:`scatter3d` before their axes are styled."""
    import plotly.graph_objects as go

    values = _continuous(color, len(coords))
    labels, meta, xy, groups = unpack(points, coords, None if values is not None else color, dims)
    traces = _traces(labels, meta, xy, groups, hover=hover, show_labels=show_labels, webgl=webgl)
    if values is not None:
        lo, hi = color_range if color_range is not None else (float(values.min()), float(values.max()))
        traces[0].marker.update(color=values, colorscale=colorscale, cmin=lo, cmax=hi, showscale=True,
                                colorbar=dict(title=dict(text=color_title or "")))
        traces[0].hovertext = [f"{t}<br>{html.escape(color_title or 'value')}: {v:.3g}"
                               for t, v in zip(traces[0].hovertext, values)]
    fig = go.Figure(traces)
    fig.update_layout(title=title, template="plotly_white", hovermode="closest",
                      legend_title_text=color if isinstance(color, str) else None,
                      margin=dict(l=40, r=20, t=60 if title else 20, b=40))
    return fig


def scatter(points, coords, *, color: str | Sequence | np.ndarray | None = None,
            hover: Sequence[str] | None = None, title: str | None = None, show_labels: bool | None = None,
            webgl: bool | None = None, color_title: str | None = None, colorscale: str = "Viridis",
            color_range: tuple[float, float] | None = None):
    """A 2-D scatter of labelled points as a ``plotly.graph_objects.Figure``.

    Parameters
    ----------
    points : LabelledVectors or sequence of str
    coords : ndarray of shape (n, 2)
    color : str or sequence, optional
        A metadata column (``"group"``, ``"sense"``, ``"source"``) or one value per
        point; one trace (and legend entry) per distinct value. A NumPy array of
        floats (one per point, e.g. :func:`vizkit.projection.neighbour_preservation`)
        colours one trace on a continuous scale with a colour bar instead.
    hover : sequence of str, optional
        Metadata columns shown on hover (default: all).
    show_labels : bool, optional
        Write labels beside markers (default: when at most 150 points).
    webgl : bool, optional
        Use ``Scattergl`` (default: above 3000 points).
    color_title, colorscale, color_range
        For float colours: the colour bar's title, a plotly colour scale name, and ``(min, max)``
        (default: the values' range).

    See Also
    --------
    scatter3d : the same points on a 3-D map.

    Examples
    --------
    >>> fig = scatter(["cat", "dog"], [[0, 0], [1, 1]])
    >>> fig.data[0].type, fig.data[0].x.tolist()
    ('scatter', [0.0, 1.0])
    """
    fig = _figure(points, coords, 2, color=color, hover=hover, title=title, show_labels=show_labels, webgl=webgl,
                  color_title=color_title, colorscale=colorscale, color_range=color_range)
    fig.update_xaxes(showticklabels=False, zeroline=False)
    fig.update_yaxes(showticklabels=False, zeroline=False, scaleanchor="x", scaleratio=1)
    return fig


def scatter3d(points, coords, *, color: str | Sequence | np.ndarray | None = None,
              hover: Sequence[str] | None = None, title: str | None = None, show_labels: bool | None = None,
              color_title: str | None = None, colorscale: str = "Viridis",
              color_range: tuple[float, float] | None = None):
    """A 3-D scatter of labelled points (``Scatter3d`` traces, drawn with WebGL) as a ``plotly.graph_objects.Figure``.

    The same traces as :func:`scatter` (one per colour group, the same colours,
    labels and hover text) with a ``z``; the scene keeps the map's proportions
    (``aspectmode="data"``, as :func:`scatter` keeps x and y at one scale) and
    hides the meaningless tick labels. Drag to turn the map, scroll to zoom.

    Parameters
    ----------
    points : LabelledVectors or sequence of str
    coords : ndarray of shape (n, 3)
        E.g. ``PCA(n_components=3).fit_transform(X)``.
    color, hover, title, show_labels, color_title, colorscale, color_range
        As in :func:`scatter`.

    Examples
    --------
    >>> fig = scatter3d(["cat", "dog"], [[0, 0, 0], [1, 1, 2]])
    >>> fig.data[0].type, fig.data[0].z.tolist()
    ('scatter3d', [0.0, 2.0])
    """
    fig = _figure(points, coords, 3, color=color, hover=hover, title=title, show_labels=show_labels, webgl=None,
                  color_title=color_title, colorscale=colorscale, color_range=color_range)
    axis = dict(showticklabels=False, zeroline=False, title=dict(text=""))
    fig.update_scenes(xaxis=axis, yaxis=axis, zaxis=axis, aspectmode="data")
    return fig


def scatter_grid(panels: Sequence[tuple[str, object, np.ndarray]], *, color: str | None = None,
                 hover: Sequence[str] | None = None, title: str | None = None, cols: int | None = None):
    """Several maps side by side, one per ``(title, points, coords)``, sharing one legend.

    Used for the same words under GloVe, Word2Vec and an LLM.
    """
    from plotly.subplots import make_subplots

    if not panels:
        from ..errors import InputError

        raise InputError("no panels to draw")
    cols = cols or len(panels)
    rows = (len(panels) + cols - 1) // cols
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=[p[0] for p in panels],
                        horizontal_spacing=0.04, vertical_spacing=0.08)
    for i, (_, points, coords) in enumerate(panels):
        labels, meta, xy, groups = unpack(points, coords, color)
        for tr in _traces(labels, meta, xy, groups, hover=hover, show_labels=None, webgl=None, legend=i == 0):
            fig.add_trace(tr, row=i // cols + 1, col=i % cols + 1)
    fig.update_layout(title=title, template="plotly_white", height=520 * rows, hovermode="closest",
                      legend_title_text=color)
    fig.update_xaxes(showticklabels=False, zeroline=False)
    fig.update_yaxes(showticklabels=False, zeroline=False)
    return fig
