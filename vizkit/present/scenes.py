"""Each scene of a presentation made from a :class:`~vizkit.polysemy.FrameSet`: its text and its figure.

The ``static`` and ``layer`` scenes are frames of one figure, the animation of
:func:`~vizkit.polysemy.animation_figure` restyled for a projector (big fonts and
markers, no play controls): the page moves that one plot from frame to frame,
so the points glide. ``compare`` is :func:`~vizkit.polysemy.comparison.comparison_figure`
restyled alike, ``separation`` a bar per frame of :meth:`FrameSet.metrics`.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from .script import KINDS, Scene

__all__ = ["Slide", "FONT", "MARKER", "best_layer", "default_scenes", "build_slides", "map_figure",
           "separation_figure", "projector_style"]

FONT = 22  # px, every text of every figure at least this
MARKER = 20  # px, the occurrences' markers
MAP = "map"  # the key of the shared animation figure


@dataclass
class Slide:
    """One scene, resolved: what the page shows. User text is plain text here; the page escapes it."""

    kind: str
    heading: str = ""  # title and text scenes: the big text
    caption: str = ""
    detail: str = ""  # a smaller line under the caption (the scores, the static vector's leaning)
    frame: str | None = None  # static and layer scenes: the animation frame shown
    figure: str | None = None  # compare and separation scenes: the key of their figure


def _score(frame) -> float:
    return frame.separation["separation"]


def best_layer(fs) -> int | None:
    """The layer (1 and up, the contextual ones) whose occurrences separate the senses most; None unscored."""
    scored = [f for f in fs.frames if f.layer is not None and f.layer >= 1 and _score(f) == _score(f)]
    return max(scored, key=_score).layer if scored else None


def _layers(fs) -> list[int]:
    return [f.layer for f in fs.frames if f.layer is not None]


def _can_compare(fs) -> bool:
    return len(fs.sense_names) == 2 and {a.sense for a in fs.anchors} >= set(fs.sense_names)


def default_scenes(fs) -> list[Scene]:
    """The talk without a script: title, static, layer 0, a few layers up to the best, the last, compare,
    separation (compare only with two senses that have anchor words, separation only with a score)."""
    best, last = best_layer(fs), max(_layers(fs))
    top = best if best is not None else last
    steps = [0, *sorted({int(round(x)) for x in np.linspace(0, top, 4)[1:-1]} - {0, top}), top, last]
    scenes = [Scene("title"), Scene("static")]
    scenes += [Scene("layer", layer=layer) for layer in dict.fromkeys(steps)]
    if _can_compare(fs):
        scenes.append(Scene("compare"))
    if best is not None:
        scenes.append(Scene("separation"))
    return scenes


def _resolve_layer(scene: Scene, value, fs, *, lowest: int = 0) -> int:
    layers = _layers(fs)
    if value == "last":
        return max(layers)
    if value in ("best", None):
        best = best_layer(fs)
        if best is None:
            raise InputError(f"{scene.where}{scene.kind} best needs sentences of two senses (a separation "
                             "score); give a layer number instead")
        return best
    if not lowest <= value <= max(layers):
        what = "the comparison's contextual layer" if scene.kind == "compare" else "layer"
        raise InputError(f"{scene.where}{what} {value} is out of range: {fs.model} has layers "
                         f"{lowest}..{max(layers)} (or best, last)")
    return int(value)


def _frame_of(fs, layer):
    return next(f for f in fs.frames if f.layer == layer)


def _layer_caption(fs, layer: int) -> str:
    best, last = best_layer(fs), max(_layers(fs))
    if layer == 0:
        return "Layer 0, the embedding layer: the sentence has not been read yet, only the position moves the word"
    if layer == best == last:
        return f"Layer {layer}, the last: the senses are furthest apart"
    if layer == best:
        return f"Layer {layer}: the senses are furthest apart here"
    if layer == last:
        return f"Layer {layer}, the last layer"
    return f"Layer {layer}: each occurrence moves with its sentence"


def _score_detail(frame) -> str:
    s = frame.separation
    if _score(frame) != _score(frame):
        return "sense separation: needs sentences of two senses"
    return (f"sense separation {s['separation']:+.3f} (cosine within a sense {s['within_sense_cos']:.2f}, "
            f"across senses {s['across_sense_cos']:.2f})")


def build_slides(scenes, fs, *, llm=None, static="llm") -> tuple[list[Slide], dict]:
    """Resolve ``scenes`` against ``fs``: the slides, and the figures they show (``{key: go.Figure}``).

    ``llm`` (the model of ``fs``) and ``static`` are needed by ``compare`` scenes only,
    which encode the sentences again for the three panels. Every scene is checked
    before any figure is made, so a bad last line fails at once.

    Raises
    ------
    InputError
        A layer the model does not have (the message names the script line), ``best`` without
        senses, ``compare`` without ``llm`` or without two senses with anchor words.
    """
    slides = [_slide(scene, fs, llm) for scene in scenes]
    figures = {}
    if any(s.frame is not None for s in slides):
        figures[MAP] = map_figure(fs)
    for slide in slides:
        if slide.figure is None or slide.figure in figures:
            continue
        if slide.figure == "separation":
            figures["separation"] = separation_figure(fs)
        else:  # "compare-<layer>"
            figures[slide.figure], notes = _comparison(fs, int(slide.figure.split("-")[1]), llm, static)
            for same in slides:
                if same.figure == slide.figure:
                    same.detail = " · ".join(notes)
    return slides, figures


def _slide(scene: Scene, fs, llm) -> Slide:
    """One scene's texts, its frame or the key of its figure; every check of the scene, no figure yet."""
    caption = scene.caption
    if scene.kind == "title":
        heading = scene.text or f"Why context matters: '{fs.word}'"
        default = (f"{fs.n_occurrences} sentences with '{fs.word}' ({' / '.join(fs.sense_names)}), "
                   f"read by {fs.model}")
        return Slide("title", heading=heading, caption=default if caption is None else caption)
    if scene.kind == "text":
        return Slide("text", heading=scene.text or "", caption=caption or "")
    if scene.kind == "static":
        frame = fs.frames[0]
        default = "One vector for every sentence: a static embedding cannot see the context"
        return Slide("static", caption=default if caption is None else caption, detail=frame.note,
                     frame=frame.name)
    if scene.kind == "layer":
        layer = _resolve_layer(scene, scene.layer, fs)
        frame = _frame_of(fs, layer)
        default = _layer_caption(fs, layer)
        return Slide("layer", caption=default if caption is None else caption, detail=_score_detail(frame),
                     frame=frame.name)
    if scene.kind == "compare":
        layer = _resolve_layer(scene, scene.layer, fs, lowest=1)
        if llm is None:
            raise InputError(f"{scene.where}the compare scene encodes the sentences again: pass llm= "
                             "(the model of the frames)")
        if not _can_compare(fs):
            raise InputError(f"{scene.where}the compare scene needs sentences of exactly two senses with anchor "
                             f"words each (a bundled word); these have {', '.join(fs.sense_names)}")
        default = f"The same sentences three ways: the static vector, the embedding layer, and layer {layer}"
        return Slide("compare", caption=default if caption is None else caption, figure=f"compare-{layer}")
    if scene.kind == "separation":
        best = best_layer(fs)
        if best is None:
            raise InputError(f"{scene.where}the separation chart needs sentences of two senses")
        default = f"How far apart the senses are, layer by layer: furthest at layer {best}"
        return Slide("separation", caption=default if caption is None else caption,
                     detail="sense separation: mean cosine between occurrences of the same sense minus across "
                            "senses, in the model's own space", figure="separation")
    raise InputError(f"{scene.where}unknown scene {scene.kind!r}; scenes are {', '.join(KINDS)}")


