"""The animation with matplotlib's FuncAnimation (the seed chapter's approach).

Use ``anim.to_jshtml()`` in a notebook, or :func:`save_gif` for slides. Points
glide between stages: ``steps`` in-between positions are interpolated linearly
from one frame's coordinates to the next, so identity is kept just as in the
plotly version.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..errors import InputError
from .frames import FrameSet
from ..plot import group_colours, use_cjk_font

__all__ = ["animation_mpl", "save_gif"]


def _timeline(fs: FrameSet, steps: int, hold: int):
    """(frame index, coords) for every drawn image: holds on each stage, then glides to the next."""
    out = []
    for i, frame in enumerate(fs.frames):
        out += [(i, frame.coords)] * hold
        if i + 1 < len(fs.frames):
            nxt = fs.frames[i + 1].coords
            for t in np.linspace(0, 1, steps + 2)[1:-1]:
                t = 3 * t**2 - 2 * t**3  # ease in and out
                out.append((i, (1 - t) * frame.coords + t * nxt))
    return out


def animation_mpl(fs: FrameSet, *, steps: int = 6, hold: int = 4, interval: int = 80, figsize=(7, 5), dpi=80):
    """A ``matplotlib.animation.FuncAnimation`` of the frames (returns it; shows nothing).

    Parameters
    ----------
    steps : int
        Interpolated images between two stages.
    hold : int
        Images that rest on each stage.
    interval : int
        Milliseconds per image.

    The images are flat: a 3-D frame set (``n_components=3``) raises
    :class:`~vizkit.errors.InputError`; export it with
    :func:`~vizkit.polysemy.write_html`, where the scene can be turned.
    """
    if fs.n_components != 2:
        raise InputError(f"a GIF is drawn in 2-D; these frames are {fs.n_components}-D: compute them with "
                         "n_components=2 for a GIF, or write the 3-D animation as HTML (write_html)")
    import matplotlib.pyplot as plt
    from matplotlib.animation import FuncAnimation

    use_cjk_font()  # Chinese sentences, senses and anchor words drawn, not boxes
    colours = group_colours(fs.senses)
    timeline = _timeline(fs, steps, hold)
    fig, ax = plt.subplots(figsize=figsize, dpi=dpi)
    ax.set_xlim(fs.extent[0, 0], fs.extent[1, 0])
    ax.set_ylim(fs.extent[0, 1], fs.extent[1, 1])
    ax.set_xticks([])
    ax.set_yticks([])
    for a in fs.anchors:
        ax.scatter(*a.xy, marker="D", s=18, color=colours.get(a.sense, "#999"), alpha=0.3)
        ax.annotate(a.word, a.xy, textcoords="offset points", xytext=(0, 5), ha="center", fontsize=8,
                    color=colours.get(a.sense, "#999"), alpha=0.55)
    c = [colours[s] for s in fs.senses]
    dots = ax.scatter(fs.frames[0].coords[:, 0], fs.frames[0].coords[:, 1], s=60, c=c, edgecolors="white",
                      linewidths=0.8, zorder=3)
    for s in dict.fromkeys(fs.senses):
        ax.scatter([], [], color=colours[s], label=s)
    ax.legend(title="sense", loc="lower right", fontsize=8)
    fig.suptitle(f"'{fs.word}': one static vector, then {fs.model} layer by layer", fontsize=11)
    label = ax.text(0.01, 0.99, "", transform=ax.transAxes, va="top", ha="left", fontsize=9,
                    bbox=dict(facecolor="white", alpha=0.8, edgecolor="none"))
    fig.tight_layout()

    def draw(k):
        i, xy = timeline[k]
        f = fs.frames[i]
        dots.set_offsets(xy)
        sep = f.separation["separation"]
        label.set_text(f"{f.name}\n" + (f"sense separation {sep:+.3f}" if sep == sep else ""))
        return dots, label

    anim = FuncAnimation(fig, draw, frames=len(timeline), interval=interval, blit=False, repeat=True)
    plt.close(fig)
    return anim


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
