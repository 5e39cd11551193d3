"""The front end's vendored libraries other than plotly.js (``vendor/<name>.min.js``), checked on load.

Each is built from pinned npm packages by ``make vendor-js`` (:mod:`vizkit.render._vendor`) and described by
``vendor/<name>.json``: the packages inside it, their licences (texts in ``vendor/LICENSE-<name>.txt``) and
the bundle's SHA-256. ``regl-scatterplot`` (MIT) draws the atlas's 2-D map: chosen by measurement against
plotly's scattergl and deck.gl (``benchmarks/renderers.py``).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources

__all__ = ["manifest", "source", "script"]


@lru_cache(maxsize=None)
def manifest(name: str) -> dict:
    """``vendor/<name>.json``: the bundle's file, global, packages with their licences, and SHA-256."""
    return json.loads(resources.files("vizkit.render").joinpath("vendor", f"{name}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def source(name: str) -> str:
    """The JavaScript of the vendored bundle ``name`` (``"regl-scatterplot"``), checked against its SHA-256."""
    entry = manifest(name)
    raw = resources.files("vizkit.render").joinpath("vendor", entry["file"]).read_bytes()
    if hashlib.sha256(raw).hexdigest() != entry["sha256"]:
        raise RuntimeError(f"vizkit/render/vendor/{entry['file']} is damaged (SHA-256 differs from {name}.json); "
                           "reinstall vizkit")
    return raw.decode("utf-8")


def script(name: str) -> str:
    """A ``<script>`` element inlining the bundle ``name``."""
    return f"<script>{source(name)}</script>"
