// The harness shared by the renderer benchmark's pages (benchmarks/renderers.py): the page's data decoded, a
// palette, frame timing and the peak JS heap. Each renderer's script (regl-scatterplot.js, deck.js, plotly.js)
// then sets bench.ready (a promise: the points drawn) and bench.highlight(ids) (a promise: drawn highlighted).
(function () {
  "use strict";

  /** @param {string} id */
  function bytes(id) {
    var text = (document.getElementById(id).textContent || "").trim();
    if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text);
    var bin = atob(text), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  var meta = JSON.parse(document.getElementById("meta").textContent);
  var labels = null;
  var data = {
    n: meta.n,
    meta: meta,
    // Float32 coordinates in the layout the renderer takes (meta.layout): "planar" (all x, then all y) or
    // "interleaved" (x0 y0 x1 y1 ...); regl-scatterplot's are scaled into [-1, 1] (meta.normalized).
    xy: new Float32Array(bytes("xy").buffer),
    cat: bytes("cat"),  // the cluster of each point, 0..meta.categories-1
    /** @param {number} i */
    label: function (i) {
      if (!labels) labels = (document.getElementById("labels").textContent || "").split("\n");
      return labels[i];
    },
  };

  // meta.categories well-separated colours (golden-angle hues): CSS strings and an RGB byte table.
  var hex = [], rgb = new Uint8Array(3 * meta.categories);
  for (var c = 0; c < meta.categories; c++) {
    var h = (c * 137.508) % 360, s = 0.55 + 0.3 * ((c % 3) / 2), l = 0.38 + 0.2 * ((c % 5) / 4);
    var k = function (m) { var q = (m + h / 30) % 12; return l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(q - 3, 9 - q, 1)); };
    var px = [k(0), k(8), k(4)].map(function (v) { return Math.round(255 * v); });
    rgb.set(px, 3 * c);
    hex.push("#" + px.map(function (v) { return (v < 16 ? "0" : "") + v.toString(16); }).join(""));
  }

  var bench = window.bench = {
    data: data,
    palette: {hex: hex, rgb: rgb},
    readyAt: null,  // ms from navigation start to the first frame after the points were drawn
    heapMax: 0,
    errors: [],
    frames: [],
  };
  window.addEventListener("error", function (e) { bench.errors.push(String(e.message || e)); });
  window.addEventListener("unhandledrejection", function (e) { bench.errors.push(String(e.reason)); });

  bench.heap = function () {
    var m = /** @type {any} */ (performance).memory;
    if (m && m.usedJSHeapSize > bench.heapMax) bench.heapMax = m.usedJSHeapSize;
    return bench.heapMax;
  };
  bench.nextFrame = function () {
    return new Promise(function (resolve) { requestAnimationFrame(function () { resolve(performance.now()); }); });
  };
  /** The renderer's promise of its first drawing: bench.ready resolves at the next frame after it. */
  bench.drawn = function (promise) {
    bench.ready = Promise.resolve(promise).then(bench.nextFrame).then(function (t) {
      bench.readyAt = t;
      bench.heap();
      return t;
    });
  };

  // Frame timestamps (requestAnimationFrame) while the mouse zooms and pans.
  var recording = false;
  bench.record = function () {
    bench.frames = [];
    recording = true;
    requestAnimationFrame(function tick(t) {
      if (!recording) return;
      bench.frames.push(t);
      bench.heap();
      requestAnimationFrame(tick);
    });
  };
  bench.stop = function () {
    recording = false;
    return bench.frames.slice();
  };

  /** Search to highlight: ms until bench.highlight(ids) has drawn, and until the next frame after it. */
  bench.timeHighlight = function (ids) {
    var t0 = performance.now(), drawn = 0;
    return bench.highlight(ids).then(function () {
      drawn = performance.now() - t0;
      return bench.nextFrame();
    }).then(function (t) {
      bench.heap();
      return {drawn_ms: drawn, frame_ms: t - t0};
    });
  };

  // The label of the point under the mouse (every renderer reports it): the real atlas shows a tooltip.
  var tip = document.getElementById("tip");
  /** @param {number} i  a point, or -1 for none */
  bench.hover = function (i) {
    tip.hidden = i < 0;
    if (i >= 0) tip.textContent = data.label(i);
  };
})();
