// @ts-check
// Keys for an animation page written by vizkit.render.write_html (a classroom projector): space plays /
// pauses, the left and right arrows step one frame, Home and End jump to the first and last frame.
// Its settings come from the page's <script type="application/json" id="vizkit-keyboard"> block; the help
// line is in the page's language. window.vizkit (frameNames, current(), isPlaying(), go, play, pause)
// drives the page from a test or the console.
(function () {
  /** @type {any} */
  var G = globalThis;
  var block = document.getElementById("vizkit-keyboard");
  if (!block) return;
  /** @type {{div: string, names: string[], duration: number, transition: number, help: string}} */
  var cfg = JSON.parse(block.textContent || "{}");
  /** @type {any} */
  var gd = document.getElementById(cfg.div);
  var names = cfg.names, cur = 0, playing = false;
  var anim = {frame: {duration: cfg.duration, redraw: true},
              transition: {duration: cfg.transition, easing: "cubic-in-out"}, mode: "immediate"};
  gd.on("plotly_animatingframe", /** @param {any} e */ function (e) { var i = names.indexOf(e.name); if (i >= 0) cur = i; });
  gd.on("plotly_animated", function () { playing = false; });
  gd.on("plotly_animationinterrupted", function () { playing = false; });
  /** @param {number} i */
  function go(i) {
    cur = Math.max(0, Math.min(names.length - 1, i));
    playing = false;
    return G.Plotly.animate(gd, [names[cur]], anim);
  }
  function play() {
    var start = cur >= names.length - 1 ? 0 : cur + 1;
    if (cur >= names.length - 1) { cur = 0; }
    playing = true;
    return G.Plotly.animate(gd, names.slice(start), anim);
  }
  function pause() {
    playing = false;
    return G.Plotly.animate(gd, [null], {frame: {duration: 0, redraw: false}, mode: "immediate"});
  }
  G.vizkit = {frameNames: names, current: function () { return cur; },
              isPlaying: function () { return playing; }, go: go, play: play, pause: pause};
  document.addEventListener("keydown", function (e) {
    var target = /** @type {any} */ (e.target);
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    if (e.key === " " || e.code === "Space") { e.preventDefault(); if (playing) pause(); else play(); }
    else if (e.key === "ArrowRight") { e.preventDefault(); go(cur + 1); }
    else if (e.key === "ArrowLeft") { e.preventDefault(); go(cur - 1); }
    else if (e.key === "Home") { e.preventDefault(); go(0); }
    else if (e.key === "End") { e.preventDefault(); go(names.length - 1); }
  });
  var help = document.createElement("p");
  help.className = "vizkit-keys";
  help.style.cssText = "font: 13px sans-serif; color: #666; margin: 4px 12px;";
  help.textContent = cfg.help;
  gd.parentNode.insertBefore(help, gd.nextSibling);
})();
