// @ts-check
// vizkit atlas: the page around the map (search, colour and label menus, true neighbours, legend, hover,
// selection to CSV) over an atlas's decoded blocks. The map itself is atlas-2d.js's (regl-scatterplot) or, for
// a 3-D atlas, atlas-3d.js's (plotly's scatter3d); both answer the same calls (colour, marks, labels, select).
// Shared by the offline page (vizkit/atlas/page.py) and the JupyterLab widget (vizkit/widgets/atlas.py).
// Nothing is fetched; user text is set with textContent (or escaped for plotly's 3-D annotations). The logic
// without a browser is in atlas-core.js, the interface's words in i18n.js.
//
//   var api = vizkitAtlas.create(root, header, blocksPromise, {hash: true, onSelect: fn, onSearch: fn});
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
   * The page's data blocks: gzip, then base-122 text (atlas-core.js base122) in
   * ``<script type="application/octet-stream" data-block=name data-bytes=gzip-bytes>``.
   * @param {Element} container
   * @returns {Promise<Record<string, ArrayBuffer>>}
   */
  function inlineBlocks(container) {
    var els = /** @type {HTMLElement[]} */ (Array.from(container.querySelectorAll('script[type="application/octet-stream"][data-block]')));
    return Promise.all(els.map(function (el) {
      var packed = core.base122(el.textContent || "", +(el.dataset.bytes || 0));
      var stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream("gzip"));
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
   * @param {{Plotly?: any, createScatterplot?: any, hash?: boolean, onSelect?: (rows: number[]) => void,
   *          onSearch?: (query: string) => void}} [opts]  Plotly (3-D) and createScatterplot (2-D): default the page's globals
   */
  function create(rootEl, header, blocksPromise, opts) {
    opts = opts || {};
    var o = opts;
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
    var short = core.short;
    /** @type {any} */
    var view = null;  // atlas-2d.js's map, or atlas-3d.js's

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
      var colour = core.colouring(header, D, name, t);
      await view.colour(colour);
      drawLegend(colour);
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
    function drawQuery(zoom) { return view.marks(zoom); }

    // ---------------------------------------------------------------- selection
    /** @param {number[]} rows  sorted */
    function onSelected(rows) {
      state.selected = rows;
      if (o.onSelect) o.onSelect(rows);
      $("selection").hidden = rows.length === 0;
      $("selection-count").textContent = t(rows.length === 1 ? "atlas.selection.one" : "atlas.selection.many", {n: num(rows.length)});
    }
    /** The selection as a CSV file, written part by part (50,000 rows each) so a million rows never freeze the page. */
    async function download() {
      var rows = state.selected.slice(), parts = [], step = 50000, button = $("download");
      button.disabled = true;
      try {
        for (var i = 0; i < rows.length || i === 0; i += step) {
          parts.push(core.selectionCSV(header, D, rows, i, i + step));
          if (rows.length > step) {
            button.textContent = t("atlas.selection.preparing", {percent: Math.round(100 * Math.min(rows.length, i + step) / rows.length)});
            await new Promise(function (done) { setTimeout(done, 0); });  // let the page breathe between parts
          }
        }
      } finally {
        button.disabled = false;
        button.textContent = t("atlas.selection.download");
      }
      var blob = new Blob(parts, {type: "text/csv;charset=utf-8"});
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "atlas-selection.csv";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }

    // ---------------------------------------------------------------- hover
    /** @param {number} r @param {number} x @param {number} y  the row under the mouse, at the mouse's place */
    function onHover(r, x, y) {
      var tip = $("tooltip");
      tip.textContent = "";
      tip.appendChild(el("b", short(D.labels[r], 300)));
      if (header.levels.length) {
        var v = view.window(), li = v ? Math.max(0, core.chooseLevel(header.levels, v, state.level)) : 0;
        tip.appendChild(el("span", t("atlas.hover.cluster", {name: header.levels[li].labels[D.levels[li].at(r)]})));
      }
      tip.appendChild(el("span", t("atlas.hover.kept", {kept: Math.round(D.keep[r] * k), k: k})));
      header.columns.forEach(/** @param {any} col @param {number} j */ function (col, j) {
        var v = D.columns[j][r];
        tip.appendChild(el("span", col.name + ": " + short(col.kind === "category" ? col.categories[v] : col.kind === "number" ? +v.toPrecision(6) : v, 200)));
      });
      tip.hidden = false;
      tip.style.left = Math.min(x + 14, window.innerWidth - 370) + "px";
      tip.style.top = (y + 14) + "px";
    }

    // ---------------------------------------------------------------- page
    /** No WebGL (turned off, a remote desktop, an old driver): say so where the map would be; search, the true
     * neighbours and the legend still answer. */
    function withoutWebGL() {
      var note = el("p", t("atlas.webgl.missing"), "vizkit-nowebgl");
      note.setAttribute("role", "alert");
      gd.appendChild(note);
      var nothing = function () { return Promise.resolve(); };
      /** @type {any} */
      var colour = null;
      return {kind: "none", plot: gd, colour: /** @param {any} c */ function (c) { colour = c; return nothing(); },
              marks: nothing, labels: nothing, labelTexts: function () { return []; }, select: nothing,
              window: function () { return null; }, colouring: function () { return colour; }, destroy: nothing};
    }
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
      var ctx = {header: header, D: D, t: t, lang: lang, state: state, Plotly: o.Plotly, createScatterplot: o.createScatterplot,
                 hover: onHover, unhover: function () { $("tooltip").hidden = true; }, selected: onSelected};
      view = G.vizkitAtlas2d.hasWebGL() ? (is3d ? G.vizkitAtlas3d : G.vizkitAtlas2d).create(gd, ctx) : withoutWebGL();
      await setColor(state.color);
      $("search-form").addEventListener("submit", /** @param {Event} e */ function (e) { e.preventDefault(); search($("search").value); });
      $("search").addEventListener("keydown", /** @param {KeyboardEvent} e */ function (e) {  // Enter searches even where a host (JupyterLab) eats the submit
        if (e.key !== "Enter") return;
        e.preventDefault(); e.stopPropagation();
        search($("search").value);
      });
      $("color").addEventListener("change", /** @param {any} e */ function (e) { setColor(e.target.value); });
      $("level").addEventListener("change", /** @param {any} e */ function (e) { state.level = e.target.value; view.labels(); });
      $("download").addEventListener("click", download);
      $("clear").addEventListener("click", function () { view.select([]); onSelected([]); });
      state.loadMs = performance.now() - t0;
      setStatus(t("atlas.status.ready", {n: num(n)}));
      var hash = o.hash && /^#search=(.*)$/.exec(location.hash);
      var first = hash ? decodeURIComponent(hash[1]) : header.query;
      if (first) { $("search").value = first; await search(first); }
    }

    /** @param {Iterable<number>} rows  from Python: highlight these rows as a lasso would */
    function select(rows) {
      var sel = Array.from(rows).sort(function (a, b) { return a - b; });
      view.select(sel);
      onSelected(sel);
      return Promise.resolve();
    }

    var ready = start().catch(function (err) {
      setStatus(t("atlas.status.failed", {error: String(err)}));
      throw err;
    });
    return {
      ready: ready, header: header, search: search, setColor: setColor, select: select,
      get plot() { return view ? view.plot : gd; },
      get view() { return view; },
      /** @param {string | number} level */
      setLevel: function (level) { state.level = String(level); $("level").value = state.level; return view.labels(); },
      /** the current colouring: {values, count, names, sizes} or {values, cmin, cmax, title} */
      colouring: function () { return view.colouring(); },
      destroy: function () { if (view) view.destroy(); },
      selectionCSV: function () { return core.selectionCSV(header, D, state.selected); },
      state: function () {
        return {query: state.query, rows: state.rows.slice(), neighbours: state.neighbours.slice(), color: state.color,
                level: state.level, selected: state.selected.slice(), searchMs: state.searchMs, drawMs: state.drawMs, loadMs: state.loadMs,
                labels: view ? view.labelTexts() : [], window: view ? view.window() : null};
      },
    };
  }

  G.vizkitAtlas = {create: create, inlineBlocks: inlineBlocks};
})(typeof globalThis !== "undefined" ? globalThis : this);
