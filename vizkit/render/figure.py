"""Every animation as a plotly figure: play/pause, a frame slider, smooth transitions, fixed axes (2-D or 3-D),
one panel or several side by side."""

from __future__ import annotations

import html

import numpy as np

from ..errors import InputError
from .animation import Animation, as_animation
from .language import t

__all__ = ["animation_figure", "WEBGL_FROM"]

WEBGL_FROM = 1000
"""From this many points on, an animation is drawn with WebGL (``Scattergl``)."""


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _title(anim: Animation) -> str:
    return _esc(anim.title) + (f" <sup>({_esc(anim.subtitle)})</sup>" if anim.subtitle else "")


def animation_figure(anim, *, duration: int = 900, transition: int = 600, webgl: bool | None = None,
                     lang: str | None = None):
    """A ``plotly.graph_objects.Figure`` with one frame per frame of ``anim``.

    Parameters
    ----------
    anim : Animation, or anything with ``to_animation()`` (FrameSet, TrainingRun, SideBySide)
    duration, transition : int
        Milliseconds each frame is shown while playing, and of the glide to the next.
    webgl : bool, optional
        Draw with WebGL (``Scattergl``), which stays fast with thousands of points; by
        default from :data:`WEBGL_FROM` points on. WebGL frames are redrawn rather than glided.
    lang : {"en", "zh"}, optional
        The language of the captions, titles and buttons (default: ``VIZKIT_LANG``, else the locale). An
        :class:`Animation` already made keeps its own texts; the buttons follow ``lang``.

    Returns
    -------
    plotly.graph_objects.Figure
        One trace per group (per panel), each point keeping its id across frames
        (object constancy), so points glide from frame to frame; the reference points
        one more trace per panel, faint and fixed (frames never touch it). Axis ranges
        are fixed from the animation's extent. Each frame carries its caption in the
        corner (per panel). A 3-D animation is one ``Scatter3d`` scene with fixed
        ranges (plotly.js redraws a scene at each frame instead of gliding). Panels
        side by side (``anim.beside``) are subplots sharing the frames and the slider.
    """
    import plotly.graph_objects as go

    from ..plot import play_controls

    anim = as_animation(anim, lang)
    panels = anim.panels
    several = len(panels) > 1
    three = anim.n_components == 3
    if three and several:
        raise InputError("3-D panels are not drawn side by side: draw each model's 3-D animation on its own")
    webgl = max(p.n_points for p in panels) >= WEBGL_FROM if webgl is None else webgl
    trace_type = go.Scatter3d if three else go.Scattergl if webgl else go.Scatter
    order = anim.group_order
    colours = anim.colours
    rows = [{g: np.flatnonzero(np.asarray(p.groups, dtype=object) == g) for g in order} for p in panels]

    def axes(m):
        suffix = f"{m + 1 if m else ''}"
        return dict(xaxis=f"x{suffix}", yaxis=f"y{suffix}") if several else {}

    def traces(k):
        out = []
        for m, p in enumerate(panels):
            xyz = p.coords[k]
            for g in order:
                i = rows[m][g]
                style = dict(ids=[p.ids[j] for j in i], name=html.escape(g), legendgroup=g, **axes(m))
                if several:
                    style["showlegend"] = m == 0
                if p.text:
                    style.update(text=[html.escape(p.labels[j]) for j in i], mode="markers+text",
                                 textposition="top center", textfont=dict(size=11, color=colours[g]),
                                 marker=dict(size=10, color=colours[g], line=dict(width=1, color="white")))
                else:
                    style.update(mode="markers", marker=dict(size=8 if three else 12 if several else 13,
                                                             color=colours[g], line=dict(width=1, color="white"),
                                                             opacity=0.9))
                if p.hover is not None:
                    style.update(hovertext=[p.hover[j] for j in i], hoverinfo="text")
                else:
                    style.update(hoverinfo="text+name")
                out.append(trace_type(**dict(zip("xyz", xyz[i].T)), **style))
        return out

    def notes(k):
        if not several:
            return [dict(text=anim.captions[k], xref="paper", yref="paper", x=0.01, y=0.99, showarrow=False,
                         align="left", xanchor="left", yanchor="top", font=dict(size=13),
                         bgcolor="rgba(255,255,255,0.8)")]
        return [dict(text=p.captions[k], xref=f"x{m + 1 if m else ''} domain", yref=f"y{m + 1 if m else ''} domain",
                     x=0.01, y=0.99, showarrow=False, align="left", xanchor="left", yanchor="top",
                     font=dict(size=11), bgcolor="rgba(255,255,255,0.8)") for m, p in enumerate(panels)]

    fixed = []
    for m, p in enumerate(panels):
        ref = p.reference
        if ref is None or not len(ref.labels):
            continue
        ref_colours = [colours.get(g, "#999") for g in ref.groups]
        extra = dict(legendgroup="reference", showlegend=m == 0, **axes(m)) if several else {}
        fixed.append(trace_type(
            **dict(zip("xyz", ref.coords.T)), mode="markers+text", name=html.escape(ref.name),
            text=[html.escape(x) for x in ref.labels], textposition="top center", hovertext=list(ref.hover),
            hoverinfo="text", textfont=dict(size=10 if several else 11, color=ref_colours),
            marker=dict(symbol="diamond", size=5 if three else 7 if several else 8, color=ref_colours),
            opacity=0.35, **extra))

    n_moving = len(panels) * len(order)
    if several:
        from plotly.subplots import make_subplots

        fig = make_subplots(rows=1, cols=len(panels), subplot_titles=[_esc(p.panel_title) for p in panels],
                            horizontal_spacing=0.06)
        base = list(fig.layout.annotations)  # the subplot titles stay in every frame
        fig.add_traces(traces(0) + fixed)
        fig.frames = [go.Frame(name=name, data=traces(k), traces=list(range(n_moving)),
                               layout=go.Layout(annotations=base + notes(k))) for k, name in enumerate(anim.names)]
        for m, p in enumerate(panels):
            fig.update_xaxes(range=list(p.extent[:, 0]), autorange=False, showticklabels=False, zeroline=False,
                             row=1, col=m + 1)
            fig.update_yaxes(range=list(p.extent[:, 1]), autorange=False, showticklabels=False, zeroline=False,
                             row=1, col=m + 1)
        frame_axes, margin = {}, dict(t=90, b=110)
    else:
        base = []
        fig = go.Figure(data=traces(0) + fixed,
                        frames=[go.Frame(name=name, data=traces(k), traces=list(range(n_moving)),
                                         layout=go.Layout(annotations=notes(k))) for k, name in enumerate(anim.names)])
        x_title, y_title = anim.axis_titles or ("", "")
        if three:  # one scene, its ranges fixed from all frames: nothing jumps while the points move
            scene_axes = {f"{c}axis": dict(range=list(anim.extent[:, i]), autorange=False, showticklabels=False,
                                           zeroline=False, title=dict(text="")) for i, c in enumerate("xyz")}
            frame_axes = dict(scene=dict(**scene_axes, aspectmode="cube"))
        else:
            frame_axes = dict(
                xaxis=dict(range=list(anim.extent[:, 0]), autorange=False, showticklabels=bool(x_title),
                           zeroline=False, title=x_title),
                yaxis=dict(range=list(anim.extent[:, 1]), autorange=False, showticklabels=bool(y_title),
                           zeroline=False, title=y_title))
        margin = dict(t=70, b=110)
    sized = {} if anim.height is None else dict(height=anim.height)
    fig.update_layout(
        title=_title(anim), template="plotly_white", annotations=base + notes(0), hovermode="closest", **frame_axes,
        legend_title_text=_esc(anim.group_title), margin=margin, **sized,
        **play_controls(anim.names, anim.steps, duration=duration, transition=transition,
                        prefix=anim.step_prefix, buttons=(t("animation.play", lang), t("animation.pause", lang))),
    )
    return fig
