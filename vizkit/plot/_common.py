"""What both plotting back-ends need: labels, coordinates, colour groups and hover text from points.

The colours themselves live in :mod:`vizkit.plot.colours`.
"""

from __future__ import annotations

import html

import numpy as np

from ..errors import InputError


def unpack(points, coords, color, dims: int = 2):
    """(labels, meta, xy, groups) from LabelledVectors-or-labels, coordinates and a colour spec.

    ``xy`` is the first ``dims`` columns of the coordinates (2 for a flat map, 3 for a 3-D one).
    """
    xy = np.asarray(coords, dtype=float)
    if xy.ndim != 2 or xy.shape[1] < dims:
        raise InputError(f"coordinates must have shape (n, {dims}); got {xy.shape}")
    if hasattr(points, "labels"):
        labels, meta = [str(x) for x in points.labels], points.meta
    else:
        labels, meta = [str(x) for x in points], {}
    if len(labels) != len(xy):
        raise InputError(f"{len(labels)} points but {len(xy)} coordinates")
    if color is None:
        groups = None
    elif isinstance(color, str):
        if color not in meta:
            raise InputError(f"no metadata column {color!r} to colour by; columns are {sorted(meta)}")
        groups = ["" if v is None else str(v) for v in meta[color]]
    else:
        groups = [str(v) for v in color]
        if len(groups) != len(labels):
            raise InputError(f"{len(groups)} colour values for {len(labels)} points")
    return labels, meta, xy[:, :dims], groups


def hover_text(labels, meta, hover) -> list[str]:
    """HTML-escaped hover lines: the label in bold, then the chosen metadata columns."""
    cols = [c for c in (hover if hover is not None else meta) if c in meta]
    out = []
    for i, lab in enumerate(labels):
        lines = [f"<b>{html.escape(lab)}</b>"]
        for c in cols:
            v = meta[c][i]
            if v is not None and not (isinstance(v, float) and np.isnan(v)):
                lines.append(f"{html.escape(c)}: {html.escape(str(v))}")
        out.append("<br>".join(lines))
    return out

