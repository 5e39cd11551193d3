"""The animation as a plotly figure: play/pause, a frame slider, smooth transitions, fixed axes (2-D or 3-D)."""

from __future__ import annotations

import html

import numpy as np

from ..plot import group_colours, play_controls
from .frames import FrameSet, highlight

WEBGL_FROM = 1000
"""From this many occurrences on, the animation is drawn with WebGL (``Scattergl``)."""


def _score_text(frame) -> str:
    s = frame.separation
    if s["separation"] != s["separation"]:  # NaN: fewer than two senses
        text = f"<b>{html.escape(frame.name)}</b><br>sense separation: needs sentences of two senses"
    else:
        text = (f"<b>{html.escape(frame.name)}</b><br>sense separation {s['separation']:+.3f} (within "
                f"{s['within_sense_cos']:.3f} − across {s['across_sense_cos']:.3f}, cosine in the original space)")
    if frame.note:
        text += "<br>" + html.escape(frame.note)
    return text


def hover_texts(fs: FrameSet) -> list[str]:
    """Each occurrence's hover text: its sentence with the word in bold, its sense, its sub-tokens."""
    pieces = fs.subtokens or [""] * fs.n_occurrences
    return [f"{highlight(sent, a, b)}<br>sense: {html.escape(sense)}"
            + (f"<br>sub-tokens {html.escape(p)} (mean-pooled)" if " " in p else "")
            for sent, (a, b), sense, p in zip(fs.sentences, fs.spans, fs.senses, pieces)]


def animation_figure(fs: FrameSet, *, duration: int = 900, transition: int = 600, webgl: bool | None = None):
    """A ``plotly.graph_objects.Figure`` with one frame per stage (static, layer 0..L).

    One trace per sense; every occurrence keeps its id across frames (object
    constancy), so points glide from the shared static point to their
    contextual positions. Anchor words are one extra trace, faint and fixed
    (frames never touch it). Axis ranges are fixed from all frames. Hover shows
    the sentence with the target word in bold; the frame's separation score
    (computed in the original vector space) is written on the plot. Every text
    that comes from the user (sentences, sense labels, anchors) is HTML-escaped.

    ``webgl``: draw with WebGL (``Scattergl``), which stays fast with thousands of
    points (a corpus's occurrences); by default from ``WEBGL_FROM`` (1,000)
    occurrences on. WebGL frames are redrawn rather than glided.

    A 3-D frame set (``polysemy_frames(..., n_components=3)``) is drawn with
    ``Scatter3d`` traces in one scene whose axis ranges are fixed from the
    ``extent``; plotly.js redraws a 3-D scene at each frame instead of gliding
    (``redraw`` is on in every play control). Drag to turn the scene.
    """
    import plotly.graph_objects as go

    three = fs.n_components == 3
    webgl = fs.n_occurrences >= WEBGL_FROM if webgl is None else webgl
    trace_type = go.Scatter3d if three else go.Scattergl if webgl else go.Scatter

    senses = fs.sense_names
    colours = group_colours(senses)
    idx = {s: np.flatnonzero(np.asarray(fs.senses, dtype=object) == s) for s in senses}
    hover = hover_texts(fs)

    def traces(frame):
        return [trace_type(
            **dict(zip("xyz", frame.coords[idx[s]].T)), ids=[f"occ{i}" for i in idx[s]],
            mode="markers", name=html.escape(s), legendgroup=s, hovertext=[hover[i] for i in idx[s]],
            hoverinfo="text",
            marker=dict(size=8 if three else 13, color=colours[s], line=dict(width=1, color="white"), opacity=0.9),
        ) for s in senses]

    def note(frame):
        return [dict(text=_score_text(frame), xref="paper", yref="paper", x=0.01, y=0.99, showarrow=False,
                     align="left", xanchor="left", yanchor="top", font=dict(size=13),
                     bgcolor="rgba(255,255,255,0.8)")]

    data = traces(fs.frames[0])
    if fs.anchors:
        data.append(trace_type(
            **dict(zip("xyz", np.array([a.xy for a in fs.anchors]).T)), mode="markers+text",
            name="anchor words", text=[html.escape(a.word) for a in fs.anchors], textposition="top center",
            hovertext=[f"anchor word '{html.escape(a.word)}' ({html.escape(a.sense)} sense)" for a in fs.anchors],
            hoverinfo="text", textfont=dict(size=11, color=[colours.get(a.sense, "#999") for a in fs.anchors]),
            marker=dict(symbol="diamond", size=5 if three else 8,
                        color=[colours.get(a.sense, "#999") for a in fs.anchors]),
            opacity=0.35,
        ))
    frames = [go.Frame(name=f.name, data=traces(f), traces=list(range(len(senses))),
                       layout=go.Layout(annotations=note(f))) for f in fs.frames]
    fig = go.Figure(data=data, frames=frames)
    method = {"pca": "PCA", "tsne": "t-SNE", "umap": "UMAP"}.get(fs.method, fs.method)
    shared = ("semantic axes in each layer's space" if fs.method == "axes"
              else f"{'3-D ' if three else ''}{method} map shared by all frames")
    x_title, y_title = fs.axis_titles or ("", "")
    if three:  # one scene, its ranges fixed from all frames: nothing jumps while the points move
        axes = {f"{c}axis": dict(range=list(fs.extent[:, i]), autorange=False, showticklabels=False, zeroline=False,
                                 title=dict(text="")) for i, c in enumerate("xyz")}
        frame_axes = dict(scene=dict(**axes, aspectmode="cube"))
    else:
        frame_axes = dict(
            xaxis=dict(range=list(fs.extent[:, 0]), autorange=False, showticklabels=bool(x_title), zeroline=False,
                       title=x_title),
            yaxis=dict(range=list(fs.extent[:, 1]), autorange=False, showticklabels=bool(y_title), zeroline=False,
                       title=y_title))
    fig.update_layout(
        title=f"'{html.escape(fs.word)}': one static vector, then {html.escape(fs.model)} layer by layer "
              f"<sup>({shared})</sup>",
        template="plotly_white", annotations=note(fs.frames[0]), hovermode="closest", **frame_axes,
        legend_title_text="sense", margin=dict(t=70, b=110),
        **play_controls([f.name for f in fs.frames], [f.label for f in fs.frames], duration=duration,
                        transition=transition, prefix="showing: "),
    )
    return fig
