"""The presentation as one offline HTML page: scenes a keypress apart, one map whose points glide.

Written by the one page writer (:mod:`vizkit.render.page`): the file carries everything it
needs (plotly.js once, the figures as JSON, ``present.js``) and fetches nothing: no CDN, fonts or
MathJax. The controls speak the page's language (``lang="zh"``). The ``static`` and ``layer`` scenes share one plot; moving between two
of them calls ``Plotly.animate`` to the next frame, so every occurrence glides
to its new place. The other figures are drawn when their scene is first shown.

Keys, for a keyboard or a presenter's clicker: PageDown, the right and down
arrows and space go on; PageUp, the left and up arrows go back; Home and End
jump to the first and last scene; ``f`` (or the button) goes full screen. The
URL's hash is the scene number (``talk.html#3``, from 1), so a reload stays on
the scene and a link can open one. ``window.vizkitPresent`` (``current()``,
``go(i)``, ``count``, ``busy()``) drives the page from a test or the console.
"""

from __future__ import annotations

import html
from pathlib import Path

from .. import render
from ..errors import InputError
from ..render import assets
from ..render.language import resolve, t
from ..render.page import check_html_path, json_block

__all__ = ["page_html", "write_page", "check_path"]

def _figure_json(fig) -> str:
    """The figure as plotly's JSON (numpy arrays, dates), for :func:`~vizkit.render.page.json_block`."""
    from plotly.io.json import to_json_plotly

    return to_json_plotly(fig.to_plotly_json())


def _p(cls: str, text: str) -> str:
    return f'<p class="{cls}">{html.escape(text)}</p>'


def _section(i: int, slide) -> str:
    kind = html.escape(slide.kind)
    attrs = f'class="scene vp-{"map" if slide.frame else "chart" if slide.figure else kind}" data-kind="{kind}"'
    if slide.frame is not None:
        attrs += f' data-frame="{html.escape(slide.frame)}"'
    if slide.figure is not None:
        attrs += f' data-figure="{html.escape(slide.figure)}"'
    if slide.kind == "title":
        body = f"<h1>{html.escape(slide.heading)}</h1>"
    elif slide.kind == "text":
        body = _p("vp-body", slide.heading)
    elif slide.figure is not None:
        body = '<div class="vp-plot"></div>'
    else:
        body = ""
    hidden = "" if i == 0 else " hidden"
    return f"<section {attrs}{hidden}>{body}{_p('caption', slide.caption)}{_p('detail', slide.detail)}</section>"


def page_html(slides, figures: dict, *, title: str, duration: int = 900, transition: int = 700,
              lang: str | None = None, plotlyjs: str = "inline") -> str:
    """The whole page as a string: the slides (:func:`~vizkit.present.scenes.build_slides`) and their figures.

    ``figures`` maps a slide's ``figure`` key to a plotly figure; the key ``"map"`` is the
    animation the ``static`` and ``layer`` slides share (each shows its ``frame`` of it).

    ``title`` is the browser tab's title (plain text). ``duration`` and ``transition``
    are the milliseconds of a glide between two map scenes. ``lang``: the controls' language.
    """
    return render.page_html(_page(slides, figures, title=title, duration=duration, transition=transition, lang=lang),
                            plotlyjs=plotlyjs)


def _page(slides, figures: dict, *, title: str, duration: int, transition: int, lang: str | None) -> render.Page:
    if not slides:
        raise InputError("a presentation needs at least one scene")
    lang = resolve(lang)
    data = "\n".join(json_block(_figure_json(fig), id=f"vp-fig-{key}") for key, fig in figures.items())
    sections = "\n".join(_section(i, s) for i, s in enumerate(slides))
    shared = '<div id="vp-map" class="vp-plot" hidden></div>' if "map" in figures else ""
    bar = (f'<nav id="vp-bar"><button id="vp-prev" type="button" title="{html.escape(t("present.prev", lang))}">\u2039</button>\n'
           f'<span id="vp-counter">1 / {len(slides)}</span>\n'
           f'<button id="vp-next" type="button" title="{html.escape(t("present.next", lang))}">\u203a</button>\n'
           f'<button id="vp-full" type="button" title="{html.escape(t("present.full.title", lang))}">'
           f'{html.escape(t("present.full", lang))}</button></nav>')
    body = (f'<main id="vizkit-present">\n{shared}\n{sections}\n</main>\n{bar}\n{data}\n'
            + json_block({"duration": duration, "transition": transition}, id="vp-config") + "\n"
            + assets.script("present.js"))
    return render.Page(title=title, body=body, lang=lang, head=assets.style("present.css"), plotly=True,
                       figures=list(figures.values()), generator="vizkit present")


def check_path(path) -> Path:
    """``path`` as a :class:`~pathlib.Path`, refused unless it names an HTML file."""
    return check_html_path(path, "presentation")


def write_page(slides, figures: dict, path, *, title: str, lang: str | None = None, plotlyjs: str = "inline",
               **kwargs) -> str:
    """Write the presentation to ``path`` (a ``.html`` file, written atomically); return the path written."""
    path = check_path(path)
    page = _page(slides, figures, title=title, duration=kwargs.pop("duration", 900),
                 transition=kwargs.pop("transition", 700), lang=lang)
    if kwargs:
        raise TypeError(f"unexpected arguments: {', '.join(kwargs)}")
    return render.write_page(page, path, plotlyjs=plotlyjs, what="presentation")
