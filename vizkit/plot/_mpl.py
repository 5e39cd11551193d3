"""Static scatter plots with matplotlib (for slides and print)."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ._common import unpack
from .colours import PALETTE, group_order
from .fonts import use_cjk_font


def scatter_mpl(points, coords, *, color: str | Sequence | None = None, title: str | None = None,
                show_labels: bool | None = None, ax=None, figsize=(7, 6)):
    """A 2-D scatter as a matplotlib ``Figure`` (drawn on ``ax`` when given).

    Labels are written beside the points up to 150 points (``show_labels``);
    one collection per colour group, with a legend.

    Examples
    --------
    >>> fig = scatter_mpl(["cat", "dog"], [[0, 0], [1, 1]])
    >>> fig.axes[0].collections[0].get_offsets().tolist()
    [[0.0, 0.0], [1.0, 1.0]]
    """
    from matplotlib.figure import Figure

    use_cjk_font()  # Chinese labels drawn, not boxes
    labels, _, xy, groups = unpack(points, coords, color)
    if ax is None:
        fig = Figure(figsize=figsize, layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    sets = [(None, np.arange(len(labels)))] if groups is None else [
        (g, np.flatnonzero(np.asarray(groups, dtype=object) == g)) for g in group_order(groups)]
    for k, (g, idx) in enumerate(sets):
        ax.scatter(xy[idx, 0], xy[idx, 1], s=30 if len(labels) < 1000 else 6,
                   color=PALETTE[k % len(PALETTE)], label=g, alpha=0.85)
    if show_labels if show_labels is not None else len(labels) <= 150:
        for (x, y), lab in zip(xy, labels):
            ax.annotate(lab, (x, y), xytext=(3, 3), textcoords="offset points", fontsize=8)
    if groups is not None:
        ax.legend(loc="best", fontsize=8)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_aspect("equal", adjustable="datalim")
    if title:
        ax.set_title(title)
    return fig
