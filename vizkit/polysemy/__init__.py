"""The static-to-contextual animation: frames (plain Python), their plotly rendering and the HTML export.

Also two models side by side (:mod:`.side_by_side`) and the clue-before / clue-after experiment (:mod:`.clue_order`).
"""

from ..render.page import write_html  # the one page writer; importable from here for one release
from .frames import Anchor, Frame, FrameSet, SingleSenseWarning, highlight, polysemy_frames, static_leaning
from .figure import animation_figure
from .side_by_side import SideBySide, matched_layers, side_by_side_figure, side_by_side_frames
from .clue_order import ClueOrder, clue_order_experiment

__all__ = ["Anchor", "Frame", "FrameSet", "SingleSenseWarning", "highlight", "polysemy_frames", "static_leaning",
           "animation_figure", "write_html", "SideBySide", "matched_layers", "side_by_side_frames",
           "side_by_side_figure", "ClueOrder", "clue_order_experiment"]
