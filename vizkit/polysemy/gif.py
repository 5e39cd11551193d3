"""The animation with matplotlib's FuncAnimation (the seed chapter's approach).

Use ``anim.to_jshtml()`` in a notebook, or :func:`save_gif` for slides. Points
glide between stages: ``steps`` in-between positions are interpolated linearly
from one frame's coordinates to the next, so identity is kept just as in the
plotly version. Drawn by the one GIF writer, :mod:`vizkit.render.gif`, from
:meth:`FrameSet.to_animation`.
"""

from __future__ import annotations

from ..render.gif import save_gif
from .frames import FrameSet

__all__ = ["animation_mpl", "save_gif"]


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
    from ..render.gif import animation_mpl as mpl

    return mpl(fs, steps=steps, hold=hold, interval=interval, figsize=figsize, dpi=dpi)
