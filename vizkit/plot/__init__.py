"""Figures from points and 2-D or 3-D coordinates: plotly (interactive) and matplotlib (static).

Every function returns a figure (or, for :func:`play_controls`, the layout
pieces of one); nothing is shown or written as a side effect.
"""

from ._mpl import scatter_mpl
from ._plotly import scatter, scatter3d, scatter_grid
from .animation import play_controls
from .colours import PALETTE, PALETTE_20, group_colours
from .fonts import MissingFontWarning, use_cjk_font

__all__ = ["scatter", "scatter3d", "scatter_grid", "scatter_mpl", "group_colours", "PALETTE", "PALETTE_20",
           "play_controls", "use_cjk_font", "MissingFontWarning"]
