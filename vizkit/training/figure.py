"""The training animation as a plotly figure, and its single-file offline export."""

from __future__ import annotations

import html

from ..plot import group_colours, play_controls
from .run import TrainingRun

__all__ = ["training_figure", "write_training_html", "epoch_note"]


def epoch_note(run: TrainingRun, k: int) -> str:
    """The text shown with epoch ``k``: group separation and the probe word's neighbours (HTML).

    The loss is left out: gensim sums it in float32, so past a few million it stops being reliable.
    """
    f = run.frames[k]
    s = f.separation
    text = (f"<b>{f.name}</b> · group separation {s['separation']:+.3f} (within {s['within_sense_cos']:.3f} "
            f"− across {s['across_sense_cos']:.3f})")
    if f.neighbours:
        text += (f"<br>nearest to <i>{html.escape(run.probe)}</i>: "
                 + ", ".join(f"{html.escape(w)} {c:.2f}" for w, c in f.neighbours))
    return text


def training_figure(run: TrainingRun, *, duration: int = 800, transition: int = 500):
    """A ``plotly.graph_objects.Figure`` with one frame per epoch (0 = random init).

    One trace per word group, each word a labelled point keeping its id across
    frames (object constancy), so the words glide from their random start into
    clusters. Axes are fixed from all epochs; Play / Pause and an epoch slider
    drive it; each frame carries its separation score (original space) and the
    probe word's neighbours.
    """
    import numpy as np
    import plotly.graph_objects as go

    names = list(dict.fromkeys(run.groups))
    colours = group_colours(names)
    rows = {g: np.flatnonzero(np.asarray(run.groups, dtype=object) == g) for g in names}

    def traces(frame):
        return [go.Scatter(x=frame.coords[rows[g], 0], y=frame.coords[rows[g], 1], ids=[run.words[i] for i in rows[g]],
                           text=[html.escape(run.words[i]) for i in rows[g]], mode="markers+text", name=html.escape(g),
                           textposition="top center", hoverinfo="text+name", textfont=dict(size=11, color=colours[g]),
                           marker=dict(size=10, color=colours[g], line=dict(width=1, color="white")))
                for g in names]

    def note(k):
        return [dict(text=epoch_note(run, k), xref="paper", yref="paper", x=0.01, y=0.99, showarrow=False,
                     align="left", xanchor="left", yanchor="top", bgcolor="rgba(255,255,255,0.85)")]

    fig = go.Figure(data=traces(run.frames[0]),
                    frames=[go.Frame(name=f.name, data=traces(f), layout=go.Layout(annotations=note(k)))
                            for k, f in enumerate(run.frames)])
    p = run.params
    negative = f"negative={p['negative']}" if p["negative"] else "hs=1"
    fig.update_layout(
        title=(f"Word2Vec learning, epoch by epoch: {run.algorithm} <sup>(window={p['window']}, {negative}, "
               f"vector_size={p['vector_size']}, {run.corpus_words:,} words; one PCA map for all epochs)</sup>"),
        template="plotly_white", annotations=note(0), hovermode="closest", legend_title_text="group",
        xaxis=dict(range=list(run.extent[:, 0]), autorange=False, showticklabels=False, zeroline=False),
        yaxis=dict(range=list(run.extent[:, 1]), autorange=False, showticklabels=False, zeroline=False),
        margin=dict(t=70, b=110), height=620,
        **play_controls([f.name for f in run.frames], [f.epoch for f in run.frames], duration=duration,
                        transition=transition, prefix="epoch ", pause_redraw=None),
    )
    return fig


def write_training_html(run: TrainingRun, path, *, duration: int = 800, transition: int = 500, **kwargs) -> str:
    """Write :func:`training_figure` as one offline HTML file (plotly.js inline, keyboard control).

    ``duration`` and ``transition`` (ms) time both the Play button and the arrow keys.
    """
    from ..polysemy import write_html

    fig = training_figure(run, duration=duration, transition=transition)
    return write_html(fig, path, duration=duration, transition=transition, **kwargs)
