"""The animation as a plotly figure: play/pause, a frame slider, smooth transitions, fixed axes (2-D or 3-D).

The figure is built by the one animation builder, :func:`vizkit.render.figure.animation_figure`,
from :meth:`FrameSet.to_animation`.
"""

from __future__ import annotations

from ..render.figure import WEBGL_FROM
from .frames import FrameSet, frame_caption, hover_texts

__all__ = ["animation_figure", "hover_texts", "WEBGL_FROM"]

_score_text = frame_caption  # the old name


def animation_figure(fs: FrameSet, *, duration: int = 900, transition: int = 600, webgl: bool | None = None,
                     lang: str | None = None):
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

    ``fs`` may also be an :class:`~vizkit.render.Animation` (any animation is drawn alike). ``lang``: the
    language of the captions, titles and buttons (default: ``VIZKIT_LANG``, else the locale).
    """
    from ..render.figure import animation_figure as figure

    return figure(fs, duration=duration, transition=transition, webgl=webgl, lang=lang)
