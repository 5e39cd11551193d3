"""The presentation as one offline HTML page: scenes a keypress apart, one map whose points glide.

Like :func:`vizkit.polysemy.write_html`, the file carries everything it needs
(plotly.js once, the figures as JSON) and fetches nothing: no CDN, fonts or
MathJax. The ``static`` and ``layer`` scenes share one plot; moving between two
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

from ..errors import InputError

__all__ = ["page_html", "write_page", "PRESENT_JS", "PRESENT_CSS"]

PRESENT_CSS = """
html, body { margin: 0; height: 100%; background: #fff; color: #1b1b2f;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
#vizkit-present { box-sizing: border-box; height: 100vh; display: flex; flex-direction: column;
  padding: 12px 24px 52px; }
.vp-plot { flex: 1 1 auto; min-height: 0; width: 100%; }
.vp-plot[hidden], .scene[hidden] { display: none; }
.scene { display: flex; flex-direction: column; }
.scene.vp-chart { flex: 1 1 auto; min-height: 0; }
.scene.vp-title, .scene.vp-text { flex: 1 1 auto; justify-content: center; align-items: center;
  text-align: center; }
.scene h1 { font-size: 68px; line-height: 1.15; margin: 0 0 28px; max-width: 90%; }
.scene .vp-body { font-size: 56px; line-height: 1.25; margin: 0 0 24px; max-width: 90%; white-space: pre-wrap; }
.caption { font-size: 34px; font-weight: 600; line-height: 1.25; margin: 10px auto 0; text-align: center; max-width: 95%; }
.detail { font-size: 24px; color: #555; margin: 6px auto 0; text-align: center; max-width: 95%; }
.caption:empty, .detail:empty { display: none; }
#vp-bar { position: fixed; right: 16px; bottom: 10px; display: flex; gap: 8px; align-items: center;
  font-size: 22px; color: #777; }
#vp-bar button { font: inherit; font-size: 20px; color: #555; background: #f4f4f4; border: 1px solid #ccc;
  border-radius: 6px; padding: 2px 12px; cursor: pointer; }
