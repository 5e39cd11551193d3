"""Figures from points and 2-D coordinates: plotly (interactive) and matplotlib (static).

Every function returns a figure; nothing is shown or written as a side effect.
"""

from ._common import group_colours
from ._mpl import scatter_mpl
from ._plotly import scatter, scatter_grid

__all__ = ["scatter", "scatter_grid", "scatter_mpl", "group_colours"]
