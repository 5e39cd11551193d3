"""Every animation as a matplotlib ``FuncAnimation`` and an animated GIF (for slides; Pillow, no external program).

Points glide between frames: ``steps`` in-between positions are interpolated
(eased) from one frame's coordinates to the next, so each point stays itself,
as in the plotly figure. Panels side by side are drawn side by side.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..errors import InputError
from .animation import as_animation

__all__ = ["animation_mpl", "save_gif", "write_gif", "timeline"]


def timeline(n_frames: int, steps: int, hold: int) -> list[tuple[int, int, float]]:
    """``(frame, next frame, t)`` of every image drawn: ``hold`` images resting on each frame, then ``steps``
    images gliding to the next one (``t`` eased from 0 to 1)."""
    out = []
    for i in range(n_frames):
        out += [(i, i, 0.0)] * hold
        if i + 1 < n_frames:
            for t in np.linspace(0, 1, steps + 2)[1:-1]:
                out.append((i, i + 1, float(3 * t**2 - 2 * t**3)))  # ease in and out
    return out


def _at(coords: np.ndarray, i: int, j: int, t: float) -> np.ndarray:
    return coords[i] if t == 0 else (1 - t) * coords[i] + t * coords[j]


def animation_mpl(anim, *, steps: int = 6, hold: int = 4, interval: int = 80, figsize=(7, 5), dpi=80,
                  lang: str | None = None):
    """A ``matplotlib.animation.FuncAnimation`` of ``anim`` (returns it; shows nothing).

    Parameters
    ----------
    anim : Animation, or anything with ``to_animation()`` (FrameSet, TrainingRun, SideBySide)
    steps : int
        Interpolated images between two frames.
    hold : int
        Images that rest on each frame.
    interval : int
        Milliseconds per image.
    figsize, dpi
        Of one panel; panels side by side widen the figure.
    lang : {"en", "zh"}, optional
        The language of the frame names and the legend (default: ``VIZKIT_LANG``, else the locale).

    The images are flat: a 3-D animation raises :class:`~vizkit.errors.InputError`;
    write it as HTML, where the scene can be turned.

    Each image's drawing function returns the moving points of every panel first
    (``anim._func(k)[0].get_offsets()`` are the first panel's positions at image ``k``).
    """
    anim = as_animation(anim, lang)
    if anim.n_components != 2:
        raise InputError(f"a GIF is drawn in 2-D; these frames are {anim.n_components}-D: compute them with "
                         "n_components=2 for a GIF, or write the 3-D animation as HTML (write_html)")
    import matplotlib.pyplot as plt
    from matplotlib.animation import FuncAnimation

    from ..plot import use_cjk_font

    use_cjk_font()  # Chinese sentences, senses and words drawn, not boxes
    panels = anim.panels
    colours = anim.colours
    images = timeline(anim.n_frames, steps, hold)
    fig, axes = plt.subplots(1, len(panels), figsize=(figsize[0] * len(panels), figsize[1]), dpi=dpi, squeeze=False)
    axes = list(axes[0])
    moving, words, labels = [], [], []
    for ax, p in zip(axes, panels):
        ax.set_xlim(p.extent[0, 0], p.extent[1, 0])
        ax.set_ylim(p.extent[0, 1], p.extent[1, 1])
        ax.set_xticks([])
        ax.set_yticks([])
        if len(panels) > 1:
            ax.set_title(p.panel_title, fontsize=9)
        if p.reference is not None:
            for xy, word, g in zip(p.reference.coords, p.reference.labels, p.reference.groups):
                ax.scatter(*xy, marker="D", s=18, color=colours.get(g, "#999"), alpha=0.3)
                ax.annotate(word, xy, textcoords="offset points", xytext=(0, 5), ha="center", fontsize=8,
                            color=colours.get(g, "#999"), alpha=0.55)
        start = p.coords[0]
        moving.append(ax.scatter(start[:, 0], start[:, 1], s=40 if p.text else 60,
                                 c=[colours[g] for g in p.groups], edgecolors="white", linewidths=0.8, zorder=3))
        words.append([ax.annotate(lab, xy, textcoords="offset points", xytext=(0, 4), ha="center", fontsize=7,
                                  color=colours[g], zorder=4)
                      for lab, xy, g in zip(p.labels, start, p.groups)] if p.text else [])
        labels.append(ax.text(0.01, 0.99, "", transform=ax.transAxes, va="top", ha="left", fontsize=9,
                              bbox=dict(facecolor="white", alpha=0.8, edgecolor="none")))
    for g in anim.group_order:
        axes[-1].scatter([], [], color=colours[g], label=g)
    axes[-1].legend(title=anim.group_title, loc="lower right", fontsize=8)
    fig.suptitle(anim.title, fontsize=11)
    fig.tight_layout()

    def draw(k):
        i, j, t = images[k]
        for p, dots, texts, label in zip(panels, moving, words, labels):
            xy = _at(p.coords, i, j, t)
            dots.set_offsets(xy)
            for text, point in zip(texts, xy):
                text.xy = tuple(point)
            v = p.headline(i)
            label.set_text(f"{p.names[i]}\n" + (f"{p.score_label} {v:+.3f}" if v == v else ""))
        return (*moving, *labels)

    mpl_anim = FuncAnimation(fig, draw, frames=len(images), interval=interval, blit=False, repeat=True)
    plt.close(fig)
    return mpl_anim


def save_gif(anim, path, *, fps: int | None = None) -> str:
    """Write a FuncAnimation as an animated GIF (Pillow, no external program)."""
    from matplotlib.animation import PillowWriter

    path = Path(path)
    if path.suffix.lower() != ".gif":
        raise ValueError(f"a GIF needs a .gif name; got {path.name!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    fps = fps or max(1, round(1000 / anim._interval))
    anim.save(str(path), writer=PillowWriter(fps=fps))
    return str(path)


def write_gif(anim, path, *, steps: int = 6, hold: int = 4, interval: int = 80, fps: int | None = None,
              **kwargs) -> str:
    """:func:`animation_mpl` of ``anim`` written to ``path`` (a ``.gif``) by :func:`save_gif`; the path written.

    The GIF has ``n_frames + (n_frames - 1) * steps`` distinct images: Pillow merges the
    ``hold`` images resting on a frame into one image shown ``hold`` times as long.
    """
    if Path(path).suffix.lower() != ".gif":
        raise ValueError(f"a GIF needs a .gif name; got {Path(path).name!r}")
    return save_gif(animation_mpl(anim, steps=steps, hold=hold, interval=interval, **kwargs), path, fps=fps)
