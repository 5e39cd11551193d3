"""The one page writer: every offline HTML file vizkit writes goes through here.

It owns what each exporter used to solve on its own:

- plotly.js put in once: inline (the smallest bundle that draws the page's figures, :mod:`.plotlyjs`), or
  one shared copy next to the page when several are written together (``plotlyjs="directory"``: the
  classroom folder, ``make demo``'s gallery), or not at all for a fragment inside a page that has it;
- JSON data inside ``<script>`` with one safe escaping (:func:`script_json`);
- the front end's files inlined from ``js/`` (:mod:`.assets`), never JavaScript written in Python;
- one ``.html`` check with one error type (:func:`check_html_path`, :class:`~vizkit.errors.InputError`);
- atomic writes (a temporary file renamed into place: a page is whole or absent);
- the offline check: a page that would load anything from the network is warned about (:func:`external_refs`);
- the page's language (``<html lang>``, the labels; :mod:`.language`).
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, VizkitWarning
from . import assets, plotlyjs as _plotlyjs
from .language import html_lang, resolve, t

__all__ = ["Page", "write_page", "page_html", "write_html", "figure_fragment", "check_html_path", "script_json",
           "json_block", "external_refs", "write_text_atomic", "plotly_script", "PLOTLY_MODES"]

#: how a page gets plotly.js: inlined, one shared file beside it, or not at all (a fragment)
PLOTLY_MODES = ("inline", "directory", "none")

ANIMATION_DIV = "vizkit-animation"

_EXTERNAL_REF = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio|embed|object|track)\b[^>]*?\b(?:src|href|data|poster)\s*=\s*"
    r"[\"']?((?:https?:)?//[^\"'\s>]+)"
    r"|@import\s+(?:url\()?\s*[\"']?((?:https?:)?//[^\"')\s]+)"
    r"|url\(\s*[\"']?((?:https?:)?//[^\"')\s]+)", re.IGNORECASE)


def check_html_path(path, what: str = "page") -> Path:
    """``path`` as a :class:`~pathlib.Path`, refused (:class:`InputError`) unless it names an HTML file."""
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"the {what} is an HTML file; got {path.name!r} (use a .html name)")
    return path


def script_json(value) -> str:
    """``value`` as JSON that cannot end its ``<script>`` element: ``<``, ``>`` and ``&`` escaped
    (``</script>`` in a label stays text), non-ASCII kept as is (Chinese labels stay readable, and small)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_block(value, *, id: str | None = None, attrs: str = "") -> str:  # noqa: A002 - the HTML attribute
    """A ``<script type="application/json">`` element holding ``value`` (see :func:`script_json`)."""
    ident = f' id="{html.escape(id)}"' if id else ""
    return f'<script type="application/json"{ident}{attrs}>{script_json(value)}</script>'


def external_refs(page: str) -> list[str]:
    """Network addresses a page would load when opened (scripts, styles, images, frames)."""
    return [next(g for g in m.groups() if g) for m in _EXTERNAL_REF.finditer(page)]


@dataclass
class Page:
    """A whole page before it is written: its title, body, what it needs in its head, and its language.

    ``figures`` are the plotly figures (or their dicts) the page draws: they choose the plotly.js bundle.
    ``plotly`` says whether the page needs plotly.js at all (``trace_types``: extra trace types the page's own
    scripts draw, such as the atlas's ``scattergl``).
    """

    title: str
    body: str
    lang: str | None = None
    head: str = ""
    plotly: bool = False
    figures: list = field(default_factory=list)
    trace_types: tuple = ()
    generator: str = "vizkit"

    def bundle(self) -> str:
        return _plotlyjs.bundle_for(self.figures, types=self.trace_types)


def plotly_script(bundle: str, mode: str) -> str:
    """The head elements that give a page plotly.js ``bundle``: inline, a ``<script src>`` to the shared copy, or none."""
    config = "<script>window.PlotlyConfig = {MathJaxConfig: 'local'};</script>\n"  # settings, not a program
    if mode == "inline":
        return config + f"<script>{_plotlyjs.source(bundle)}</script>"
    if mode == "directory":
        return config + f'<script src="{_plotlyjs.filename(bundle)}"></script>'
    return ""


