"""The static-to-contextual animation: frames (plain Python) and their plotly rendering."""

from .frames import Frame, FrameSet, highlight, polysemy_frames
from .plotly_anim import animation_figure

__all__ = ["Frame", "FrameSet", "highlight", "polysemy_frames", "animation_figure"]
