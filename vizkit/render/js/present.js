// @ts-check
// The presentation page written by vizkit.present: scenes a keypress apart, one map whose points glide.
// Settings (glide times) come from <script type="application/json" id="vp-config">, each figure from its
// own JSON block, the words of the controls from the page (already in its language).
//
// Keys, for a keyboard or a presenter's clicker: PageDown, the right and down arrows and space go on;
// PageUp, the left and up arrows go back; Home and End jump to the first and last scene; f (or the
// button) goes full screen. The URL's hash is the scene number (talk.html#3, from 1). window.vizkitPresent
// (current(), go(i), count, kinds, busy()) drives the page from a test or the console.
(function () {
  /** @type {any} */
  var G = globalThis;
  var Plotly = G.Plotly;
  var root = /** @type {HTMLElement} */ (document.getElementById("vizkit-present"));
  /** @type {{duration: number, transition: number}} */
  var cfg = JSON.parse((document.getElementById("vp-config") || {textContent: "{}"}).textContent || "{}");
  var scenes = /** @type {HTMLElement[]} */ (Array.from(root.querySelectorAll(".scene")));
  var map = document.getElementById("vp-map");
  var counter = /** @type {HTMLElement} */ (document.getElementById("vp-counter"));
  var n = scenes.length, cur = -1, pending = 0, seq = 0, animating = false;
  /** @type {Record<string, Promise<any>>} */
  var drawn = {};
  var config = {displaylogo: false, displayModeBar: false, responsive: true,
                locale: document.documentElement.lang === "zh-CN" ? "zh-CN" : "en"};
  var GLIDE = {frame: {duration: cfg.duration, redraw: true},
               transition: {duration: cfg.transition, easing: "cubic-in-out"}, mode: "immediate"};
  var JUMP = {frame: {duration: 0, redraw: true}, transition: {duration: 0}, mode: "immediate"};

  /** busy() until every drawing has settled. @param {Promise<any>} p */
  function track(p) {
    pending++;
    function done() { pending--; }
    return p.then(done, done);
  }
  /** A figure is drawn the first time its scene shows (hidden divs have no size). @param {any} div @param {string} key */
  function draw(div, key) {
    if (!drawn[key]) {
      var fig = JSON.parse((document.getElementById("vp-fig-" + key) || {textContent: "{}"}).textContent || "{}");
      fig.config = config;
      drawn[key] = Plotly.newPlot(div, fig);
      track(drawn[key]);
    } else {
      Plotly.Plots.resize(div);
    }
    return drawn[key];
  }
  /** @param {string} frame @param {boolean} smooth */
  function glide(frame, smooth) {
    var token = ++seq;
    animating = true;
    function done() { if (token === seq) animating = false; }
    draw(map, "map").then(function () {
      if (token !== seq) return;
      return Plotly.animate(map, [frame], smooth ? GLIDE : JUMP);
    }).then(done, done);
  }
  /** @param {number} i */
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
      draw(scene.querySelector(".vp-plot"), scene.getAttribute("data-figure") || "");
    }
    return cur;
  }
  function fromHash() {
    var m = /^#(\d+)$/.exec(location.hash);
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
  /** The button lets go of the focus, so that space goes on, not clicks it again. @param {string} id @param {() => void} act */
  function button(id, act) {
    var b = /** @type {HTMLElement} */ (document.getElementById(id));
    b.addEventListener("click", function () { b.blur(); act(); });
  }
  button("vp-prev", function () { go(cur - 1); });
  button("vp-next", function () { go(cur + 1); });
  button("vp-full", fullscreen);
  G.vizkitPresent = {current: function () { return cur; }, go: go, count: n,
                     kinds: scenes.map(function (s) { return s.getAttribute("data-kind"); }),
                     busy: function () { return animating || pending > 0; }};
  var start = fromHash();
  go(start === null ? 0 : start);
})();