def page_html(page: Page, *, plotlyjs: str = "inline", bundle: str | None = None) -> str:
    """The whole page as text. ``plotlyjs``: ``"inline"``, ``"directory"`` (a ``<script src>`` to the shared
    copy that :func:`write_page` puts beside it) or ``"none"``; ``bundle``: the page's, when already chosen."""
    if plotlyjs not in PLOTLY_MODES:
        raise InputError(f"plotlyjs must be one of {', '.join(PLOTLY_MODES)}; got {plotlyjs!r}")
    script = plotly_script(bundle or page.bundle(), plotlyjs) if page.plotly else ""
    return f"""<!DOCTYPE html>
<html lang="{html_lang(page.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{html.escape(page.generator)}">
<title>{html.escape(page.title)}</title>
{page.head}
{script}
</head>
<body>
{page.body}
</body>
</html>
"""


def write_text_atomic(text: str, path) -> Path:
    """Write ``text`` to ``path`` whole or not at all: a temporary file beside it, renamed into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_page(page: Page | str, path, *, plotlyjs: str = "inline", what: str = "page", bundle: str | None = None) -> str:
    """Write ``page`` (a :class:`Page`, or finished HTML text) to ``path``; return the path written.

    With ``plotlyjs="directory"`` the bundle the page needs is written once beside it (``plotly-basic.min.js``,
    ``plotly.min.js``...), for a folder of pages that still opens offline. A page that refers to the network
    is written, with a :class:`~vizkit.errors.VizkitWarning` naming the addresses.
    """
    path = check_html_path(path, what)
    if isinstance(page, Page):
        bundle = page.bundle() if page.plotly else None  # chosen once: it reads every figure's traces
        text = page_html(page, plotlyjs=plotlyjs, bundle=bundle)
    else:
        text = page
    write_text_atomic(text, path)
    if plotlyjs == "directory" and bundle is not None:
        shared = path.parent / _plotlyjs.filename(bundle)
        if not shared.exists():
            write_text_atomic(_plotlyjs.source(bundle), shared)
    check_offline(text, path, inlined=bundle if plotlyjs == "inline" else None)
    return str(path)


def check_offline(text: str, path, *, inlined: str | None = None) -> list[str]:
    """Warn (:class:`VizkitWarning`) when the page at ``path`` would load something from the network.

    ``inlined``: the plotly.js bundle inside the page, left out of the check (it names map tile servers).
    """
    if inlined is not None:
        text = text.replace(_plotlyjs.source(inlined), "")
    refs = external_refs(text)
    if refs:
        warnings.warn(f"{Path(path).name} refers to {len(refs)} network resource(s) that will not load offline: "
                      + ", ".join(refs[:3]) + (" ..." if len(refs) > 3 else ""), VizkitWarning, stacklevel=3)
    return refs


def figure_fragment(fig, div_id: str | None = None, *, config: dict | None = None, validate: bool = True) -> str:
    """A plotly figure (or its dict) as an HTML fragment that expects ``window.Plotly`` (the page has it once).

    ``config`` is plotly's (default: no plotly logo); animations never start on their own.
    """
    import plotly.io as pio

    return pio.to_html(fig, include_plotlyjs=False, full_html=False, div_id=div_id, auto_play=False,
                       config={"displaylogo": False} if config is None else config, validate=validate)


def _strip_tags(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", text))


def write_html(fig, path, *, title: str | None = None, keyboard: bool = True, duration: int = 900,
               transition: int = 600, plotlyjs: bool | str = True, lang: str | None = None) -> str:
    """Write ``fig`` (a plotly figure, usually an animation) as one offline HTML file; return the path.

    plotly.js is inlined (the smallest bundle that draws the figure: 1.2 MB for a 2-D animation, 1.8 MB
    in 3-D); no request goes to any network address when the file is opened. ``plotlyjs="directory"``
    writes the bundle once next to the page instead (a folder of pages that still works offline).

    An animation gets keys for a classroom projector (``keyboard=True``): space plays / pauses, the arrows
    step one frame, Home and End jump to the first and last; the help line is in ``lang``.
    """
    mode = {True: "inline", False: "none"}.get(plotlyjs, plotlyjs)
    path = check_html_path(path, "export")
    names = [fr.name for fr in (fig.frames or [])]
    body = figure_fragment(fig, ANIMATION_DIV, config={"displaylogo": False, "responsive": True,
                                                       "modeBarButtonsToRemove": ["sendDataToCloud"]})
    if keyboard and names:
        body += "\n" + json_block({"div": ANIMATION_DIV, "names": names, "duration": duration,
                                   "transition": transition, "help": t("animation.keys", lang)}, id="vizkit-keyboard")
        body += "\n" + assets.script("keyboard.js")
    page = Page(title=_strip_tags(title or (fig.layout.title.text or "vizkit")), body=body, lang=resolve(lang),
                plotly=True, figures=[fig], generator="vizkit")
    return write_page(page, path, plotlyjs=mode, what="export")
