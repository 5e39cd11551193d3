"""The animation as a plotly figure: play/pause, a frame slider, smooth transitions, fixed axes."""

from __future__ import annotations

import numpy as np

from ..plot._common import PALETTE
from .frames import FrameSet, highlight


def _score_text(frame) -> str:
    s = frame.separation
    return (f"{frame.name}<br>sense separation {s['separation']:+.3f} "
            f"(within {s['within_sense_cos']:.3f}, across {s['across_sense_cos']:.3f}; original space)")


def animation_figure(fs: FrameSet, *, duration: int = 900, transition: int = 600):
    """A ``plotly.graph_objects.Figure`` with one frame per stage (static, layer 0..L).

    One trace per sense; every occurrence keeps its id across frames (object
    constancy), so points glide from the shared static point to their
    contextual positions. Axis ranges are fixed from all frames. Hover shows
    the sentence with the target word in bold; the frame's separation score
    (computed in the original vector space) is written on the plot.
    """
    import plotly.graph_objects as go

    senses = list(dict.fromkeys(fs.senses))
    idx = {s: np.flatnonzero(np.asarray(fs.senses, dtype=object) == s) for s in senses}
    hover = [f"{highlight(sent, a, b)}<br>sense: {sense}"
             for sent, (a, b), sense in zip(fs.sentences, fs.spans, fs.senses)]

    def traces(frame):
        return [go.Scatter(
            x=frame.coords[idx[s], 0], y=frame.coords[idx[s], 1], ids=[f"occ{i}" for i in idx[s]],
            mode="markers", name=s, legendgroup=s, hovertext=[hover[i] for i in idx[s]], hoverinfo="text",
            marker=dict(size=13, color=PALETTE[k % len(PALETTE)], line=dict(width=1, color="white"), opacity=0.9),
        ) for k, s in enumerate(senses)]

    def note(frame):
        return [dict(text=_score_text(frame), xref="paper", yref="paper", x=0.01, y=0.99, showarrow=False,
                     align="left", xanchor="left", yanchor="top", font=dict(size=13),
                     bgcolor="rgba(255,255,255,0.8)")]

    frames = [go.Frame(name=f.name, data=traces(f), traces=list(range(len(senses))),
                       layout=go.Layout(annotations=note(f))) for f in fs.frames]
    fig = go.Figure(data=traces(fs.frames[0]), frames=frames)
    anim = dict(frame=dict(duration=duration, redraw=False), transition=dict(duration=transition,
                                                                             easing="cubic-in-out"))
    fig.update_layout(
        title=f"'{fs.word}': one static vector, then {fs.model} layer by layer",
        template="plotly_white", annotations=note(fs.frames[0]), hovermode="closest",
        xaxis=dict(range=list(fs.extent[:, 0]), autorange=False, showticklabels=False, zeroline=False),
        yaxis=dict(range=list(fs.extent[:, 1]), autorange=False, showticklabels=False, zeroline=False),
        legend_title_text="sense",
        updatemenus=[dict(type="buttons", direction="left", x=0.0, y=-0.08, xanchor="left", yanchor="top",
                          buttons=[dict(label="Play", method="animate", args=[None, {**anim, "fromcurrent": True}]),
                                   dict(label="Pause", method="animate",
                                        args=[[None], dict(frame=dict(duration=0, redraw=False), mode="immediate")])])],
        sliders=[dict(active=0, x=0.12, y=-0.04, len=0.88, currentvalue=dict(prefix=""),
                      steps=[dict(label=f.name.split(" (")[0], method="animate",
                                  args=[[f.name], dict(mode="immediate", **anim)]) for f in fs.frames])],
    )
    return fig
