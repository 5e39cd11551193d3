"""The training animation as a plotly figure, and its single-file offline export.

The figure is built by the one animation builder, :func:`vizkit.render.figure.animation_figure`,
from :meth:`TrainingRun.to_animation`.
"""

from __future__ import annotations

from .run import TrainingRun, epoch_note

__all__ = ["training_figure", "write_training_html", "epoch_note"]


def training_figure(run: TrainingRun, *, duration: int = 800, transition: int = 500, lang: str | None = None):
    """A ``plotly.graph_objects.Figure`` with one frame per epoch (0 = random init).

    One trace per word group, each word a labelled point keeping its id across
    frames (object constancy), so the words glide from their random start into
    clusters. Axes are fixed from all epochs; Play / Pause and an epoch slider
    drive it; each frame carries its separation score (original space) and the
    probe word's neighbours; every text in ``lang`` (default: ``VIZKIT_LANG``, else the locale).
    """
    from ..render.figure import animation_figure

    return animation_figure(run.to_animation(lang), duration=duration, transition=transition, lang=lang)


def write_training_html(run: TrainingRun, path, *, duration: int = 800, transition: int = 500, **kwargs) -> str:
    """Write :func:`training_figure` as one offline HTML file (plotly.js inline, keyboard control).

    ``duration`` and ``transition`` (ms) time both the Play button and the arrow keys.
    """
    from ..polysemy import write_html

    fig = training_figure(run, duration=duration, transition=transition, lang=kwargs.get("lang"))
    return write_html(fig, path, duration=duration, transition=transition, **kwargs)
