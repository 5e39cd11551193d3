"""Several models' aligned maps as one plotly figure: where each word sits, and how far it moves."""

from __future__ import annotations

import html

import numpy as np

from ..plot import PALETTE
from .models import ModelMaps

__all__ = ["models_figure"]


def models_figure(maps: ModelMaps, *, labels: bool | None = None, title: str | None = None):
    """The aligned maps in one frame: a trace of points per model, a line from each word's place on the
    reference map to its place on every other model's, and the agreement on hover.

    Parameters
    ----------
    maps : ModelMaps
        From :func:`~vizkit.compare.compare_models`.
    labels : bool, optional
        Write the words beside the reference's points (default: up to 80 words).

    Returns
    -------
    plotly.graph_objects.Figure
        Traces: for each model after the reference, its movement lines (``"<model>: moved"``), then one
        marker trace per model (named after it), the reference last so that it is drawn on top.
    """
    import plotly.graph_objects as go

    show_labels = len(maps.words) <= 80 if labels is None else labels
    fig = go.Figure()
    ref = maps.coords[0]
    for m in range(1, len(maps.models)):
        xy = maps.coords[m]
        xs = np.column_stack([ref[:, 0], xy[:, 0], np.full(len(xy), np.nan)]).ravel()
        ys = np.column_stack([ref[:, 1], xy[:, 1], np.full(len(xy), np.nan)]).ravel()
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=f"{maps.models[m]}: moved", hoverinfo="skip",
                                 line=dict(color=PALETTE[m % len(PALETTE)], width=1), opacity=0.45,
                                 legendgroup=maps.models[m], showlegend=False))
    for m in list(range(1, len(maps.models))) + [0]:
        xy = maps.coords[m]
        hover = [f"<b>{html.escape(w)}</b> · {html.escape(maps.models[m])}<br>moved {d:.2f} from "
                 f"{html.escape(maps.models[0])}<br>{round(a * maps.k)} of {maps.k} neighbours shared"
                 for w, d, a in zip(maps.words, maps.moved[m], maps.agreement[m])]
        reference = m == 0
        fig.add_trace(go.Scatter(
            x=xy[:, 0], y=xy[:, 1], mode="markers+text" if reference and show_labels else "markers",
            text=maps.words if reference and show_labels else None, textposition="top center",
            name=maps.models[m], legendgroup=maps.models[m], hovertext=hover, hoverinfo="text",
            marker=dict(size=9 if reference else 7, color=PALETTE[m % len(PALETTE)],
                        symbol="circle" if reference else "diamond", line=dict(width=0.5, color="white"))))
    mean = ", ".join(f"{name} {a:.2f}" for name, a in zip(maps.models[1:], maps.agreement[1:].mean(axis=1)))
    fig.update_layout(
        title=title or f"{len(maps.words)} words under {len(maps.models)} models, {maps.method.upper()} maps "
                       f"aligned on {maps.models[0]} (neighbours shared with it: {mean})",
        xaxis=dict(visible=False), yaxis=dict(visible=False, scaleanchor="x"), template="plotly_white",
        legend=dict(orientation="h", y=-0.05), margin=dict(l=10, r=10, t=60, b=10))
    return fig