:fullscreen #vp-bar, :fullscreen #vp-bar button { opacity: 0.6; }
"""

PRESENT_JS = """
(function () {
  var root = document.getElementById("vizkit-present");
  var scenes = Array.prototype.slice.call(root.querySelectorAll(".scene"));
  var map = document.getElementById("vp-map");
  var counter = document.getElementById("vp-counter");
  var n = scenes.length, cur = -1, drawn = {}, pending = 0, seq = 0, animating = false;
  var config = {displaylogo: false, displayModeBar: false, responsive: true};
  var GLIDE = {frame: {duration: %(duration)d, redraw: true},
               transition: {duration: %(transition)d, easing: "cubic-in-out"}, mode: "immediate"};
  var JUMP = {frame: {duration: 0, redraw: true}, transition: {duration: 0}, mode: "immediate"};

  function track(p) {  // busy() until every drawing has settled
    pending++;
    function done() { pending--; }
    return p.then(done, done);
  }
  function draw(div, key) {  // a figure is drawn the first time its scene shows (hidden divs have no size)
    if (!drawn[key]) {
      var fig = JSON.parse(document.getElementById("vp-fig-" + key).textContent);
      fig.config = config;
      drawn[key] = Plotly.newPlot(div, fig);
      track(drawn[key]);
    } else {
      Plotly.Plots.resize(div);
    }
    return drawn[key];
  }
  function glide(frame, smooth) {
    var token = ++seq;
    animating = true;
    function done() { if (token === seq) animating = false; }
    draw(map, "map").then(function () {
      if (token !== seq) return;
      return Plotly.animate(map, [frame], smooth ? GLIDE : JUMP);
    }).then(done, done);
  }
  function go(i) {
    i = Math.max(0, Math.min(n - 1, i | 0));
    if (i === cur) return cur;
    var before = cur >= 0 ? scenes[cur] : null;
    cur = i;
    var scene = scenes[i], frame = scene.getAttribute("data-frame");
    scenes.forEach(function (s, j) { s.hidden = j !== i; });
    if (map) map.hidden = frame === null;
    root.setAttribute("data-scene", String(i + 1));
    counter.textContent = (i + 1) + " / " + n;
    if (location.hash !== "#" + (i + 1)) location.replace("#" + (i + 1));
    if (frame !== null) {
      glide(frame, !!before && before.getAttribute("data-frame") !== null);
    } else if (scene.getAttribute("data-figure") !== null) {
      draw(scene.querySelector(".vp-plot"), scene.getAttribute("data-figure"));
    }
    return cur;
  }
  function fromHash() {
    var m = /^#(\\d+)$/.exec(location.hash);
    return m ? parseInt(m[1], 10) - 1 : null;
  }
  function fullscreen() {
    var p = document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen();
    if (p && p.catch) p.catch(function () {});
  }
  var NEXT = ["PageDown", "ArrowRight", "ArrowDown", " ", "Spacebar"];
  var PREV = ["PageUp", "ArrowLeft", "ArrowUp"];
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    if (NEXT.indexOf(e.key) >= 0) go(cur + 1);
    else if (PREV.indexOf(e.key) >= 0) go(cur - 1);
    else if (e.key === "Home") go(0);
    else if (e.key === "End") go(n - 1);
    else if (e.key === "f" || e.key === "F") fullscreen();
    else return;
    e.preventDefault();
  });
  window.addEventListener("hashchange", function () {
    var i = fromHash();
    if (i !== null && i !== cur) go(i);
  });
  function button(id, act) {  // the button lets go of the focus, so that space goes on, not clicks it again
    document.getElementById(id).addEventListener("click", function () { this.blur(); act(); });
  }
  button("vp-prev", function () { go(cur - 1); });
  button("vp-next", function () { go(cur + 1); });
  button("vp-full", fullscreen);
  window.vizkitPresent = {current: function () { return cur; }, go: go, count: n,
                          kinds: scenes.map(function (s) { return s.getAttribute("data-kind"); }),
                          busy: function () { return animating || pending > 0; }};
  var start = fromHash();
  go(start === null ? 0 : start);
})();
"""


def _figure_json(fig) -> str:
    """The figure as JSON that cannot end its ``<script>`` element (plotly escapes ``<``, ``>`` and ``/``)."""
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


def page_html(slides, figures: dict, *, title: str, duration: int = 900, transition: int = 700) -> str:
    """The whole page as a string: the slides (:func:`~vizkit.present.scenes.build_slides`) and their figures.

    ``figures`` maps a slide's ``figure`` key to a plotly figure; the key ``"map"`` is the
    animation the ``static`` and ``layer`` slides share (each shows its ``frame`` of it).

    ``title`` is the browser tab's title (plain text). ``duration`` and ``transition``
    are the milliseconds of a glide between two map scenes.
    """
    from plotly.offline import get_plotlyjs

    if not slides:
        raise InputError("a presentation needs at least one scene")
    data = "\n".join(f'<script type="application/json" id="vp-fig-{html.escape(key)}">{_figure_json(fig)}</script>'
                     for key, fig in figures.items())
    sections = "\n".join(_section(i, s) for i, s in enumerate(slides))
    shared = '<div id="vp-map" class="vp-plot" hidden></div>' if "map" in figures else ""
    js = PRESENT_JS % {"duration": duration, "transition": transition}
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="vizkit present">
<title>{html.escape(title)}</title>
<style>{PRESENT_CSS}</style>
<script>{get_plotlyjs()}</script>
</head>
<body>
<main id="vizkit-present">
{shared}
{sections}
</main>
<nav id="vp-bar"><button id="vp-prev" type="button" title="previous (PageUp, \u2190)">\u2039</button>
<span id="vp-counter">1 / {len(slides)}</span>
<button id="vp-next" type="button" title="next (PageDown, \u2192, space)">\u203a</button>
<button id="vp-full" type="button" title="full screen (f)">full screen</button></nav>
{data}
<script>{js}</script>
</body>
</html>
"""


def check_path(path) -> Path:
    """``path`` as a :class:`~pathlib.Path`, refused unless it names an HTML file."""
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"the presentation is an HTML file; got {path.name!r} (use a .html name)")
    return path


def write_page(slides, figures: dict, path, *, title: str, **kwargs) -> str:
    """Write :func:`page_html` to ``path`` (a ``.html`` file); return the path written."""
    path = check_path(path)
    text = page_html(slides, figures, title=title, **kwargs)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)
