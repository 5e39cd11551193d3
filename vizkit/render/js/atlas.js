// @ts-check
// vizkit atlas renderer: draws an atlas's decoded blocks with plotly's WebGL scatter and answers search,
// colour, labels and selection from them. Shared by the offline page (vizkit/atlas/page.py) and the JupyterLab
// widget (vizkit/widgets/atlas.py). Nothing is fetched; user text is set with textContent or escaped for
// plotly's annotations. The logic without a browser is in atlas-core.js, the interface's words in i18n.js.
//
//   var api = vizkitAtlas.create(root, header, blocksPromise, {Plotly: Plotly, hash: true, onSelect: fn, onSearch: fn});
//   api.ready.then(...); api.search("king"); api.setColor("distortion"); api.state();
//
// blocksPromise resolves to {name: ArrayBuffer} of the raw (uncompressed) blocks; vizkitAtlas.inlineBlocks
// reads the page's gzip+base64 <script> elements.
(function (root) {
  "use strict";
  /** @type {any} */
  var G = root;
  var core = G.vizkitAtlasCore, i18n = G.vizkitI18n;

  /**
   * The page's data blocks: gzip + base64 in ``<script type="application/octet-stream" data-block=name>``.
   * @param {Element} container
   * @returns {Promise<Record<string, ArrayBuffer>>}
   */
  function inlineBlocks(container) {
    /** @param {string} text */
    function base64(text) {
      if (/** @type {any} */ (Uint8Array).fromBase64) return /** @type {any} */ (Uint8Array).fromBase64(text);
      var bin = atob(text), out = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
      return out;
    }
    var els = /** @type {HTMLElement[]} */ (Array.from(container.querySelectorAll('script[type="application/octet-stream"][data-block]')));
    return Promise.all(els.map(function (el) {
      var stream = new Blob([base64((el.textContent || "").trim())]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).arrayBuffer();
    })).then(function (bufs) {
      /** @type {Record<string, ArrayBuffer>} */
      var out = {};
      els.forEach(function (el, i) { out[el.dataset.block || ""] = bufs[i]; });
      return out;
    });
  }

  /** @param {(key: string, vars?: any) => string} t */
  function frame(t) {
    return '<header class="vizkit-bar"><h1 class="vizkit-title"></h1>' +
      '<form class="vizkit-search-form" autocomplete="off"><input class="vizkit-search" type="search"><button type="submit" ' +
      'class="vizkit-find"></button></form>' +
      '<label><span class="vizkit-color-label"></span> <select class="vizkit-color"></select></label>' +
      '<label><span class="vizkit-level-label"></span> <select class="vizkit-level"></select></label></header>' +
      '<div class="vizkit-main"><div class="vizkit-plot"></div><aside class="vizkit-side">' +
      '<p class="vizkit-status" role="status"></p><ol class="vizkit-neighbours"></ol>' +
      '<div class="vizkit-legend"></div><div class="vizkit-selection" hidden><p class="vizkit-selection-count"></p>' +
      '<button class="vizkit-download" type="button"></button> <button class="vizkit-clear" type="button"></button></div>' +
      '<p class="vizkit-help"></p></aside></div><div class="vizkit-tooltip" hidden></div>';
  }

  /**
   * Draw the atlas in ``rootEl``.
   * @param {HTMLElement} rootEl
   * @param {any} header  the page's JSON header (format, sizes, levels, columns, messages)
   * @param {Promise<Record<string, ArrayBuffer | ArrayBufferView>>} blocksPromise
   * @param {{Plotly?: any, hash?: boolean, onSelect?: (rows: number[]) => void, onSearch?: (query: string) => void}} [opts]
   */
  function create(rootEl, header, blocksPromise, opts) {
    opts = opts || {};
    var o = opts, Plotly = opts.Plotly || G.Plotly;
    var t = i18n.translator(header.messages || {}), lang = header.lang || "en";
    /** @param {number} v */
    var num = function (v) { return i18n.number(v, lang); };
    rootEl.classList.add("vizkit-atlas");
    rootEl.setAttribute("data-lm-suppress-shortcuts", "true");  // JupyterLab: keys typed here are not notebook commands
    rootEl.setAttribute("lang", lang === "zh" ? "zh-CN" : "en");
    rootEl.innerHTML = frame(t);
    /** @type {any} */
    var gd = rootEl.querySelector(".vizkit-plot");
    /** @param {string} name @returns {any} */
    var $ = function (name) { return rootEl.querySelector(".vizkit-" + name); };
    $("title").textContent = header.title;
    $("search").placeholder = t("atlas.search.placeholder");
    $("search").setAttribute("aria-label", t("atlas.search.label"));
    $("find").textContent = t("atlas.search.button");
    $("color-label").textContent = t("atlas.color.label");
    $("color").setAttribute("aria-label", t("atlas.color.aria"));
    $("level-label").textContent = t("atlas.level.label");
    $("level").setAttribute("aria-label", t("atlas.level.aria"));
    $("download").textContent = t("atlas.selection.download");
    $("clear").textContent = t("atlas.selection.clear");
    $("help").textContent = t(header.dims === 3 ? "atlas.help.3d" : "atlas.help.2d");
    $("status").textContent = t("atlas.status.loading");
    var n = header.n, k = header.k, t0 = performance.now(), is3d = header.dims === 3;
    /** @type {any} */
    var D = {};
    var state = {query: /** @type {?string} */ (null), rows: /** @type {number[]} */ ([]),
                 neighbours: /** @type {any[]} */ ([]), color: header.color, level: "auto",
                 selected: /** @type {number[]} */ ([]), searchMs: /** @type {?number} */ (null),
                 drawMs: /** @type {?number} */ (null), loadMs: /** @type {?number} */ (null)};
    var esc = core.esc, short = core.short;

    /** @param {string} tag @param {string} [text] @param {string} [cls] */
    function el(tag, text, cls) {
      var e = document.createElement(tag);
      if (text !== undefined) e.textContent = text;
      if (cls) e.className = cls;
      return e;
    }
    /** @param {string} text */
    function setStatus(text) { $("status").textContent = text; }

    // ---------------------------------------------------------------- colours
    /** @param {any} colour */
    function markerFor(colour) {
      if (colour.count !== undefined) {
        return {color: colour.values, colorscale: core.discrete(header.palette, colour.count), cmin: -0.5,
                cmax: colour.count - 0.5, showscale: false};
      }
      return {color: colour.values, colorscale: "Viridis", cmin: colour.cmin, cmax: colour.cmax, showscale: true,
              colorbar: {title: {text: esc(colour.title)}, thickness: 12, len: 0.6}};
    }
    /** @param {any} colour */
    function drawLegend(colour) {
      var box = $("legend");
      box.textContent = "";
      if (colour.count === undefined) return;
      var order = colour.names.map(/** @param {any} _ @param {number} c */ function (_, c) { return c; })
        .sort(/** @param {number} a @param {number} b */ function (a, b) { return colour.sizes[b] - colour.sizes[a] || a - b; });
      order.slice(0, 30).forEach(/** @param {number} c */ function (c) {
        var row = el("div"), sw = el("span", undefined, "vizkit-swatch");
        sw.style.background = header.palette[c % header.palette.length];
        row.appendChild(sw);
        row.appendChild(el("span", colour.names[c] + " (" + num(colour.sizes[c]) + ")"));
        box.appendChild(row);
      });
      if (order.length > 30) box.appendChild(el("div", t("atlas.legend.more", {n: num(order.length - 30)})));
    }
    /** @param {string} name */
    async function setColor(name) {
      state.color = name;
      $("color").value = name;
      var colour = core.colouring(header, D, name, t), mk = markerFor(colour);
      /** @type {Record<string, any>} */
      var upd = {};
      Object.keys(mk).forEach(function (key) { upd["marker." + key] = [/** @type {any} */ (mk)[key]]; });
      await Plotly.restyle(gd, upd, [0]);
      drawLegend(colour);
    }

    // ---------------------------------------------------------------- labels by zoom
    /** @param {?{x: number[], y: number[]}} [ranges] */
    function view(ranges) {
      var xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
      return {x: (ranges ? ranges.x : xa.range).slice(), y: (ranges ? ranges.y : ya.range).slice(), w: xa._length, h: ya._length};
    }
    function annotations3d() {  // scene annotations: no zoom to read, so the chosen level (auto: the coarsest)
      var out = [];
      state.rows.slice(0, 1).forEach(function (r) {
        out.push({x: D.x[r], y: D.y[r], z: D.z[r], text: "<b>" + esc(short(D.labels[r], 40)) + "</b>", showarrow: false,
                  yshift: 16, font: {size: 15, color: "#000"}, bgcolor: "rgba(255,255,255,0.85)"});
      });
      state.neighbours.forEach(function (nb) {
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
    /** @param {?{x: number[], y: number[]}} [ranges] */
    function annotations(ranges) {
      var v = view(ranges), out = [], placer = core.labelPlacer(v);
      // the query and its neighbours first: they must always show
      state.rows.slice(0, 1).forEach(function (r) {
        var p = placer.px(D.x[r], D.y[r]);
        placer.reserve([p[0] - 40, p[1] - 30, p[0] + 40, p[1] - 8]);
        out.push({x: D.x[r], y: D.y[r], text: "<b>" + esc(short(D.labels[r], 40)) + "</b>", showarrow: false, yshift: 16,
                  font: {size: 15, color: "#000"}, bgcolor: "rgba(255,255,255,0.85)"});
      });
      state.neighbours.forEach(function (nb) {
        var p = placer.px(D.x[nb.row], D.y[nb.row]), text = short(nb.label, 30);
        placer.place([p[0], p[1] - 12], text, 12);
        out.push({x: D.x[nb.row], y: D.y[nb.row], text: esc(text), showarrow: false, yshift: 12,
                  font: {size: 12, color: nb.kept ? "#1b6e1b" : "#b01e1e"}, bgcolor: "rgba(255,255,255,0.75)"});
      });
      var level = core.chooseLevel(header.levels, v, state.level);
      if (level >= 0) {
        core.clusterLabels(header.levels[level], placer).forEach(/** @param {any} a */ function (a) {
          out.push({x: a.x, y: a.y, text: esc(a.text), showarrow: false, font: {size: 13, color: "#222"},
                    bgcolor: "rgba(255,255,255,0.6)", name: "cluster"});
        });
      }
      return out;
    }
    function redrawLabels() {
      return is3d ? Plotly.relayout(gd, {"scene.annotations": annotations3d()}) : Plotly.relayout(gd, {annotations: annotations()});
    }

    // ---------------------------------------------------------------- search
    /** @param {string} text @param {string[]} options */
    function showSuggestions(text, options) {
      var status = $("status");
      status.textContent = t("atlas.search.none", {text: short(text, 60)}) + (options.length ? " " + t("atlas.search.closest") + " " : "");
      options.forEach(function (opt) {
        var a = el("span", opt, "vizkit-suggestion");
        a.addEventListener("click", function () { $("search").value = opt; search(opt); });
        status.appendChild(a);
      });
    }
    /** @param {string} text */
    async function search(text) {
      var started = performance.now();
      text = String(text).trim();
      var list = $("neighbours");
      list.textContent = "";
      if (!text) { state.query = null; state.rows = []; state.neighbours = []; await drawQuery(); setStatus(""); return null; }
      var rows = core.lookup(D, text);
      if (!rows) {
        var options = core.suggest(D, text);
        showSuggestions(text, options);
        state.query = null; state.rows = []; state.neighbours = [];
        await drawQuery();
        state.searchMs = performance.now() - started;
        return {found: false, suggestions: options};
      }
      var r = rows[0];
      state.query = D.labels[r]; state.rows = rows; state.drawMs = null;
      state.neighbours = core.neighbours(header, D, r);
      var kept = state.neighbours.filter(function (nb) { return nb.kept; }).length;
      setStatus((rows.length > 1 ? t("atlas.search.found.repeated", {query: state.query, row: r, count: rows.length})
                 : state.query) + t("atlas.search.found", {k: k, kept: kept}));
      state.neighbours.forEach(function (nb) {
        var li = el("li");
        li.appendChild(el("span", nb.label, "vizkit-label"));
        li.appendChild(el("span", nb.cosine.toFixed(2), "vizkit-cos"));
        li.appendChild(el("span", t(nb.kept ? "atlas.kept" : "atlas.torn"), nb.kept ? "vizkit-kept" : "vizkit-torn"));
        li.title = t(nb.kept ? "atlas.kept.title" : "atlas.torn.title", {cos: nb.cosine.toFixed(3)});
        li.addEventListener("click", function () { $("search").value = nb.label; search(nb.label); });
        list.appendChild(li);
      });
      if (o.hash) history.replaceState(null, "", "#search=" + encodeURIComponent(state.query || ""));
      if (o.onSearch) o.onSearch(state.query || "");
      state.searchMs = performance.now() - started;  // the answer: found, neighbours listed
      await drawQuery(true);
      state.drawMs = performance.now() - started;  // and the map zoomed and highlighted
      return {found: true, query: state.query, neighbours: state.neighbours};
    }
    /** @param {boolean} [zoom] */
    async function drawQuery(zoom) {
      var qx = state.rows.map(function (r) { return D.x[r]; }), qy = state.rows.map(function (r) { return D.y[r]; });
      var nx = state.neighbours.map(function (nb) { return D.x[nb.row]; });
      var ny = state.neighbours.map(function (nb) { return D.y[nb.row]; });
      var lines = state.neighbours.map(function (nb) { return nb.kept ? "#2ca02c" : "#d62728"; });
      if (is3d) {
        var qz = state.rows.map(function (r) { return D.z[r]; }), nz = state.neighbours.map(function (nb) { return D.z[nb.row]; });
        return Plotly.update(gd, {x: [qx, nx], y: [qy, ny], z: [qz, nz], "marker.color": ["#000", lines]},
                             {"scene.annotations": annotations3d()}, [1, 2]);
      }
      /** @type {Record<string, any>} */
      var layout = {};
      var ranges = null;
      if (zoom && state.rows.length) {
        var b = header.bounds, r = state.rows[0], hx = 0.08 * (b[0][1] - b[0][0]), hy = 0.08 * (b[1][1] - b[1][0]);
        state.neighbours.forEach(function (nb) {
          if (!nb.kept) return;
          hx = Math.max(hx, 1.3 * Math.abs(D.x[nb.row] - D.x[r])); hy = Math.max(hy, 1.3 * Math.abs(D.y[nb.row] - D.y[r]));
        });
        ranges = {x: [D.x[r] - hx, D.x[r] + hx], y: [D.y[r] - hy, D.y[r] + hy]};
        layout = {"xaxis.range": ranges.x, "yaxis.range": ranges.y};
      }
      layout.annotations = annotations(ranges);
      await Plotly.update(gd, {x: [qx, nx], y: [qy, ny], "marker.line.color": ["#fff", lines]}, layout, [1, 2]);
    }

    // ---------------------------------------------------------------- selection
    /** @param {any} e */
    function onSelected(e) {
      var rows = e && e.points ? e.points.filter(/** @param {any} p */ function (p) { return p.curveNumber === 0; })
        .map(/** @param {any} p */ function (p) { return p.pointIndex; }).sort(/** @param {number} a @param {number} b */ function (a, b) { return a - b; }) : [];
      state.selected = rows;
      if (o.onSelect) o.onSelect(rows);
      $("selection").hidden = rows.length === 0;
      $("selection-count").textContent = t(rows.length === 1 ? "atlas.selection.one" : "atlas.selection.many", {n: num(rows.length)});
    }
    function download() {
      var blob = new Blob([core.selectionCSV(header, D, state.selected)], {type: "text/csv;charset=utf-8"});
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "atlas-selection.csv";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }

    // ---------------------------------------------------------------- hover
    /** @param {any} e */
    function onHover(e) {
      var p = e.points.filter(/** @param {any} q */ function (q) { return q.curveNumber === 0; })[0];
      if (!p) return;
      var r = p.pointIndex !== undefined ? p.pointIndex : p.pointNumber, tip = $("tooltip");
      tip.textContent = "";
      tip.appendChild(el("b", short(D.labels[r], 300)));
      if (header.levels.length) {
        var li = is3d ? 0 : Math.max(0, core.chooseLevel(header.levels, view(), state.level));
        tip.appendChild(el("span", t("atlas.hover.cluster", {name: header.levels[li].labels[D.levels[li][r]]})));
      }
      tip.appendChild(el("span", t("atlas.hover.kept", {kept: Math.round(D.keep[r] * k), k: k})));
      header.columns.forEach(/** @param {any} col @param {number} j */ function (col, j) {
        var v = D.columns[j][r];
        tip.appendChild(el("span", col.name + ": " + short(col.kind === "category" ? col.categories[v] : col.kind === "number" ? +v.toPrecision(6) : v, 200)));
      });
      tip.hidden = false;
      var ev = e.event || {clientX: 0, clientY: 0};
      tip.style.left = Math.min(ev.clientX + 14, window.innerWidth - 370) + "px";
      tip.style.top = (ev.clientY + 14) + "px";
    }

    // ---------------------------------------------------------------- page
    function fillMenus() {
      var menu = $("color");
      header.levels.forEach(/** @param {any} lv @param {number} i */ function (lv, i) {
        menu.appendChild(new Option(t("atlas.color.clusters", {k: lv.k}), "cluster:" + i));
      });
      menu.appendChild(new Option(t("atlas.color.distortion"), "distortion"));
      header.columns.forEach(/** @param {any} col */ function (col) { if (col.kind !== "text") menu.appendChild(new Option(col.name, col.name)); });
      var lvl = $("level");
      lvl.appendChild(new Option(t("atlas.level.auto"), "auto"));
      header.levels.forEach(/** @param {any} lv @param {number} i */ function (lv, i) { lvl.appendChild(new Option(t("atlas.level.k", {k: lv.k}), String(i))); });
      lvl.appendChild(new Option(t("atlas.level.none"), "none"));
      if (state.color === "cluster") state.color = header.levels.length ? "cluster:0" : "distortion";
    }

    async function start() {
      D = core.decode(header, await blocksPromise);
      fillMenus();
      var size = n <= 2000 ? 7 : n <= 20000 ? 4 : n <= 100000 ? 3 : 2;
      var colour = core.colouring(header, D, state.color, t);
      /** @type {any} */
      var mk = markerFor(colour);
      mk.size = size; mk.opacity = n > 50000 ? 0.6 : 0.8;
      var axes = header.axes;
      /** @type {any} */
      var layout = {
        margin: {l: axes[1] ? 60 : 20, r: 20, t: 10, b: axes[0] ? 50 : 20}, hovermode: "closest", dragmode: "zoom",
        showlegend: false, plot_bgcolor: "#fff",
        xaxis: {showgrid: false, zeroline: !!axes[0], showticklabels: !!axes[0], title: {text: esc(axes[0])}},
        yaxis: {showgrid: false, zeroline: !!axes[1], showticklabels: !!axes[1], title: {text: esc(axes[1])}},
      };
      /** @type {any[]} */
      var data = [
        {type: "scattergl", mode: "markers", x: D.x, y: D.y, hoverinfo: "none", marker: mk, name: "points"},
        {type: "scattergl", mode: "markers", x: [], y: [], hoverinfo: "skip", name: "query",
         marker: {symbol: "star", size: 20, color: "#000", line: {width: 1, color: "#fff"}}},
        {type: "scattergl", mode: "markers", x: [], y: [], hoverinfo: "skip", name: "true neighbours",
         marker: {size: Math.max(12, size + 8), color: "rgba(0,0,0,0)", line: {width: 2.5, color: []}}},
      ];
      if (is3d) {  // plotly's WebGL 3-D scatter: drag turns the map; no lasso in 3-D
        data[0].z = D.z;
        data[1].marker = {symbol: "diamond", size: 9, color: "#000", line: {width: 1, color: "#fff"}};
        data[2].marker = {symbol: "circle-open", size: 8, color: "#2ca02c", line: {width: 3, color: []}};
        data.forEach(function (trace, i) { trace.type = "scatter3d"; if (i) trace.z = []; });
        mk.size = Math.max(1.5, size - 1);
        var hidden = {visible: false};
        layout.scene = {xaxis: hidden, yaxis: hidden, zaxis: hidden, aspectmode: "data", annotations: []};
        layout.margin = {l: 0, r: 0, t: 0, b: 0};
      }
      await Plotly.newPlot(gd, data, layout, {displaylogo: false, responsive: true, scrollZoom: true,
                                               modeBarButtonsToRemove: ["sendDataToCloud"], locale: lang === "zh" ? "zh-CN" : "en"});
      drawLegend(colour);
      $("color").value = state.color;
      await redrawLabels();
      gd.on("plotly_relayout", /** @param {any} e */ function (e) {
        if (Object.keys(e).some(function (key) { return /^(xaxis|yaxis|autosize)/.test(key); })) redrawLabels();
      });
      if (G.ResizeObserver) {  // a widget may be drawn before it is laid out: fit the plot to its box
        new ResizeObserver(function () { if (gd.offsetWidth) Plotly.Plots.resize(gd); }).observe(gd);
      }
      gd.on("plotly_selected", onSelected);
      gd.on("plotly_deselect", function () { onSelected(null); });
      gd.on("plotly_hover", onHover);
      gd.on("plotly_unhover", function () { $("tooltip").hidden = true; });
      $("search-form").addEventListener("submit", /** @param {Event} e */ function (e) { e.preventDefault(); search($("search").value); });
      $("search").addEventListener("keydown", /** @param {KeyboardEvent} e */ function (e) {  // Enter searches even where a host (JupyterLab) eats the submit
        if (e.key !== "Enter") return;
        e.preventDefault(); e.stopPropagation();
        search($("search").value);
      });
      $("color").addEventListener("change", /** @param {any} e */ function (e) { setColor(e.target.value); });
      $("level").addEventListener("change", /** @param {any} e */ function (e) { state.level = e.target.value; redrawLabels(); });
      $("download").addEventListener("click", download);
      $("clear").addEventListener("click", function () {
        Plotly.restyle(gd, {selectedpoints: [null]}, [0]); onSelected(null);
      });
      state.loadMs = performance.now() - t0;
      setStatus(t("atlas.status.ready", {n: num(n)}));
      var hash = o.hash && /^#search=(.*)$/.exec(location.hash);
      var first = hash ? decodeURIComponent(hash[1]) : header.query;
      if (first) { $("search").value = first; await search(first); }
    }

    /** @param {Iterable<number>} rows  from Python: highlight these rows as a lasso would */
    function select(rows) {
      var sel = Array.from(rows).sort(function (a, b) { return a - b; });
      return Plotly.restyle(gd, {selectedpoints: [sel.length ? sel : null]}, [0]).then(function () {
        onSelected(sel.length ? {points: sel.map(function (r) { return {curveNumber: 0, pointIndex: r}; })} : null);
      });
    }

    var ready = start().catch(function (err) {
      setStatus(t("atlas.status.failed", {error: String(err)}));
      throw err;
    });
    return {
      ready: ready, header: header, search: search, setColor: setColor, select: select, plot: gd,
      /** @param {string | number} level */
      setLevel: function (level) { state.level = String(level); $("level").value = state.level; return redrawLabels(); },
      selectionCSV: function () { return core.selectionCSV(header, D, state.selected); },
      state: function () {
        return {query: state.query, rows: state.rows.slice(), neighbours: state.neighbours.slice(), color: state.color,
                level: state.level, selected: state.selected.slice(), searchMs: state.searchMs, drawMs: state.drawMs, loadMs: state.loadMs,
                labels: (gd.layout.annotations || []).map(/** @param {any} a */ function (a) { return a.text; })};
      },
    };
  }

  G.vizkitAtlas = {create: create, inlineBlocks: inlineBlocks};
})(typeof globalThis !== "undefined" ? globalThis : this);
