"""Interactive scatter plots with plotly."""

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
    import plotly.graph_objects as go

    n = len(labels)
    use_gl = n > WEBGL_THRESHOLD if webgl is None else bool(webgl)
    cls = go.Scattergl if use_gl else go.Scatter
    show = n <= LABEL_THRESHOLD if show_labels is None else bool(show_labels)
    texts = hover_text(labels, meta, hover)
    idx_groups = [(None, np.arange(n))] if groups is None else [
        (g, np.flatnonzero(np.asarray(groups, dtype=object) == g)) for g in group_order(groups)]
    traces = []
    for k, (g, idx) in enumerate(idx_groups):
        traces.append(cls(
            x=xy[idx, 0], y=xy[idx, 1],
            mode="markers+text" if show else "markers",
            text=[html.escape(labels[i], quote=False) for i in idx] if show else None,
            textposition="top center",
            hovertext=[texts[i] for i in idx], hoverinfo="text",
            name=html.escape(g, quote=False) if g is not None else "points",
            legendgroup=f"{legendgroup_prefix}{g}", showlegend=legend and g is not None,
            marker=dict(size=8 if n < 1000 else 4, color=PALETTE[k % len(PALETTE)], opacity=0.85),
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

    Examples
    --------
    >>> fig = scatter(["cat", "dog"], [[0, 0], [1, 1]])
    >>> fig.data[0].type, list(fig.data[0].x)
    ('scatter', [0.0, 1.0])
    """
    import plotly.graph_objects as go

    values = _continuous(color, len(coords))
    labels, meta, xy, groups = unpack(points, coords, None if values is not None else color)
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
    fig.update_xaxes(showticklabels=False, zeroline=False)
    fig.update_yaxes(showticklabels=False, zeroline=False, scaleanchor="x", scaleratio=1)
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
