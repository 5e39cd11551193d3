"""The animation as a plotly figure: play/pause, a frame slider, smooth transitions, fixed axes."""

from __future__ import annotations

import html

import numpy as np

from ..plot import group_colours, play_controls
from .frames import FrameSet, highlight


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


def animation_figure(fs: FrameSet, *, duration: int = 900, transition: int = 600):
    """A ``plotly.graph_objects.Figure`` with one frame per stage (static, layer 0..L).

    One trace per sense; every occurrence keeps its id across frames (object
    constancy), so points glide from the shared static point to their
    contextual positions. Anchor words are one extra trace, faint and fixed
    (frames never touch it). Axis ranges are fixed from all frames. Hover shows
    the sentence with the target word in bold; the frame's separation score
    (computed in the original vector space) is written on the plot. Every text
    that comes from the user (sentences, sense labels, anchors) is HTML-escaped.
    """
    import plotly.graph_objects as go

    senses = fs.sense_names
    colours = group_colours(senses)
    idx = {s: np.flatnonzero(np.asarray(fs.senses, dtype=object) == s) for s in senses}
    pieces = fs.subtokens or [""] * fs.n_occurrences
    hover = [f"{highlight(sent, a, b)}<br>sense: {html.escape(sense)}"
             + (f"<br>sub-tokens {html.escape(p)} (mean-pooled)" if " " in p else "")
             for sent, (a, b), sense, p in zip(fs.sentences, fs.spans, fs.senses, pieces)]

    def traces(frame):
        return [go.Scatter(
            x=frame.coords[idx[s], 0], y=frame.coords[idx[s], 1], ids=[f"occ{i}" for i in idx[s]],
            mode="markers", name=html.escape(s), legendgroup=s, hovertext=[hover[i] for i in idx[s]],
            hoverinfo="text",
            marker=dict(size=13, color=colours[s], line=dict(width=1, color="white"), opacity=0.9),
        ) for s in senses]

    def note(frame):
        return [dict(text=_score_text(frame), xref="paper", yref="paper", x=0.01, y=0.99, showarrow=False,
                     align="left", xanchor="left", yanchor="top", font=dict(size=13),
                     bgcolor="rgba(255,255,255,0.8)")]

    data = traces(fs.frames[0])
    if fs.anchors:
        data.append(go.Scatter(
            x=[a.xy[0] for a in fs.anchors], y=[a.xy[1] for a in fs.anchors], mode="markers+text",
            name="anchor words", text=[html.escape(a.word) for a in fs.anchors], textposition="top center",
            hovertext=[f"anchor word '{html.escape(a.word)}' ({html.escape(a.sense)} sense)" for a in fs.anchors],
            hoverinfo="text", textfont=dict(size=11, color=[colours.get(a.sense, "#999") for a in fs.anchors]),
            marker=dict(symbol="diamond", size=8, color=[colours.get(a.sense, "#999") for a in fs.anchors]),
            opacity=0.35,
        ))
    frames = [go.Frame(name=f.name, data=traces(f), traces=list(range(len(senses))),
                       layout=go.Layout(annotations=note(f))) for f in fs.frames]
    fig = go.Figure(data=data, frames=frames)
    method = {"pca": "PCA", "tsne": "t-SNE", "umap": "UMAP"}.get(fs.method, fs.method)
    shared = "semantic axes in each layer's space" if fs.method == "axes" else f"{method} map shared by all frames"
    x_title, y_title = fs.axis_titles or ("", "")
    fig.update_layout(
        title=f"'{html.escape(fs.word)}': one static vector, then {html.escape(fs.model)} layer by layer "
              f"<sup>({shared})</sup>",
        template="plotly_white", annotations=note(fs.frames[0]), hovermode="closest",
        xaxis=dict(range=list(fs.extent[:, 0]), autorange=False, showticklabels=bool(x_title), zeroline=False,
                   title=x_title),
        yaxis=dict(range=list(fs.extent[:, 1]), autorange=False, showticklabels=bool(y_title), zeroline=False,
                   title=y_title),
        legend_title_text="sense", margin=dict(t=70, b=110),
        **play_controls([f.name for f in fs.frames], [f.label for f in fs.frames], duration=duration,
                        transition=transition, prefix="showing: "),
    )
    return fig