def _comparison(fs, layer, llm, static):
    from ..polysemy.comparison import comparison_figure

    return _comparison_style(comparison_figure(fs.word, fs.sentences, fs.senses, llm=llm, static=static,
                                               layer=layer))


def _comparison_style(fig):
    """The three panels for a projector: titles on two lines, more room between the panels, the panels'
    descriptions taken out of the figure (returned, as plain text, for the scene's detail line), the legend
    underneath."""
    fig = projector_style(fig)
    notes = [a for a in fig.layout.annotations if (a.yref or "").endswith("domain")]
    titles = [a for a in fig.layout.annotations if not (a.yref or "").endswith("domain")]
    for a in titles:
        a.text = "<br>".join(textwrap.wrap(a.text, 26))
    fig.layout.annotations = titles
    axes = sorted(k for k in fig.layout.to_plotly_json() if k.startswith("xaxis"))
    gap = 0.1
    width = (1 - gap * (len(axes) - 1)) / len(axes)
    for i, name in enumerate(axes):
        fig.layout[name].domain = [i * (width + gap), i * (width + gap) + width]
        if i:
            fig.layout["y" + name[1:]].title.text = None  # the first panel's says it
    for a, name in zip(titles, axes):
        a.x = sum(fig.layout[name].domain) / 2
    fig.update_layout(legend=dict(orientation="h", x=0.5, xanchor="center", y=-0.2, yanchor="top"),
                      margin=dict(t=140, b=40, l=30, r=30))
    return fig, [html.unescape(a.text) for a in notes]


