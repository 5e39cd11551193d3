"""plotly.js for a page: the smallest bundle that draws its figures, inline or one shared copy.

plotly.py ships the full plotly.js (4.8 MB). plotly's partial bundles (npm ``plotly.js-<name>-dist-min``,
MIT, vendored in ``vendor/`` at the version plotly.py's own copy has, listed in ``vendor/plotly.json``)
draw a subset of trace types in a quarter to a third of that:

======== ======= ===========================================================
bundle   size    trace types
======== ======= ===========================================================
basic    1.2 MB  scatter, bar, pie
cartesian 1.5 MB basic + box, contour, heatmap, histogram(2d), image, violin...
gl3d     1.8 MB  scatter, scatter3d, surface, mesh3d, cone...
full     4.8 MB  everything, including scattergl (WebGL 2-D)
======== ======= ===========================================================

:func:`bundle_for` picks the first that has every trace type of the page's figures (their frames too).
If plotly.py is upgraded past the vendored version, every page gets the full bundle of plotly.py.
"""

from __future__ import annotations

import hashlib
import re
import json
from functools import lru_cache
from importlib import resources

__all__ = ["bundles", "bundle_for", "trace_types", "source", "filename", "inlined", "FULL"]

FULL = "full"


@lru_cache(maxsize=1)
def manifest() -> dict:
    """``vendor/plotly.json``: the plotly.js version and, per bundle, its npm package, integrity and traces."""
    return json.loads(resources.files("vizkit.render").joinpath("vendor", "plotly.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def plotly_version() -> str:
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def bundles() -> dict[str, frozenset]:
    """The partial bundles usable with this plotly.py, smallest first: name -> trace types."""
    m = manifest()
    if m["version"] != plotly_version():
        return {}
    return {name: frozenset(b["traces"]) for name, b in m["bundles"].items()}


def trace_types(figures) -> set[str]:
    """The trace types of ``figures`` (plotly figures or their dicts), frames included."""
    types = set()
    for fig in figures:
        d = fig if isinstance(fig, dict) else fig.to_plotly_json()
        for trace in list(d.get("data") or []) + [t for fr in d.get("frames") or [] for t in fr.get("data") or []]:
            types.add(trace.get("type") or "scatter")
    return types


def bundle_for(figures=None, *, types=None) -> str:
    """The smallest bundle drawing every trace of ``figures`` (or of the given trace ``types``); ``"full"``."""
    need = set(types or ()) | (trace_types(figures) if figures is not None else set())
    for name, has in bundles().items():
        if need <= has:
            return name
    return FULL


def filename(bundle: str) -> str:
    """The name of a shared copy next to pages: ``plotly.min.js`` (full) or ``plotly-basic.min.js``."""
    return "plotly.min.js" if bundle == FULL else f"plotly-{bundle}.min.js"


@lru_cache(maxsize=None)
def source(bundle: str = FULL) -> str:
    """The JavaScript of ``bundle``; a vendored file is checked against its pinned SHA-256 first."""
    if bundle == FULL or bundle not in bundles():
        from plotly.offline import get_plotlyjs

        return get_plotlyjs()
    entry = manifest()["bundles"][bundle]
    raw = resources.files("vizkit.render").joinpath("vendor", entry["file"]).read_bytes()
    if hashlib.sha256(raw).hexdigest() != entry["sha256"]:
        raise RuntimeError(f"vizkit/render/vendor/{entry['file']} is damaged (SHA-256 differs from plotly.json); "
                           "reinstall vizkit")
    return raw.decode("utf-8")


_BANNER = re.compile(r"\* plotly\.js (?:\(([a-z0-9]+)[^)]*\) )?v(\d+\.\d+\.\d+)")


def inlined(text: str) -> list[str]:
    """The plotly.js bundles inlined in a page's ``text``, by their banners (``["basic"]``, ``["full"]``)."""
    return [m.group(1) or FULL for m in _BANNER.finditer(text)]
