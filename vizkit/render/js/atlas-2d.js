// @ts-check
// The atlas's 2-D map, drawn by regl-scatterplot (vendored: vizkit/render/vendor/regl-scatterplot.min.js, MIT;
// chosen by measurement in benchmarks/renderers.py): the points on a WebGL canvas, and over it in the DOM the
// query's star, its true neighbours' rings (kept green, torn red), the labels, the axes of a semantic map, the
// colour bar and a small toolbar (pan/zoom, lasso, box, whole map). atlas.js makes one per page or widget.
//
// Level of detail (the header's ``detail``: MOVE_POINTS, REST_POINTS), for software WebGL (SwiftShader draws
// about a million points a second): while the camera moves, a map of more than 2 x MOVE_POINTS points draws an
// even sample of MOVE_POINTS of them (core.sample); once it rests (REST_MS after the last movement) it draws
// every point in view, or an even sample of
// REST_POINTS of them when more are in view (zoomed out on a million points, more than the screen has pixels).
// The samples are nested (one fixed hash of the row number), so points do not jump between them. Selections
// are made over every point, whatever is drawn (the lasso's polygon is tested here, not on the drawn ones).
(function (root) {
  "use strict";
  /** @type {any} */
  var G = root;
  var core = G.vizkitAtlasCore;
  var SVG = "http://www.w3.org/2000/svg";
  var REST_MS = 250, SHOWN_SELECTED = 50000;
  var KEPT = "#2ca02c", TORN = "#d62728";

  /** Whether this browser can draw WebGL at all (asked of a canvas of its own, not the map's). */
  function hasWebGL() {
    try {
      var c = document.createElement("canvas");
      return !!(c.getContext("webgl2") || c.getContext("webgl"));
    } catch (e) {
      return false;
    }
  }

  /**
   * Draw the map of ``ctx.D`` in ``el``.
   * @param {HTMLElement} el
   * @param {any} ctx  {header, D, t, state, createScatterplot, hover(row, x, y), unhover(), selected(rows)}
   */
  function create(el, ctx) {
    var header = ctx.header, D = ctx.D, t = ctx.t, state = ctx.state, n = header.n, axes = header.axes || ["", ""];
    // the page's level of detail (vizkit/atlas/page.py DETAIL); none: every point, always
    var MOVE_POINTS = header.detail ? header.detail.move : Infinity, REST_POINTS = header.detail ? header.detail.rest : Infinity;
    var make = ctx.createScatterplot || (G.reglScatterplot && G.reglScatterplot.createScatterplot);
    if (!make) throw new Error("regl-scatterplot is not on this page");
    el.classList.add("vizkit-map2d");
    el.innerHTML = '<div class="vizkit-canvas-box"><canvas></canvas><svg class="vizkit-marks"></svg>' +
      '<div class="vizkit-map-labels"></div></div><div class="vizkit-tools" role="toolbar"></div>' +
      '<div class="vizkit-colorbar" hidden></div><div class="vizkit-axis-x"></div><div class="vizkit-axis-y"></div>';
    /** @param {string} name @returns {any} */
    var $ = function (name) { return el.querySelector(".vizkit-" + name); };
    var box = $("canvas-box"), canvas = /** @type {HTMLCanvasElement} */ (box.querySelector("canvas"));
    var marks = $("marks"), labelBox = $("map-labels");
    if (axes[0]) el.classList.add("vizkit-has-x");
    if (axes[1]) el.classList.add("vizkit-has-y");

    // data -> regl-scatterplot's [-1, 1] square; the scales follow the camera (core.linearScale)
    var b = header.bounds, pad = 0.03;
    var x0 = b[0][0], x1 = b[0][1], y0 = b[1][0], y1 = b[1][1];
    var wx = (x1 - x0) || 1, wy = (y1 - y0) || 1;
    x0 -= pad * wx; x1 += pad * wx; y0 -= pad * wy; y1 += pad * wy; wx = x1 - x0; wy = y1 - y0;
    var nx = new Float32Array(n), ny = new Float32Array(n);
    for (var i = 0; i < n; i++) { nx[i] = 2 * (D.x[i] - x0) / wx - 1; ny[i] = 2 * (D.y[i] - y0) / wy - 1; }
    var xScale = core.linearScale([x0, x1]), yScale = core.linearScale([y0, y1]);
    var size = n <= 2000 ? 7 : n <= 20000 ? 4 : n <= 100000 ? 3 : n <= 400000 ? 2 : 1.5;
    var rect = box.getBoundingClientRect();
    var sp = make({
      canvas: canvas, width: Math.max(rect.width, 10), height: Math.max(rect.height, 10), xScale: xScale, yScale: yScale,
      aspectRatio: Math.max(1 / 3, Math.min(3, wx / wy)), backgroundColor: "#ffffff", pointSize: size,
      opacity: n > 50000 ? 0.6 : 0.85, pointSizeSelected: 1, pointOutlineWidth: 1, opacityInactiveScale: 0.25,
      lassoColor: "#1f77b4", lassoMinDelay: 10, lassoMinDist: 2, deselectOnDblClick: false, showReticle: false,
      lassoInitiator: false, lassoOnLongPress: false, lassoLongPressIndicatorParentElement: el,
      lassoInitiatorParentElement: el,
    });
    var colour = /** @type {any} */ (null), values = new Float32Array(n);
    var dead = false;  // destroyed (a widget remounted with new axes): late calls and timers do nothing

    // ------------------------------------------------------------------ colour
    /** @param {any} c  core.colouring(...) */
    function setColour(c) {
      colour = c;
      if (dead) return Promise.resolve();
      var list, type;
      if (c.count !== undefined) {
        list = [];
        for (var k = 0; k < Math.max(1, c.count); k++) list.push(header.palette[k % header.palette.length]);
        for (var j = 0; j < n; j++) values[j] = c.values[j];
        type = "categorical";
      } else {
        list = core.viridis(256);
        var lo = c.cmin, span = (c.cmax - c.cmin) || 1;
        for (var m = 0; m < n; m++) {
          var v = (c.values[m] - lo) / span;
          values[m] = v > 1 ? 1 : v >= 0 ? v : 0;  // NaN and below: the bottom of the scale
        }
        type = "continuous";
      }
      sp.set({colorBy: "valueA", pointColor: list, pointColorActive: list, pointColorHover: list});
      drawColourBar(c);
      var index = sp.get("isPointsDrawn") ? sp.get("spatialIndex") : undefined;
      return sp.draw({x: nx, y: ny, valueA: values}, {zDataType: type, spatialIndex: index, preventFilterReset: true})
        .then(function () { if (!index) settle(); reselect(); schedule(); });
    }
    /** @param {any} c */
    function drawColourBar(c) {
      var bar = $("colorbar");
      bar.textContent = "";
      bar.hidden = c.count !== undefined;
      if (bar.hidden) return;
      var title = document.createElement("div"), ramp = document.createElement("div"), ends = document.createElement("div");
      title.className = "vizkit-colorbar-title"; title.textContent = c.title || "";
      ramp.className = "vizkit-colorbar-ramp";
      ramp.style.background = "linear-gradient(to top, " + core.viridis(9).join(", ") + ")";
      ends.className = "vizkit-colorbar-ends";
      [c.cmax, (c.cmin + c.cmax) / 2, c.cmin].forEach(function (v) {
        var s = document.createElement("span");
        s.textContent = String(+Number(v).toPrecision(3));
        ends.appendChild(s);
      });
      bar.appendChild(title); bar.appendChild(ramp); bar.appendChild(ends);
    }

    // ------------------------------------------------------------------ what the camera shows
    /** @returns {{x: number[], y: number[], w: number, h: number}} the data ranges in view, and their pixels */
    function window_() {
      var xr = xScale.range(), yr = yScale.range();
      return {x: xScale.domain(), y: yScale.domain(), w: Math.abs(xr[1] - xr[0]), h: Math.abs(yr[0] - yr[1])};
    }
    /** @param {number} x @param {number} y @returns {number[]} the pixel in the map's box */
    function toScreen(x, y) { return [xScale(x), yScale(y)]; }
    /** @param {number} px @param {number} py @returns {number[]} */
    function fromScreen(px, py) { return [xScale.invert(px), yScale.invert(py)]; }

    // ------------------------------------------------------------------ overlay: star, rings, labels, axes
    /** @param {string} tag @param {Record<string, any>} attrs */
    function svg(tag, attrs) {
      var e = document.createElementNS(SVG, tag);
      Object.keys(attrs).forEach(function (key) { e.setAttribute(key, String(attrs[key])); });
      return e;
    }
    /** @param {number} cx @param {number} cy @param {number} r */
    function starPath(cx, cy, r) {
      var p = [];
      for (var k = 0; k < 10; k++) {
        var a = -Math.PI / 2 + k * Math.PI / 5, q = k % 2 ? r * 0.45 : r;
        p.push((cx + q * Math.cos(a)).toFixed(1) + "," + (cy + q * Math.sin(a)).toFixed(1));
      }
      return "M" + p.join("L") + "Z";
    }
    /** @type {string[]} */
    var shown = [];
    /** @param {string} text @param {number[]} p @param {string} cls @param {string} [colour_] */
    function label(text, p, cls, colour_) {
      var d = document.createElement("div");
      d.className = "vizkit-map-label " + cls;
      d.textContent = text;
      d.style.left = p[0].toFixed(1) + "px";
      d.style.top = p[1].toFixed(1) + "px";
      if (colour_) d.style.color = colour_;
      labelBox.appendChild(d);
      shown.push(text);
    }
    function overlay() {
      var v = window_(), placer = core.labelPlacer(v);
      marks.textContent = "";
      labelBox.textContent = "";
      shown = [];
      state.neighbours.forEach(/** @param {any} nb */ function (nb) {
        var p = toScreen(D.x[nb.row], D.y[nb.row]);
        marks.appendChild(svg("circle", {cx: p[0].toFixed(1), cy: p[1].toFixed(1), r: Math.max(6, size + 4),
                                         class: "vizkit-ring " + (nb.kept ? "vizkit-ring-kept" : "vizkit-ring-torn"),
                                         stroke: nb.kept ? KEPT : TORN}));
      });
      state.rows.forEach(/** @param {number} r @param {number} k */ function (r, k) {
        var p = toScreen(D.x[r], D.y[r]);
        marks.appendChild(svg("path", {d: starPath(p[0], p[1], k ? 7 : 10), class: "vizkit-star"}));
      });
      // the query and its neighbours first: they must always show
      state.rows.slice(0, 1).forEach(/** @param {number} r */ function (r) {
        var p = toScreen(D.x[r], D.y[r]);
        placer.reserve([p[0] - 40, p[1] - 30, p[0] + 40, p[1] - 8]);
        label(core.short(D.labels[r], 40), [p[0], p[1] - 20], "vizkit-map-label-query");
      });
      state.neighbours.forEach(/** @param {any} nb */ function (nb) {
        var p = toScreen(D.x[nb.row], D.y[nb.row]), text = core.short(nb.label, 30);
        if (placer.place([p[0], p[1] - 14], text, 12)) label(text, [p[0], p[1] - 14], "vizkit-map-label-near", nb.kept ? "#1b6e1b" : "#b01e1e");
      });
      var level = core.chooseLevel(header.levels, v, state.level);
      if (level >= 0) {
        core.clusterLabels(header.levels[level], placer).forEach(/** @param {any} a */ function (a) {
          label(a.text, toScreen(a.x, a.y), "vizkit-map-label-cluster");
        });
      }
      drawAxes(v);
    }
    /** @param {{x: number[], y: number[], w: number, h: number}} v */
    function drawAxes(v) {
      [[0, "axis-x"], [1, "axis-y"]].forEach(function (pair) {
        var k = /** @type {number} */ (pair[0]), holder = $(/** @type {string} */ (pair[1]));
        holder.textContent = "";
        if (!axes[k]) return;
        var title = document.createElement("div");
        title.className = "vizkit-axis-title";
        title.textContent = axes[k];
        holder.appendChild(title);
        var range = k ? v.y : v.x, scale = k ? yScale : xScale;
        core.ticks(Math.min(range[0], range[1]), Math.max(range[0], range[1]), k ? Math.max(2, v.h / 80) : Math.max(2, v.w / 110))
          .forEach(/** @param {number} tick */ function (tick) {
            var s = document.createElement("span");
            s.className = "vizkit-tick";
            s.textContent = String(tick);
            s.style[k ? "top" : "left"] = scale(tick).toFixed(1) + "px";
            holder.appendChild(s);
          });
      });
    }
    var pending = false;
    function schedule() {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; if (!dead) overlay(); });
    }

    // ------------------------------------------------------------------ level of detail
    var lod = {sample: /** @type {?number[]} */ (null), on: false, timer: 0, moves: 0, rests: 0, drawn: n, filtered: false};
    function moving() {
      if (dead || n <= 2 * MOVE_POINTS || mode !== "panZoom") return;
      if (!lod.on) {
        lod.on = true;
        lod.moves++;
        show(lod.sample || (lod.sample = core.sample(n, MOVE_POINTS)));
      }
      clearTimeout(lod.timer);
      lod.timer = setTimeout(rest, REST_MS);
    }
    function rest() {
      if (dead) return;
      if (dragging) { lod.timer = setTimeout(rest, REST_MS); return; }
      if (lod.on) lod.rests++;
      lod.on = false;
      settle();
    }
    /** At rest: every point in view, or an even sample of REST_POINTS of them. */
    function settle() {
      if (n <= REST_POINTS) return show(null);
      var v = window_(), ax = 2 * (v.x[0] - x0) / wx - 1, bx = 2 * (v.x[1] - x0) / wx - 1;
      var ay = 2 * (v.y[0] - y0) / wy - 1, by = 2 * (v.y[1] - y0) / wy - 1, inside = [];
      for (var i = 0; i < n; i++) if (nx[i] >= ax && nx[i] <= bx && ny[i] >= ay && ny[i] <= by) inside.push(i);
      if (inside.length <= REST_POINTS) return show(inside);
      var limit = REST_POINTS / inside.length * 4294967296;
      return show(inside.filter(function (r) { return (Math.imul(r + 1, 2654435761) >>> 0) < limit; }));
    }
    var drawnMask = new Uint8Array(n);  // which rows the map draws now, when it draws a sample
    /** @param {?number[]} rows  sorted; null: every point */
    function show(rows) {
      if (dead) return;
      if (!rows || rows.length === n) {
        lod.drawn = n;
        if (!lod.filtered) return;
        lod.filtered = false;
        sp.unfilter({preventEvent: true}).then(reselect);
        return;
      }
      lod.drawn = rows.length;
      lod.filtered = true;
      drawnMask.fill(0);
      for (var r = 0; r < rows.length; r++) drawnMask[rows[r]] = 1;
      sp.filter(rows, {preventEvent: true}).then(reselect);
    }
    /**
     * Highlight the selected ``rows`` on the map. regl-scatterplot's select() removes the rows it does not
     * draw one by one (the time grows with the square of their number: seconds at 400,000) and draws each
     * selected point again: so it is given the drawn ones only, and at most SHOWN_SELECTED of them (an even
     * part; the count beside the map is the whole selection's). Always a new array: select() edits it.
     * @param {number[]} rows
     */
    function highlight(rows) {
      if (dead) return;
      var drawn = lod.filtered ? rows.filter(function (r) { return drawnMask[r] === 1; }) : rows.slice();
      if (drawn.length > SHOWN_SELECTED) {
        var every = drawn.length / SHOWN_SELECTED;
        drawn = Array.from({length: SHOWN_SELECTED}, function (_, i) { return drawn[Math.floor(i * every)]; });
      }
      if (drawn.length) sp.select(drawn, {preventEvent: true}); else sp.deselect({preventEvent: true});
    }
    function reselect() { if (state.selected.length) highlight(state.selected); }
    var dragging = false;
    box.addEventListener("wheel", moving, {capture: true, passive: true});
    box.addEventListener("pointerdown", /** @param {PointerEvent} e */ function (e) {
      if (e.shiftKey || mode !== "panZoom") return;
      dragging = true;
      moving();
    }, {capture: true});
    window.addEventListener("pointerup", function () { dragging = false; });

    // ------------------------------------------------------------------ toolbar: pan/zoom, lasso, box, whole map
    var mode = "panZoom";
    var tools = $("tools");
    /** @type {Record<string, HTMLButtonElement>} */
    var buttons = {};
    // the icons are SVG paths (a font may lack the symbols): four arrows, a loop, a dashed box, a house
    [["pan", "atlas.tool.pan", "M10 2l3 3h-2v4h4V7l3 3-3 3v-2h-4v4h2l-3 3-3-3h2v-4H5v2l-3-3 3-3v2h4V5H7z"],
     ["lasso", "atlas.tool.lasso", "M10 3c4.4 0 8 2.2 8 5s-3.6 5-8 5c-1 0-2-.1-2.9-.3L6 16l-1.5-.6 1-2.9C3.4 11.6 2 10 2 8c0-2.8 3.6-5 8-5zm0 2C6.7 5 4 6.4 4 8s2.7 3 6 3 6-1.4 6-3-2.7-3-6-3z"],
     ["box", "atlas.tool.box", "M3 4h3v2H5v1H3zm5 0h4v2H8zm6 0h3v3h-2V6h-1zM3 9h2v3H3zm12 0h2v3h-2zM3 14h2v1h1v2H3zm5 1h4v2H8zm7-1h2v3h-3v-2h1z"],
     ["home", "atlas.tool.home", "M10 3l8 7h-2v7h-4v-5H8v5H4v-7H2z"]].forEach(function (tool) {
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "vizkit-tool vizkit-tool-" + tool[0];
      var icon = svg("svg", {viewBox: "0 0 20 20", width: 18, height: 18, "aria-hidden": "true"});
      icon.appendChild(svg("path", {d: tool[2]}));
      btn.appendChild(icon);
      btn.title = t(tool[1]);
      btn.setAttribute("aria-label", t(tool[1]));
      tools.appendChild(btn);
      buttons[tool[0]] = btn;
    });
    /** @param {string} name */
    function setTool(name) {
      mode = name === "pan" ? "panZoom" : "lasso";
      sp.set({mouseMode: mode, lassoType: name === "box" ? "rectangle" : "freeform"});
      ["pan", "lasso", "box"].forEach(function (k) { buttons[k].setAttribute("aria-pressed", String(k === name)); });
    }
    buttons.pan.addEventListener("click", function () { setTool("pan"); });
    buttons.lasso.addEventListener("click", function () { setTool("lasso"); });
    buttons.box.addEventListener("click", function () { setTool("box"); });
    buttons.home.addEventListener("click", function () { if (!dead) sp.reset(); });
    setTool("pan");

    // ------------------------------------------------------------------ events
    var mouse = [0, 0], travel = 0;
    box.addEventListener("pointerdown", function () { travel = 0; }, {capture: true});
    box.addEventListener("pointermove", /** @param {PointerEvent} e */ function (e) {
      travel += Math.abs(e.clientX - mouse[0]) + Math.abs(e.clientY - mouse[1]);
      mouse = [e.clientX, e.clientY];
    });
    // A press that travelled is a drag (a pan, or a lasso closed where it began), never a click on a point:
    // regl-scatterplot judges a click by where the button went down and up only.
    box.addEventListener("click", /** @param {MouseEvent} e */ function (e) { if (travel > 6) e.stopPropagation(); }, {capture: true});
    sp.subscribe("pointOver", /** @param {number} row */ function (row) { ctx.hover(row, mouse[0], mouse[1]); });
    sp.subscribe("pointOut", function () { ctx.unhover(); });
    // A click on a point selects it; a lasso or box selects every point inside it, drawn or not (the drawn ones
    // may be a sample): its polygon, in the points' [-1, 1] square, is tested on all of them here.
    // regl-scatterplot publishes its events asynchronously: a lasso's "select" (of the drawn points) may come
    // after its "lassoEnd", so select events are ignored from the lasso's start to the next press of the mouse.
    var lassoing = false;
    box.addEventListener("pointerdown", function () { lassoing = false; }, {capture: true});
    sp.subscribe("lassoStart", function () { lassoing = true; });
    sp.subscribe("select", /** @param {{points: ArrayLike<number>}} e */ function (e) {
      if (lassoing) return;  // the drawn points' part of a lasso: lassoEnd gives them all
      ctx.selected(Array.from(e.points).sort(function (a, b) { return a - b; }));
    });
    sp.subscribe("lassoEnd", /** @param {{coordinates: number[][]}} e */ function (e) {
      var rows = inPolygon(e.coordinates);
      highlight(rows);  // regl-scatterplot selected the drawn ones already: at most SHOWN_SELECTED stay marked
      ctx.selected(rows);
    });
    sp.subscribe("deselect", function () { if (!lassoing) ctx.selected([]); });
    /** @param {number[][]} poly  vertices in the points' square @returns {number[]} the rows inside, ascending */
    function inPolygon(poly) {
      var out = [];
      if (!poly || poly.length < 3) return out;
      var ax = Infinity, bx = -Infinity, ay = Infinity, by = -Infinity;
      poly.forEach(function (p) { ax = Math.min(ax, p[0]); bx = Math.max(bx, p[0]); ay = Math.min(ay, p[1]); by = Math.max(by, p[1]); });
      for (var i = 0; i < n; i++) {
        var px = nx[i], py = ny[i];
        if (px < ax || px > bx || py < ay || py > by) continue;
        var inside = false;
        for (var a = 0, b = poly.length - 1; a < poly.length; b = a++) {
          if ((poly[a][1] > py) !== (poly[b][1] > py) &&
              px < (poly[b][0] - poly[a][0]) * (py - poly[a][1]) / (poly[b][1] - poly[a][1]) + poly[a][0]) inside = !inside;
        }
        if (inside) out.push(i);
      }
      return out;
    }
    sp.subscribe("view", function () { moving(); schedule(); });
    var resize = function () {
      var r = box.getBoundingClientRect();
      if (!dead && r.width > 0 && r.height > 0) { sp.set({width: r.width, height: r.height}); schedule(); }
    };
    var observer = G.ResizeObserver ? new ResizeObserver(resize) : null;
    if (observer) observer.observe(box);

    return {
      kind: "2d",
      plot: el,
      scatterplot: sp,
      colour: setColour,
      /** @param {boolean} [zoom] */
      marks: function (zoom) {
        if (dead) return Promise.resolve();
        if (zoom && state.rows.length) {
          var r = state.rows[0], hx = 0.08 * (b[0][1] - b[0][0]), hy = 0.08 * (b[1][1] - b[1][0]);
          state.neighbours.forEach(/** @param {any} nb */ function (nb) {
            if (!nb.kept) return;
            hx = Math.max(hx, 1.3 * Math.abs(D.x[nb.row] - D.x[r])); hy = Math.max(hy, 1.3 * Math.abs(D.y[nb.row] - D.y[r]));
          });
          var cx = 2 * (D.x[r] - x0) / wx - 1, cy = 2 * (D.y[r] - y0) / wy - 1, w = 4 * hx / wx, h = 4 * hy / wy;
          return sp.zoomToArea({x: cx - w / 2, y: cy - h / 2, width: w, height: h}, {transition: false}).then(overlay);
        }
        overlay();
        return Promise.resolve();
      },
      labels: overlay,
      labelTexts: function () { return shown.slice(); },
      /** @param {number[]} rows */
      select: function (rows) {
        highlight(rows);
      },
      window: window_,
      toScreen: toScreen,
      fromScreen: fromScreen,
      colouring: function () { return colour; },
      /** how often the map went to its sample while moving, and back to every point at rest */
      lod: function () {
        return {move_points: MOVE_POINTS, rest_points: REST_POINTS, moves: lod.moves, rests: lod.rests, moving: lod.on, drawn: lod.drawn};
      },
      destroy: function () {
        if (dead) return;
        dead = true;
        if (observer) observer.disconnect();
        clearTimeout(lod.timer);
        sp.destroy();
      },
    };
  }

  G.vizkitAtlas2d = {create: create, hasWebGL: hasWebGL};
})(typeof globalThis !== "undefined" ? globalThis : this);