def _label(frame) -> list[dict]:
    return [dict(text=f"<b>{html.escape(frame.label)}</b>", xref="paper", yref="paper", x=0.01, y=0.99,
                 showarrow=False, xanchor="left", yanchor="top", font=dict(size=FONT + 8),
                 bgcolor="rgba(255,255,255,0.85)")]


def projector_style(fig):
    """``fig`` with fonts of at least :data:`FONT` px and markers of :data:`MARKER` px, sized by its page."""
    fig.update_traces(marker_size=MARKER, selector=dict(mode="markers"))
    fig.update_layout(font=dict(size=FONT), title_font_size=FONT + 4, legend_font_size=FONT,
                      hoverlabel_font_size=FONT, height=None, width=None, autosize=True)
    fig.layout.sliders, fig.layout.updatemenus = (), ()  # a keypress moves the talk on, not a Play button
    for ann in fig.layout.annotations:
        ann.font.size = max(FONT, ann.font.size or 0)
    return fig


def map_figure(fs):
    """The animation of ``fs`` for a projector: one frame per stage, big, without play controls.

    Frame ``k`` is ``fs.frames[k]``, named like it; each frame's corner says its stage
    ("layer 3"), the page's caption says the rest.
    """
    from ..polysemy import animation_figure

    fig = projector_style(animation_figure(fs))
    fig.update_layout(annotations=_label(fs.frames[0]), margin=dict(t=60, b=30, l=30, r=30))
    for fr, frame in zip(fig.frames, fs.frames):
        for trace in fr.data:
            trace.marker.size = MARKER
        fr.layout.annotations = _label(frame)
    if fs.anchors:  # the faint anchor words, readable from the back row
        anchors = fig.data[len(fs.sense_names)]
        anchors.marker.size = MARKER - 4
        anchors.textfont.size = FONT
        anchors.opacity = 0.5
    return fig


def separation_figure(fs):
    """A bar per frame (static, layer 0..L): the sense separation, the best layer's bar highlighted."""
    import plotly.graph_objects as go

    best = best_layer(fs)
    labels = [f.label for f in fs.frames]
    values = [_score(f) for f in fs.frames]
    colours = ["#d62728" if f.layer == best else "#1f77b4" if f.layer is not None else "#999999"
               for f in fs.frames]
    fig = go.Figure(go.Bar(x=labels, y=values, marker_color=colours, text=[f"{v:+.3f}" for v in values],
                           textposition="outside", cliponaxis=False, textfont_size=FONT,
                           hovertemplate="%{x}: %{y:+.3f}<extra></extra>"))
    top = max(values)
    fig.update_layout(
        template="plotly_white", title=f"'{html.escape(fs.word)}': sense separation by layer "
                                      f"<sup>({html.escape(fs.model)})</sup>",
        yaxis=dict(title="within − across sense cosine", range=[min(0.0, min(values)) * 1.15, top * 1.2],
                   zeroline=True),
        margin=dict(t=70, b=40, l=30, r=30), showlegend=False, bargap=0.25)
    return projector_style(fig)
