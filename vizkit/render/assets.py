"""The front end's files (``js/*.js``, ``js/*.css``) as text, and the one bundle a widget loads.

JavaScript lives in ``.js`` files with ``// @ts-check`` and node tests (``tests/js``); Python only reads
them. A page inlines what it needs (:func:`script`, :func:`style`); an anywidget, which loads one ES
module, gets the files joined in order (:func:`bundle`), plotly.js first when asked.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["text", "script", "style", "bundle"]


@lru_cache(maxsize=None)
def text(name: str) -> str:
    """The file ``js/<name>`` of the package (``atlas.js``, ``present.css``...)."""
    return resources.files("vizkit.render").joinpath("js", name).read_text(encoding="utf-8")


def script(*names: str) -> str:
    """``<script>`` elements inlining the named files, in order."""
    return "\n".join(f"<script>{_closed(text(name), 'script')}</script>" for name in names)


def style(*names: str) -> str:
    """One ``<style>`` element with the named CSS files."""
    return "<style>" + "\n".join(_closed(text(name), "style") for name in names) + "</style>"


def bundle(*names: str, plotly: str | None = None, vendored: tuple[str, ...] = ()) -> str:
    """One ES module of the named files, in order, after the plotly.js ``plotly`` bundle and the ``vendored``
    libraries (each sets its global itself; see :mod:`vizkit.render.plotlyjs` and :mod:`vizkit.render.vendored`)."""
    from . import plotlyjs, vendored as libraries

    parts = ([plotlyjs.source(plotly)] if plotly else []) + [libraries.source(name) for name in vendored]
    return "\n;\n".join(parts + [text(name) for name in names]) + "\n"


def _closed(source: str, tag: str) -> str:
    if f"</{tag}" in source.lower():
        raise ValueError(f"a front-end file contains </{tag}>, which would end its element early")
    return source
