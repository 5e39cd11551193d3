"""The static-to-contextual animation: frames (plain Python), their plotly rendering and the HTML export."""

from .export import write_html
from .frames import Anchor, Frame, FrameSet, SingleSenseWarning, highlight, polysemy_frames, static_leaning
from .figure import animation_figure

__all__ = ["Anchor", "Frame", "FrameSet", "SingleSenseWarning", "highlight", "polysemy_frames", "static_leaning",
           "animation_figure", "write_html"]
