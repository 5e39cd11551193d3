"""One self-contained HTML file: plotly.js and all data inline, keyboard control, no network access.

The file opens from a USB stick on a machine with no internet: nothing is
fetched (no CDN, no fonts, no MathJax). Keys, for a classroom projector:
space plays / pauses, the left and right arrows step one frame, Home and End
jump to the first and last frame.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

__all__ = ["write_html", "KEYBOARD_JS"]

DIV_ID = "vizkit-animation"

KEYBOARD_JS = """
(function () {
  var gd = document.getElementById(%(div)s);
  var names = %(names)s, cur = 0, playing = false;
  var anim = {frame: {duration: %(duration)d, redraw: true},
              transition: {duration: %(transition)d, easing: "cubic-in-out"}, mode: "immediate"};
  gd.on("plotly_animatingframe", function (e) { var i = names.indexOf(e.name); if (i >= 0) cur = i; });
  gd.on("plotly_animated", function () { playing = false; });
  gd.on("plotly_animationinterrupted", function () { playing = false; });
  function go(i) {
    cur = Math.max(0, Math.min(names.length - 1, i));
    playing = false;
    return Plotly.animate(gd, [names[cur]], anim);
  }
  function play() {
    var start = cur >= names.length - 1 ? 0 : cur + 1;
    if (cur >= names.length - 1) { cur = 0; }
    playing = true;
    return Plotly.animate(gd, names.slice(start), anim);
  }
  function pause() {
    playing = false;
    return Plotly.animate(gd, [null], {frame: {duration: 0, redraw: false}, mode: "immediate"});
  }
  window.vizkit = {frameNames: names, current: function () { return cur; },
                   isPlaying: function () { return playing; }, go: go, play: play, pause: pause};
  document.addEventListener("keydown", function (e) {
    if (e.target && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName)) return;
    if (e.key === " " || e.code === "Space") { e.preventDefault(); if (playing) pause(); else play(); }
    else if (e.key === "ArrowRight") { e.preventDefault(); go(cur + 1); }
    else if (e.key === "ArrowLeft") { e.preventDefault(); go(cur - 1); }
    else if (e.key === "Home") { e.preventDefault(); go(0); }
    else if (e.key === "End") { e.preventDefault(); go(names.length - 1); }
  });
  var help = document.createElement("p");
  help.className = "vizkit-keys";
  help.style.cssText = "font: 13px sans-serif; color: #666; margin: 4px 12px;";
  help.textContent = "Keys: space play / pause, \\u2190 \\u2192 previous / next frame, Home / End first / last.";
  gd.parentNode.insertBefore(help, gd.nextSibling);
})();
"""


def write_html(fig, path, *, title: str | None = None, keyboard: bool = True, duration: int = 900,
               transition: int = 600, plotlyjs: bool | str = True) -> str:
    """Write ``fig`` (a plotly figure, usually from :func:`animation_figure`) as one offline HTML file.

    Returns the path written. plotly.js is inlined (about 4.8 MB); no request
    goes to any network address when the file is opened. ``plotlyjs="directory"``
    writes ``plotly.min.js`` once next to the page instead (for a folder of
    pages, such as the demo gallery, that still works offline).
    """
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"the export is an HTML file; got {path.name!r} (use a .html name)")
    path.parent.mkdir(parents=True, exist_ok=True)
    names = [fr.name for fr in (fig.frames or [])]
    post = KEYBOARD_JS % {"div": json.dumps(DIV_ID), "names": json.dumps(names), "duration": duration,
                          "transition": transition} if keyboard and names else None
    text = fig.to_html(include_plotlyjs=plotlyjs, include_mathjax=False, full_html=True, div_id=DIV_ID,
                       post_script=post, auto_play=False,
                       config={"displaylogo": False, "responsive": True,
                               "modeBarButtonsToRemove": ["sendDataToCloud"]})
    page_title = title or (fig.layout.title.text or "vizkit")
    plain = html.escape(_strip_tags(page_title))
    text = text.replace("<head>", f"<head>\n<title>{plain}</title>", 1)
    path.write_text(text, encoding="utf-8")
    if plotlyjs == "directory":
        js = path.parent / "plotly.min.js"
        if not js.exists():
            from plotly.offline import get_plotlyjs

            js.write_text(get_plotlyjs(), encoding="utf-8")
    return str(path)


def _strip_tags(text: str) -> str:
    import re

    return html.unescape(re.sub(r"<[^>]*>", "", text))
