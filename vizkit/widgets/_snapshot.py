"""Static snapshots of live vizkit widgets, for notebooks rendered to HTML without a kernel.

Every vizkit widget registers itself here when it is built. ``snapshots()``
returns, for each live widget, the HTML that stands in for it in a static page:
its current figure (interactive in the browser: hover, zoom, and for the
polysemy player plotly's own play button and slider) and its current values. The
HTML uses ``window.Plotly`` and never includes plotly.js itself: the page that
embeds snapshots includes it once.
"""

from __future__ import annotations

import weakref

_LIVE: "weakref.WeakValueDictionary[str, object]" = weakref.WeakValueDictionary()


def register(widget) -> None:
    """Remember ``widget`` (an ipywidgets container with a ``snapshot_html()`` method) by its model id."""
    _LIVE[widget.model_id] = widget


def snapshots() -> dict[str, str]:
    """``{model_id: html}`` for every live vizkit widget."""
    return {mid: w.snapshot_html() for mid, w in list(_LIVE.items())}


def figure_html(fig, div_id: str | None = None) -> str:
    """A plotly figure as an HTML fragment that expects ``window.Plotly`` to be loaded."""
    from ..render.page import figure_fragment

    return figure_fragment(fig, div_id)
