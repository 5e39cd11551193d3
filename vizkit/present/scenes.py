"""Each scene of a presentation made from a :class:`~vizkit.polysemy.FrameSet`: its text and its figure.

The ``static`` and ``layer`` scenes are frames of one figure, the animation of
:func:`~vizkit.polysemy.animation_figure` restyled for a projector (big fonts and
markers, no play controls): the page moves that one plot from frame to frame,
so the points glide. ``compare`` is :func:`~vizkit.polysemy.comparison.comparison_figure`
restyled alike, ``separation`` a bar per frame of :meth:`FrameSet.metrics`.

Any other animation (a training run, two models side by side: an
:class:`~vizkit.render.Animation`) gets its default talk from :func:`animation_slides`:
frames of the same one map, and a bar chart of its headline score.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from ..render.animation import as_animation, short_name
from ..render.language import t
from .script import KINDS, Scene

__all__ = ["Slide", "FONT", "MARKER", "best_layer", "default_scenes", "build_slides", "map_figure",
           "separation_figure", "projector_style", "animation_scenes", "animation_slides", "scores_figure"]

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


def _step_caption(kind: str, k: int, best: int | None, last: int, lang: str | None, **values) -> str:
    """The caption of step ``k`` of a talk (``kind`` "layer": a word's layers; "frame": any animation's frames):
    the first, the best and last, the best, the last, or one on the way (messages ``present.<kind>.<where>``)."""
    where = ("first" if k == 0 else "best_last" if k == best == last else "best" if k == best
             else "last" if k == last else "middle")
    return t(f"present.{kind}.{where}", lang, **values)


def _score_detail(frame, lang: str | None = None) -> str:
    s = frame.separation
    score = t("figure.sense_separation", lang)
    if _score(frame) != _score(frame):
        return t("figure.score.unscored", lang, score=score)
    return t("present.score", lang, score=score, value=f"{s['separation']:+.3f}",
             within=f"{s['within_sense_cos']:.2f}", across=f"{s['across_sense_cos']:.2f}")


def build_slides(scenes, fs, *, llm=None, static="llm", lang: str | None = None) -> tuple[list[Slide], dict]:
    """Resolve ``scenes`` against ``fs``: the slides, and the figures they show (``{key: go.Figure}``).

    ``llm`` (the model of ``fs``) and ``static`` are needed by ``compare`` scenes only,
    which encode the sentences again for the three panels. Every scene is checked
    before any figure is made, so a bad last line fails at once. The default captions,
    the frames' names and the figures' texts are in ``lang`` (a script's own text is kept).

    Raises
    ------
    InputError
        A layer the model does not have (the message names the script line), ``best`` without
        senses, ``compare`` without ``llm`` or without two senses with anchor words.
    """
    slides = [_slide(scene, fs, llm, lang) for scene in scenes]
    figures = {}
    if any(s.frame is not None for s in slides):
        figures[MAP] = map_figure(fs, lang)
    for slide in slides:
        if slide.figure is None or slide.figure in figures:
            continue
        if slide.figure == "separation":
            figures["separation"] = separation_figure(fs, lang)
        else:  # "compare-<layer>"
            figures[slide.figure], notes = _comparison(fs, int(slide.figure.split("-")[1]), llm, static, lang)
            for same in slides:
                if same.figure == slide.figure:
                    same.detail = " · ".join(notes)
    return slides, figures


def _slide(scene: Scene, fs, llm, lang: str | None = None) -> Slide:
    """One scene's texts, its frame or the key of its figure; every check of the scene, no figure yet."""
    caption = scene.caption
    if scene.kind == "title":
        heading = scene.text or t("present.title", lang, word=fs.word)
        default = t("present.title.caption", lang, n=fs.n_occurrences, word=fs.word,
                    senses=" / ".join(fs.sense_names), model=fs.model)
        return Slide("title", heading=heading, caption=default if caption is None else caption)
    if scene.kind == "text":
        return Slide("text", heading=scene.text or "", caption=caption or "")
    if scene.kind == "static":
        frame = fs.frames[0]
        default = t("present.static", lang)
        return Slide("static", caption=default if caption is None else caption, detail=frame.remark(fs.word, lang),
                     frame=frame.title(lang))
    if scene.kind == "layer":
        layer = _resolve_layer(scene, scene.layer, fs)
        frame = _frame_of(fs, layer)
        default = _step_caption("layer", layer, best_layer(fs), max(_layers(fs)), lang, layer=layer)
        return Slide("layer", caption=default if caption is None else caption, detail=_score_detail(frame, lang),
                     frame=frame.title(lang))
    if scene.kind == "compare":
        layer = _resolve_layer(scene, scene.layer, fs, lowest=1)
        if llm is None:
            raise InputError(f"{scene.where}the compare scene encodes the sentences again: pass llm= "
                             "(the model of the frames)")
        if not _can_compare(fs):
            raise InputError(f"{scene.where}the compare scene needs sentences of exactly two senses with anchor "
                             f"words each (a bundled word); these have {', '.join(fs.sense_names)}")
        default = t("present.compare", lang, layer=layer)
        return Slide("compare", caption=default if caption is None else caption, figure=f"compare-{layer}")
    if scene.kind == "separation":
        best = best_layer(fs)
        if best is None:
            raise InputError(f"{scene.where}the separation chart needs sentences of two senses")
        default = t("present.separation", lang, layer=best)
        return Slide("separation", caption=default if caption is None else caption,
                     detail=t("present.separation.detail", lang), figure="separation")
    if scene.kind == "frame":
        raise InputError(f"{scene.where}a word's talk shows its frames with static and layer N (frame N is for "
                         "other animations: a training run, models side by side)")
    raise InputError(f"{scene.where}unknown scene {scene.kind!r}; scenes are {', '.join(KINDS)}")


def _comparison(fs, layer, llm, static, lang=None):
    from ..polysemy.comparison import comparison_figure

    return _comparison_style(comparison_figure(fs.word, fs.sentences, fs.senses, llm=llm, static=static,
                                               layer=layer, lang=lang))


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


def _label(name: str) -> list[dict]:
    return [dict(text=f"<b>{html.escape(short_name(name))}</b>", xref="paper", yref="paper", x=0.01, y=0.99,
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


def map_figure(source, lang: str | None = None):
    """The animation of ``source`` for a projector: one frame per frame, big, without play controls.

    ``source`` is an :class:`~vizkit.render.Animation` or anything with ``to_animation()``
    (a FrameSet, a TrainingRun, a SideBySide; its texts in ``lang``). Frame ``k`` is the animation's
    frame ``k``, named like it; each frame's corner says its short name ("layer 3", "epoch 2"), the
    page's caption says the rest. Panels side by side keep their titles.
    """
    from ..render.figure import animation_figure

    anim = as_animation(source, lang)
    fig = projector_style(animation_figure(anim, lang=lang))
    titles = list(fig.layout.annotations)[:len(anim.panels)] if anim.beside else []
    fig.update_layout(annotations=titles + _label(anim.names[0]), margin=dict(t=60, b=30, l=30, r=30))
    n_moving = len(anim.panels) * len(anim.group_order)
    for trace in fig.data[:n_moving]:
        trace.marker.size = MARKER
        if anim.text:  # the words beside the points, readable from the back row
            trace.textfont.size = FONT - 6
    for fr, name in zip(fig.frames, anim.names):
        for trace in fr.data:
            trace.marker.size = MARKER
            if anim.text:
                trace.textfont.size = FONT - 6
        fr.layout.annotations = titles + _label(name)
    for fixed in fig.data[n_moving:]:  # the faint reference points (anchor words), readable from the back row
        fixed.marker.size = MARKER - 4
        fixed.textfont.size = FONT
        fixed.opacity = 0.5
    return fig


def separation_figure(fs, lang: str | None = None):
    """A bar per frame (static, layer 0..L): the sense separation, the best layer's bar highlighted.

    Given an :class:`~vizkit.render.Animation` (or a TrainingRun, a SideBySide): a bar per
    frame of its headline score, the first frame grey and the best one red (:func:`scores_figure`).
    The texts are in ``lang``.
    """
    import plotly.graph_objects as go

    from ..polysemy.frames import FrameSet

    if not isinstance(fs, FrameSet):
        return scores_figure(fs, lang)
    best = best_layer(fs)
    labels = [short_name(f.title(lang)) for f in fs.frames]
    values = [_score(f) for f in fs.frames]
    colours = ["#d62728" if f.layer == best else "#1f77b4" if f.layer is not None else "#999999"
               for f in fs.frames]
    fig = go.Figure(go.Bar(x=labels, y=values, marker_color=colours, text=[f"{v:+.3f}" for v in values],
                           textposition="outside", cliponaxis=False, textfont_size=FONT,
                           hovertemplate="%{x}: %{y:+.3f}<extra></extra>"))
    top = max(values)
    fig.update_layout(
        template="plotly_white", title=html.escape(t("present.separation.title", lang, word=fs.word), quote=False)
                                      + f" <sup>({html.escape(fs.model)})</sup>",
        yaxis=dict(title=html.escape(t("present.separation.axis", lang)),
                   range=[min(0.0, min(values)) * 1.15, top * 1.2],
                   zeroline=True),
        margin=dict(t=70, b=40, l=30, r=30), showlegend=False, bargap=0.25)
    return projector_style(fig)


def scores_figure(source, lang: str | None = None):
    """A bar per frame of an animation's headline score (``anim.score``), the first frame grey, the best red.

    Side by side, one bar per frame and panel (a colour per panel). The texts are in ``lang``.
    """
    import plotly.graph_objects as go

    anim = as_animation(source, lang)
    labels = [short_name(n) for n in anim.names]
    fig = go.Figure()
    values = []
    for m, p in enumerate(anim.panels):
        v = [p.headline(k) for k in range(p.n_frames)]
        values += [x for x in v if x == x]
        best = p.best()
        if anim.beside:
            colours = PANEL_COLOURS[m % len(PANEL_COLOURS)]
        else:
            colours = ["#999999" if k == 0 else "#d62728" if k == best else "#1f77b4" for k in range(p.n_frames)]
        fig.add_trace(go.Bar(x=labels, y=v, marker_color=colours, name=p.panel_title or p.title,
                             text=["" if x != x else f"{x:+.3f}" for x in v], textposition="outside",
                             cliponaxis=False, textfont_size=FONT,
                             hovertemplate="%{x}: %{y:+.3f}<extra></extra>"))
    if not values:
        raise InputError(f"no frame has a {anim.score_label} score to chart")
    fig.update_layout(
        template="plotly_white", title=html.escape(t("present.scores.title", lang,
                                                     score=anim.score_label.capitalize()))
                                       + f" <sup>({html.escape(anim.title)})</sup>",
        yaxis=dict(title=html.escape(anim.score_label), range=[min(0.0, min(values)) * 1.15, max(values) * 1.2],
                   zeroline=True),
        margin=dict(t=70, b=40, l=30, r=30), showlegend=bool(anim.beside), bargap=0.25)
    return projector_style(fig)


PANEL_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd"]


def animation_scenes(source, lang: str | None = None) -> list[Scene]:
    """The default talk of any animation: title; the first frame; a few frames up to the one with the
    highest headline score; that frame and the last; the score chart (when the frames are scored)."""
    anim = as_animation(source, lang)
    best = anim.best()
    last = anim.n_frames - 1
    top = best if best is not None else last
    between = sorted({int(round(x)) for x in np.linspace(0, top, 4)[1:-1]} - {0, top})
    shown = list(dict.fromkeys([0, *between, top, last]))
    return ([Scene("title")] + [Scene("frame", layer=k) for k in shown]
            + ([Scene("separation")] if best is not None else []))


def _frame_index(scene: Scene, anim, best: int | None) -> int:
    last = anim.n_frames - 1
    if scene.layer == "last":
        return last
    if scene.layer in ("best", None):
        if best is None:
            raise InputError(f"{scene.where}frame best needs scored frames; give a frame number instead")
        return best
    if not 0 <= scene.layer <= last:
        raise InputError(f"{scene.where}frame {scene.layer} is out of range: this animation has frames 0..{last} "
                         "(or best, last)")
    return int(scene.layer)


def animation_slides(source, lang: str | None = None, scenes=None) -> tuple[list[Slide], dict]:
    """The talk of any animation (a training run, two models side by side): its slides and figures.

    ``scenes`` (default :func:`animation_scenes`) are ``title``, ``text``, ``frame`` and
    ``separation`` scenes (see :mod:`vizkit.present.script`); a word's scenes (``static``,
    ``layer``, ``compare``) are refused, naming the script line. The frame slides share one
    map (:func:`map_figure`), so the points glide from slide to slide.

    Returns
    -------
    slides : list of Slide
    figures : dict
        ``{"map": ..., "separation": ...}``, as :func:`~vizkit.present.page.write_page` takes them.

    Examples
    --------
    >>> from vizkit.training import train_word2vec  # doctest: +SKIP
    >>> slides, figures = animation_slides(train_word2vec(epochs=5))  # doctest: +SKIP
    >>> [s.kind for s in slides]  # doctest: +SKIP
    ['title', 'frame', 'frame', 'frame', 'frame', 'separation']

    Every default text is in ``lang`` (default: ``VIZKIT_LANG``, else the locale).
    """
    anim = as_animation(source, lang)
    scenes = animation_scenes(anim) if scenes is None else list(scenes)
    best = anim.best()
    last = anim.n_frames - 1

    def name(k):
        text = short_name(anim.names[k])
        return text[:1].upper() + text[1:]

    slides = []
    for scene in scenes:
        own = scene.caption
        if scene.kind == "title":
            kind = t("present.anim.words" if anim.text else "present.anim.points", lang)
            caption = t("present.anim.caption", lang, n=anim.n_points, kind=kind, groups=len(anim.group_order),
                        group=anim.group_title, names=" / ".join(anim.group_order), frames=anim.n_frames)
            if anim.beside:
                caption += t("present.anim.panels", lang, panels=len(anim.panels))
            slides.append(Slide("title", heading=scene.text or anim.title, caption=caption if own is None else own,
                                detail=anim.subtitle))
        elif scene.kind == "text":
            slides.append(Slide("text", heading=scene.text or "", caption=own or ""))
        elif scene.kind == "frame":
            k = _frame_index(scene, anim, best)
            caption = _step_caption("frame", k, best, last, lang, name=name(k), score=anim.score_label)
            slides.append(Slide("frame", caption=caption if own is None else own, detail=anim.detail(k),
                                frame=anim.names[k]))
        elif scene.kind == "separation":
            if best is None:
                raise InputError(f"{scene.where}the score chart needs scored frames")
            caption = t("present.anim.separation", lang, score=anim.score_label, name=short_name(anim.names[best]))
            slides.append(Slide("separation", caption=caption if own is None else own,
                                detail=t("present.anim.separation.detail", lang, score=anim.score_label),
                                figure="separation"))
        else:
            raise InputError(f"{scene.where}{scene.kind} scenes tell a word's story (its static vector and layers); "
                             "this animation is told with title, text, frame (a number, best or last) and "
                             "separation scenes")
    figures = {}
    if any(s.frame is not None for s in slides):
        figures[MAP] = map_figure(anim, lang)
        # the title slide says the rest: the map keeps its title short (side by side, the panels' titles say it)
        figures[MAP].layout.title.text = "" if anim.beside else html.escape(anim.title, quote=False)
    if any(s.figure == "separation" for s in slides):
        figures["separation"] = scores_figure(anim, lang)
    return slides, figures
