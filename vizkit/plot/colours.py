"""The colours vizkit gives its groups: one palette, each group its colour in order of first appearance."""

from __future__ import annotations

__all__ = ["PALETTE", "PALETTE_20", "group_order", "group_colours"]

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22"]

# Twenty colours for maps with more groups than ten (clusters, categories): PALETTE, then the lighter
# shade of each (matplotlib's tab20 order), so group 11 is never group 1's colour again.
PALETTE_20 = PALETTE + ["#aec7e8", "#ff9896", "#98df8a", "#c5b0d5", "#ffbb78", "#9edae5", "#c49c94", "#f7b6d2",
                        "#c7c7c7", "#dbdb8d"]


def group_order(groups) -> list[str]:
    """The distinct groups in order of first appearance."""
    return list(dict.fromkeys(groups))


def group_colours(groups) -> dict:
    """A palette colour for each group, in order of first appearance.

    The colours every figure of vizkit gives its groups (maps, animations, the
    training animation), so one group keeps its colour from figure to figure.

    Parameters
    ----------
    groups : iterable of str
        Group names, repeats allowed.

    Returns
    -------
    dict
        ``{group: "#rrggbb"}``, the palette repeating after 10 groups.

    Examples
    --------
    >>> group_colours(["fruit", "animal", "fruit"])
    {'fruit': '#1f77b4', 'animal': '#d62728'}
    """
    return {g: PALETTE[k % len(PALETTE)] for k, g in enumerate(group_order(groups))}
