// @ts-check
// The atlas's 3-D map, drawn by plotly's scatter3d (its gl3d bundle, vendored): drag turns the map, the wheel
// zooms; the query is a diamond, its true neighbours open circles (kept green, torn red), labels are the
// scene's annotations. No lasso in 3-D. atlas.js makes one per page or widget, as it makes atlas-2d.js's map.
(function (root) {
  "use strict";
  /** @type {any} */
  var G = root;
  var core = G.vizkitAtlasCore;

  /**
   * @param {HTMLElement} el
   * @param {any} ctx  {header, D, t, lang, state, Plotly, hover(row, x, y), unhover()}
   */
  function create(el, ctx) {
    var header = ctx.header, D = ctx.D, state = ctx.state, n = header.n, Plotly = ctx.Plotly || G.Plotly;
    if (!Plotly) throw new Error("plotly.js is not on this page");
    var esc = core.esc, short = core.short, colour = /** @type {any} */ (null);
    /** @type {any} */
    var gd = document.createElement("div");
    gd.className = "vizkit-map3d";
    el.appendChild(gd);

    /** @param {any} c */
    function markerFor(c) {
      if (c.count !== undefined) {
        return {color: c.values, colorscale: core.discrete(header.palette, c.count), cmin: -0.5, cmax: c.count - 0.5, showscale: false};
      }
      return {color: c.values, colorscale: "Viridis", cmin: c.cmin, cmax: c.cmax, showscale: true,
              colorbar: {title: {text: esc(c.title)}, thickness: 12, len: 0.6}};
    }
    function annotations() {  // scene annotations: no zoom to read, so the chosen level (auto: the coarsest)
      var out = [];
      state.rows.slice(0, 1).forEach(/** @param {number} r */ function (r) {
        out.push({x: D.x[r], y: D.y[r], z: D.z[r], text: "<b>" + esc(short(D.labels[r], 40)) + "</b>", showarrow: false,
                  yshift: 16, font: {size: 15, color: "#000"}, bgcolor: "rgba(255,255,255,0.85)"});
      });
      state.neighbours.forEach(/** @param {any} nb */ function (nb) {
        out.push({x: D.x[nb.row], y: D.y[nb.row], z: D.z[nb.row], text: esc(short(nb.label, 30)), showarrow: false,
                  yshift: 12, font: {size: 12, color: nb.kept ? "#1b6e1b" : "#b01e1e"}, bgcolor: "rgba(255,255,255,0.75)"});
      });
      var li = state.level === "none" || !header.levels.length ? -1 : state.level === "auto" ? 0 : +state.level;
      if (li >= 0) {
        var lv = header.levels[li];
        lv.labels.forEach(/** @param {string} label @param {number} c */ function (label, c) {
          out.push({x: lv.centres[c][0], y: lv.centres[c][1], z: lv.centres[c][2], text: esc(short(label, 36)),
                    showarrow: false, font: {size: 13, color: "#222"}, bgcolor: "rgba(255,255,255,0.6)"});
        });
      }
      return out;
    }
    /** @param {any} c */
    function setColour(c) {
      colour = c;
      if (!gd._fullLayout) return first(c);
      var mk = markerFor(c);
      /** @type {Record<string, any>} */
      var upd = {};
      Object.keys(mk).forEach(function (key) { upd["marker." + key] = [/** @type {any} */ (mk)[key]]; });
      return Plotly.restyle(gd, upd, [0]);
    }
    /** @param {any} c */
    function first(c) {
      var size = n <= 2000 ? 7 : n <= 20000 ? 4 : n <= 100000 ? 3 : 2;
      /** @type {any} */
      var mk = markerFor(c);
      mk.size = Math.max(1.5, size - 1); mk.opacity = n > 50000 ? 0.6 : 0.8;
      var hidden = {visible: false};
      var data = [
        {type: "scatter3d", mode: "markers", x: D.x, y: D.y, z: D.z, hoverinfo: "none", marker: mk, name: "points"},
        {type: "scatter3d", mode: "markers", x: [], y: [], z: [], hoverinfo: "skip", name: "query",
         marker: {symbol: "diamond", size: 9, color: "#000", line: {width: 1, color: "#fff"}}},
        {type: "scatter3d", mode: "markers", x: [], y: [], z: [], hoverinfo: "skip", name: "true neighbours",
         marker: {symbol: "circle-open", size: 8, color: "#2ca02c", line: {width: 3, color: []}}},
      ];
      var layout = {margin: {l: 0, r: 0, t: 0, b: 0}, hovermode: "closest", showlegend: false,
                    scene: {xaxis: hidden, yaxis: hidden, zaxis: hidden, aspectmode: "data", annotations: annotations()}};
      return Plotly.newPlot(gd, data, layout, {displaylogo: false, responsive: true, scrollZoom: true,
                                               modeBarButtonsToRemove: ["sendDataToCloud"],
                                               locale: ctx.lang === "zh" ? "zh-CN" : "en"}).then(function () {
        gd.on("plotly_hover", /** @param {any} e */ function (e) {
          var p = e.points.filter(/** @param {any} q */ function (q) { return q.curveNumber === 0; })[0];
          var ev = e.event || {clientX: 0, clientY: 0};
          if (p) ctx.hover(p.pointNumber, ev.clientX, ev.clientY);
        });
        gd.on("plotly_unhover", function () { ctx.unhover(); });
        if (G.ResizeObserver) new ResizeObserver(function () { if (gd.offsetWidth) Plotly.Plots.resize(gd); }).observe(gd);
      });
    }
    return {
      kind: "3d",
      plot: gd,
      colour: setColour,
      marks: function () {
        var rows = state.rows, near = state.neighbours;
        /** @param {string} a @returns {number[][]} */
        var at = function (a) {
          return [rows.map(/** @param {number} r */ function (r) { return D[a][r]; }),
                  near.map(/** @param {any} nb */ function (nb) { return D[a][nb.row]; })];
        };
        var lines = near.map(/** @param {any} nb */ function (nb) { return nb.kept ? "#2ca02c" : "#d62728"; });
        return Plotly.update(gd, {x: at("x"), y: at("y"), z: at("z"), "marker.color": ["#000", lines]},
                             {"scene.annotations": annotations()}, [1, 2]);
      },
      labels: function () { return Plotly.relayout(gd, {"scene.annotations": annotations()}); },
      labelTexts: function () {
        return ((gd.layout.scene || {}).annotations || []).map(/** @param {any} a */ function (a) { return a.text; });
      },
      select: function () {},
      window: function () { return null; },
      colouring: function () { return colour; },
      destroy: function () { Plotly.purge(gd); },
    };
  }

  G.vizkitAtlas3d = {create: create};
})(typeof globalThis !== "undefined" ? globalThis : this);
