// vizkit atlas renderer: draws an atlas's decoded blocks with plotly's WebGL scatter and answers search,
// colour, labels and selection from them. Shared by the offline page (vizkit/atlas/page.py) and the JupyterLab
// widget (vizkit/widgets/atlas.py). Nothing is fetched; user text is set with textContent or escaped for
// plotly's annotations.
//
//   var api = vizkitAtlas.create(root, header, blocksPromise, {Plotly: Plotly, hash: true, onSelect: fn, onSearch: fn});
//   api.ready.then(...); api.search("king"); api.setColor("distortion"); api.state();
//
// blocksPromise resolves to {name: ArrayBuffer} of the raw (uncompressed) blocks; vizkitAtlas.inlineBlocks
// reads the page's gzip+base64 <script> elements.
var vizkitAtlas = (function () {
  "use strict";
  var UI = '<header class="vizkit-bar"><h1 class="vizkit-title"></h1>' +
    '<form class="vizkit-search-form" autocomplete="off"><input class="vizkit-search" type="search" ' +
    'placeholder="Search a word or label, then Enter" aria-label="search"><button type="submit">Find</button></form>' +
    '<label>Colour <select class="vizkit-color" aria-label="colour by"></select></label>' +
    '<label>Labels <select class="vizkit-level" aria-label="cluster labels"></select></label></header>' +
    '<div class="vizkit-main"><div class="vizkit-plot"></div><aside class="vizkit-side">' +
    '<p class="vizkit-status" role="status">Loading the map...</p><ol class="vizkit-neighbours"></ol>' +
    '<div class="vizkit-legend"></div><div class="vizkit-selection" hidden><p class="vizkit-selection-count"></p>' +
    '<button class="vizkit-download" type="button">Download CSV</button> ' +
    '<button class="vizkit-clear" type="button">Clear</button></div>' +
    '<p class="vizkit-help">Drag to zoom, double-click to zoom out. Lasso or box (toolbar, top right) selects ' +
    'points to download. Colour "distortion": yellow where the map keeps a point\'s true neighbours near it, ' +
    'dark where it tears them apart.</p></aside></div><div class="vizkit-tooltip" hidden></div>';

  function inlineBlocks(container) {
    function base64(text) {
      if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text);
      var bin = atob(text), out = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
      return out;
    }
    var els = container.querySelectorAll('script[type="application/octet-stream"][data-block]');
    return Promise.all(Array.prototype.map.call(els, function (el) {
      var stream = new Blob([base64(el.textContent.trim())]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).arrayBuffer();
    })).then(function (bufs) {
      var out = {};
      Array.prototype.forEach.call(els, function (el, i) { out[el.dataset.block] = bufs[i]; });
      return out;
    });
  }

  function create(root, header, blocksPromise, opts) {
    opts = opts || {};
    var Plotly = opts.Plotly || window.Plotly;
    root.classList.add("vizkit-atlas");
    root.setAttribute("data-lm-suppress-shortcuts", "true");  // JupyterLab: keys typed here are not notebook commands
    root.innerHTML = UI;
    var gd = root.querySelector(".vizkit-plot");
    var $ = function (name) { return root.querySelector(".vizkit-" + name); };
    $("title").textContent = header.title;
    var n = header.n, k = header.k, t0 = performance.now(), is3d = header.dims === 3;
    var D = {};  // decoded data
    var state = {query: null, rows: [], neighbours: [], color: header.color, level: "auto", selected: [],
                 searchMs: null, drawMs: null, loadMs: null};

    // ---------------------------------------------------------------- decoding
    var TYPES = {uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, float32: Float32Array};
    var utf8 = new TextDecoder("utf-8");
    function strings(buf) { return JSON.parse(utf8.decode(buf)); }
    function bytes(buf) { return buf instanceof ArrayBuffer ? buf : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength); }

    async function decode() {
      var given = await blocksPromise, got = {};
      Object.keys(given).forEach(function (name) { got[name] = bytes(given[name]); });
      var q = new Uint16Array(got.coords), b = header.bounds;
      D.x = new Float32Array(n); D.y = new Float32Array(n);
      var sx = (b[0][1] - b[0][0]) / 65535, sy = (b[1][1] - b[1][0]) / 65535;
      for (var i = 0; i < n; i++) { D.x[i] = b[0][0] + q[i] * sx; D.y[i] = b[1][0] + q[n + i] * sy; }
      if (is3d) {
        D.z = new Float32Array(n);
        var sz = (b[2][1] - b[2][0]) / 65535;
        for (i = 0; i < n; i++) D.z[i] = b[2][0] + q[2 * n + i] * sz;
      }
      D.labels = strings(got.labels);
      var raw = new Uint8Array(got.nbr_rows), w = header.neighbours.width;
      D.nbr = new Uint32Array(n * k);
      for (var r = 0, o = 0; r < n * k; r++, o += w) {
        D.nbr[r] = raw[o] | (raw[o + 1] << 8) | (raw[o + 2] << 16) | (w === 4 ? raw[o + 3] * 16777216 : 0);
      }
      D.cos = new Uint8Array(got.nbr_cos);
      D.kept = new Uint8Array(got.nbr_kept);
      D.keep = new Float32Array(n);  // share of each point's k true neighbours kept near on the map
      var kb = header.neighbours.kept_bytes;
      for (i = 0; i < n; i++) {
        var c = 0;
        for (var j = 0; j < k; j++) c += (D.kept[i * kb + (j >> 3)] >> (j & 7)) & 1;
        D.keep[i] = c / k;
      }
      D.levels = header.levels.map(function (lv, i) { return new TYPES[lv.dtype](got["level" + i]); });
      D.columns = header.columns.map(function (col, j) {
        return col.kind === "text" ? strings(got["column" + j]) : new TYPES[col.dtype](got["column" + j]);
      });
      D.index = new Map();
      for (i = 0; i < n; i++) {
        var l = D.labels[i], had = D.index.get(l);
        if (had === undefined) D.index.set(l, i);
        else if (typeof had === "number") D.index.set(l, [had, i]);
        else had.push(i);
      }
    }

    function cosine(i, j) {
      var r = header.neighbours.cos_range;
      return r[0] + D.cos[i * k + j] / 255 * (r[1] - r[0]);
    }
    function isKept(i, j) { return (D.kept[i * header.neighbours.kept_bytes + (j >> 3)] >> (j & 7)) & 1; }
    function esc(s) { return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
    function short(s, m) { s = String(s); return s.length > m ? s.slice(0, m - 1) + "\u2026" : s; }
    function el(tag, text, cls) {
      var e = document.createElement(tag);
      if (text !== undefined) e.textContent = text;
      if (cls) e.className = cls;
      return e;
    }
    function setStatus(text) { $("status").textContent = text; }

    // ---------------------------------------------------------------- colours
    function discrete(count) {
      var pal = header.palette, scale = [];
      if (count <= 1) return [[0, pal[0]], [1, pal[0]]];
      for (var c = 0; c < count; c++) { scale.push([c / count, pal[c % pal.length]], [(c + 1) / count, pal[c % pal.length]]); }
      return scale;
    }
    function colouring(name) {
      var m = /^cluster:(\d+)$/.exec(name || "");
      if (name === "cluster" || m) {
        var li = m ? +m[1] : 0;
        if (!header.levels.length) return colouring("distortion");
        var lv = header.levels[li];
        return {values: Float32Array.from(D.levels[li]), count: lv.k, names: lv.labels, sizes: lv.sizes};
      }
      if (name === "distortion") {
        return {values: D.keep, cmin: 0, cmax: 1, title: "of " + k + " neighbours kept"};
      }
      for (var j = 0; j < header.columns.length; j++) {
        var col = header.columns[j];
        if (col.name !== name) continue;
        if (col.kind === "number") return {values: D.columns[j], cmin: col.range[0], cmax: col.range[1], title: col.name};
        var sizes = new Array(col.categories.length).fill(0);
        D.columns[j].forEach(function (c) { sizes[c]++; });
        return {values: Float32Array.from(D.columns[j]), count: col.categories.length, names: col.categories, sizes: sizes};
      }
      return colouring("cluster");
    }
    function markerFor(colour) {
      if (colour.count !== undefined) {
        return {color: colour.values, colorscale: discrete(colour.count), cmin: -0.5, cmax: colour.count - 0.5,
                showscale: false};
      }
      return {color: colour.values, colorscale: "Viridis", cmin: colour.cmin, cmax: colour.cmax, showscale: true,
              colorbar: {title: {text: esc(colour.title)}, thickness: 12, len: 0.6}};
    }
    function drawLegend(colour) {
      var box = $("legend");
      box.textContent = "";
      if (colour.count === undefined) return;
      var order = colour.names.map(function (_, c) { return c; })
        .sort(function (a, b) { return colour.sizes[b] - colour.sizes[a] || a - b; });
      order.slice(0, 30).forEach(function (c) {
        var row = el("div"), sw = el("span", undefined, "vizkit-swatch");
        sw.style.background = header.palette[c % header.palette.length];
        row.appendChild(sw);
        row.appendChild(el("span", colour.names[c] + " (" + colour.sizes[c].toLocaleString() + ")"));
        box.appendChild(row);
      });
      if (order.length > 30) box.appendChild(el("div", "+ " + (order.length - 30) + " more"));
    }
    async function setColor(name) {
      state.color = name;
      $("color").value = name;
      var colour = colouring(name), mk = markerFor(colour), upd = {};
      Object.keys(mk).forEach(function (key) { upd["marker." + key] = [mk[key]]; });
      await Plotly.restyle(gd, upd, [0]);
      drawLegend(colour);
    }

    // ---------------------------------------------------------------- labels by zoom
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
        lv.labels.forEach(function (label, c) {
          out.push({x: lv.centres[c][0], y: lv.centres[c][1], z: lv.centres[c][2], text: esc(short(label, 36)),
                    showarrow: false, font: {size: 13, color: "#222"}, bgcolor: "rgba(255,255,255,0.6)"});
        });
      }
      return out;
    }
    function annotations(ranges) {
      var v = view(ranges), out = [], boxes = [];
      function px(x, y) { return [(x - v.x[0]) / (v.x[1] - v.x[0]) * v.w, (v.y[1] - y) / (v.y[1] - v.y[0]) * v.h]; }
      function free(p, text, size) {
        var bw = text.length * size * 0.6 + 10, bh = size + 8;
        var box = [p[0] - bw / 2, p[1] - bh / 2, p[0] + bw / 2, p[1] + bh / 2];
        if (box[0] < 0 || box[2] > v.w || box[1] < 0 || box[3] > v.h) return false;
        for (var i = 0; i < boxes.length; i++) {
          var o = boxes[i];
          if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) return false;
        }
        boxes.push(box);
        return true;
      }
      // the query and its neighbours first: they must always show
      state.rows.slice(0, 1).forEach(function (r) {
        boxes.push([px(D.x[r], D.y[r])[0] - 40, px(D.x[r], D.y[r])[1] - 30, px(D.x[r], D.y[r])[0] + 40, px(D.x[r], D.y[r])[1] - 8]);
        out.push({x: D.x[r], y: D.y[r], text: "<b>" + esc(short(D.labels[r], 40)) + "</b>", showarrow: false, yshift: 16,
                  font: {size: 15, color: "#000"}, bgcolor: "rgba(255,255,255,0.85)"});
      });
      state.neighbours.forEach(function (nb) {
        var p = px(D.x[nb.row], D.y[nb.row]), text = short(nb.label, 30);
        free([p[0], p[1] - 12], text, 12);
        out.push({x: D.x[nb.row], y: D.y[nb.row], text: esc(text), showarrow: false, yshift: 12,
                  font: {size: 12, color: nb.kept ? "#1b6e1b" : "#b01e1e"}, bgcolor: "rgba(255,255,255,0.75)"});
      });
      var level = chooseLevel(v);
      if (level >= 0) {
        var lv = header.levels[level];
        var order = lv.labels.map(function (_, c) { return c; }).sort(function (a, b) { return lv.sizes[b] - lv.sizes[a] || a - b; });
        order.forEach(function (c) {
          var cx = lv.centres[c][0], cy = lv.centres[c][1], text = short(lv.labels[c], 36);
          if (!text || !free(px(cx, cy), text, 13)) return;
          out.push({x: cx, y: cy, text: esc(text), showarrow: false, font: {size: 13, color: "#222"},
                    bgcolor: "rgba(255,255,255,0.6)", name: "cluster"});
        });
      }
      return out;
    }
    function chooseLevel(v) {
      if (state.level === "none" || !header.levels.length) return -1;
      if (state.level !== "auto") return +state.level;
      var room = Math.max(6, Math.min(40, Math.floor(v.w * v.h / (130 * 40))));
      for (var li = header.levels.length - 1; li >= 0; li--) {
        var seen = 0;
        header.levels[li].centres.forEach(function (c) {
          if (c[0] >= v.x[0] && c[0] <= v.x[1] && c[1] >= v.y[0] && c[1] <= v.y[1]) seen++;
        });
        if (seen <= room) return li;
      }
      return 0;
    }
    function redrawLabels() {
      return is3d ? Plotly.relayout(gd, {"scene.annotations": annotations3d()}) : Plotly.relayout(gd, {annotations: annotations()});
    }

    // ---------------------------------------------------------------- search
    function lookup(text) {
      var hit = D.index.get(text);
      if (hit === undefined) {
        if (!D.lower) {
          D.lower = new Map();
          for (var i = 0; i < n; i++) { var l = D.labels[i].toLowerCase(); if (!D.lower.has(l)) D.lower.set(l, D.index.get(D.labels[i])); }
        }
        hit = D.lower.get(text.toLowerCase());
      }
      return hit === undefined ? null : typeof hit === "number" ? [hit] : hit;
    }
    function distance(a, b, limit) {  // Levenshtein, giving up past limit
      if (Math.abs(a.length - b.length) > limit) return limit + 1;
      var prev = new Array(b.length + 1), cur = new Array(b.length + 1);
      for (var j = 0; j <= b.length; j++) prev[j] = j;
      for (var i = 1; i <= a.length; i++) {
        cur[0] = i; var best = i;
        for (j = 1; j <= b.length; j++) {
          cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (cur[j] < best) best = cur[j];
        }
        if (best > limit) return limit + 1;
        var t = prev; prev = cur; cur = t;
      }
      return prev[b.length];
    }
    function suggest(text) {
      var t = text.toLowerCase(), limit = t.length > 5 ? 2 : 1, found = [], seen = new Set();
      for (var i = 0; i < n; i++) {
        var l = D.labels[i], low = l.toLowerCase();
        if (seen.has(l)) continue;
        var d = low.startsWith(t) && t.length >= 3 ? 0.5 : distance(t, low, limit);
        if (d <= limit) { found.push([d, i]); seen.add(l); }
      }
      found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
      return found.slice(0, 5).map(function (f) { return D.labels[f[1]]; });
    }
    function showSuggestions(text, options) {
      var status = $("status");
      status.textContent = "No point is labelled \u201c" + short(text, 60) + "\u201d." + (options.length ? " Closest: " : "");
      options.forEach(function (o) {
        var a = el("span", o, "vizkit-suggestion");
        a.addEventListener("click", function () { $("search").value = o; search(o); });
        status.appendChild(a);
      });
    }
    async function search(text) {
      var started = performance.now();
      text = String(text).trim();
      var list = $("neighbours");
      list.textContent = "";
      if (!text) { state.query = null; state.rows = []; state.neighbours = []; await drawQuery(); setStatus(""); return null; }
      var rows = lookup(text);
      if (!rows) {
        var options = suggest(text);
        showSuggestions(text, options);
        state.query = null; state.rows = []; state.neighbours = [];
        await drawQuery();
        state.searchMs = performance.now() - started;
        return {found: false, suggestions: options};
      }
      var r = rows[0];
      state.query = D.labels[r]; state.rows = rows; state.drawMs = null;
      state.neighbours = [];
      for (var j = 0; j < k; j++) {
        var row = D.nbr[r * k + j];
        state.neighbours.push({row: row, label: D.labels[row], cosine: cosine(r, j), kept: !!isKept(r, j)});
      }
      var kept = state.neighbours.filter(function (nb) { return nb.kept; }).length;
      setStatus(state.query + (rows.length > 1 ? " (row " + r + ", 1 of " + rows.length + " with this label)" : "") +
                ": its " + k + " nearest in the original space; the map keeps " + kept + " of them near it.");
      state.neighbours.forEach(function (nb) {
        var li = el("li");
        li.appendChild(el("span", nb.label, "vizkit-label"));
        li.appendChild(el("span", nb.cosine.toFixed(2), "vizkit-cos"));
        li.appendChild(el("span", nb.kept ? "kept" : "torn", nb.kept ? "vizkit-kept" : "vizkit-torn"));
        li.title = "cosine " + nb.cosine.toFixed(3) + (nb.kept ? ": also near on the map" : ": torn away on the map");
        li.addEventListener("click", function () { $("search").value = nb.label; search(nb.label); });
        list.appendChild(li);
      });
      if (opts.hash) history.replaceState(null, "", "#search=" + encodeURIComponent(state.query));
      if (opts.onSearch) opts.onSearch(state.query);
      state.searchMs = performance.now() - started;  // the answer: found, neighbours listed
      await drawQuery(true);
      state.drawMs = performance.now() - started;  // and the map zoomed and highlighted
      return {found: true, query: state.query, neighbours: state.neighbours};
    }
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
      var layout = {}, ranges = null;
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
    function csvCell(v) {
      v = String(v);
      return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
    }
    function selectionCSV(rows) {
      var cols = ["row", "label", "x", "y", "cluster", "kept"].concat(header.columns.map(function (c) { return c.name; }));
      var lines = [cols.map(csvCell).join(",")];
      rows.forEach(function (r) {
        var cells = [r, D.labels[r], D.x[r].toFixed(6), D.y[r].toFixed(6),
                     header.levels.length ? header.levels[0].labels[D.levels[0][r]] : "", D.keep[r].toFixed(2)];
        header.columns.forEach(function (col, j) {
          var v = D.columns[j][r];
          cells.push(col.kind === "category" ? col.categories[v] : col.kind === "number" ? +v.toPrecision(7) : v);
        });
        lines.push(cells.map(csvCell).join(","));
      });
      return lines.join("\r\n") + "\r\n";
    }
    function onSelected(e) {
      var rows = e && e.points ? e.points.filter(function (p) { return p.curveNumber === 0; })
        .map(function (p) { return p.pointIndex; }).sort(function (a, b) { return a - b; }) : [];
      state.selected = rows;
      if (opts.onSelect) opts.onSelect(rows);
      $("selection").hidden = rows.length === 0;
      $("selection-count").textContent = rows.length.toLocaleString() + " point" + (rows.length === 1 ? "" : "s") + " selected";
    }
    function download() {
      var blob = new Blob([selectionCSV(state.selected)], {type: "text/csv;charset=utf-8"});
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "atlas-selection.csv";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }

    // ---------------------------------------------------------------- hover
    function onHover(e) {
      var p = e.points.filter(function (q) { return q.curveNumber === 0; })[0];
      if (!p) return;
      var r = p.pointIndex !== undefined ? p.pointIndex : p.pointNumber, tip = $("tooltip");
      tip.textContent = "";
      tip.appendChild(el("b", short(D.labels[r], 300)));
      if (header.levels.length) {
        var li = is3d ? 0 : Math.max(0, chooseLevel(view()));
        tip.appendChild(el("span", "cluster: " + header.levels[li].labels[D.levels[li][r]]));
      }
      tip.appendChild(el("span", Math.round(D.keep[r] * k) + " of " + k + " true neighbours kept near"));
      header.columns.forEach(function (col, j) {
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
      header.levels.forEach(function (lv, i) { menu.appendChild(new Option("clusters (" + lv.k + ")", "cluster:" + i)); });
      menu.appendChild(new Option("distortion (neighbours kept)", "distortion"));
      header.columns.forEach(function (col) { if (col.kind !== "text") menu.appendChild(new Option(col.name, col.name)); });
      var lvl = $("level");
      lvl.appendChild(new Option("by zoom", "auto"));
      header.levels.forEach(function (lv, i) { lvl.appendChild(new Option(lv.k + " clusters", String(i))); });
      lvl.appendChild(new Option("none", "none"));
      if (state.color === "cluster") state.color = header.levels.length ? "cluster:0" : "distortion";
    }

    async function start() {
      await decode();
      fillMenus();
      var size = n <= 2000 ? 7 : n <= 20000 ? 4 : n <= 100000 ? 3 : 2;
      var colour = colouring(state.color), mk = markerFor(colour);
      mk.size = size; mk.opacity = n > 50000 ? 0.6 : 0.8;
      var axes = header.axes;
      var layout = {
        margin: {l: axes[1] ? 60 : 20, r: 20, t: 10, b: axes[0] ? 50 : 20}, hovermode: "closest", dragmode: "zoom",
        showlegend: false, plot_bgcolor: "#fff",
        xaxis: {showgrid: false, zeroline: !!axes[0], showticklabels: !!axes[0], title: {text: esc(axes[0])}},
        yaxis: {showgrid: false, zeroline: !!axes[1], showticklabels: !!axes[1], title: {text: esc(axes[1])}},
      };
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
        root.querySelector(".vizkit-help").textContent = "Drag to turn the map, scroll to zoom. Colour \"distortion\": " +
          "yellow where the map keeps a point's true neighbours near it, dark where it tears them apart.";
      }
      await Plotly.newPlot(gd, data, layout, {displaylogo: false, responsive: true, scrollZoom: true,
                                               modeBarButtonsToRemove: ["sendDataToCloud"]});
      drawLegend(colour);
      $("color").value = state.color;
      await redrawLabels();
      gd.on("plotly_relayout", function (e) {
        if (Object.keys(e).some(function (key) { return /^(xaxis|yaxis|autosize)/.test(key); })) redrawLabels();
      });
      if (window.ResizeObserver) {  // a widget may be drawn before it is laid out: fit the plot to its box
        new ResizeObserver(function () { if (gd.offsetWidth) Plotly.Plots.resize(gd); }).observe(gd);
      }
      gd.on("plotly_selected", onSelected);
      gd.on("plotly_deselect", function () { onSelected(null); });
      gd.on("plotly_hover", onHover);
      gd.on("plotly_unhover", function () { $("tooltip").hidden = true; });
      $("search-form").addEventListener("submit", function (e) { e.preventDefault(); search($("search").value); });
      $("search").addEventListener("keydown", function (e) {  // Enter searches even where a host (JupyterLab) eats the submit
        if (e.key !== "Enter") return;
        e.preventDefault(); e.stopPropagation();
        search($("search").value);
      });
      $("color").addEventListener("change", function (e) { setColor(e.target.value); });
      $("level").addEventListener("change", function (e) { state.level = e.target.value; redrawLabels(); });
      $("download").addEventListener("click", download);
      $("clear").addEventListener("click", function () {
        Plotly.restyle(gd, {selectedpoints: [null]}, [0]); onSelected(null);
      });
      state.loadMs = performance.now() - t0;
      setStatus(n.toLocaleString() + " points. Search a label, hover a point, or select a region.");
      var hash = opts.hash && /^#search=(.*)$/.exec(location.hash);
      var first = hash ? decodeURIComponent(hash[1]) : header.query;
      if (first) { $("search").value = first; await search(first); }
    }

    function select(rows) {  // from Python: highlight these rows as a lasso would
      var sel = Array.from(rows).sort(function (a, b) { return a - b; });
      return Plotly.restyle(gd, {selectedpoints: [sel.length ? sel : null]}, [0]).then(function () {
        onSelected(sel.length ? {points: sel.map(function (r) { return {curveNumber: 0, pointIndex: r}; })} : null);
      });
    }

    var ready = start().catch(function (err) {
      setStatus("This page could not draw the map: " + err + ". It needs a browser with WebGL and DecompressionStream " +
                "(Chrome/Edge 80+, Firefox 113+, Safari 16.4+).");
      throw err;
    });
    return {
      ready: ready, header: header, search: search, setColor: setColor, select: select, plot: gd,
      setLevel: function (level) { state.level = String(level); $("level").value = state.level; return redrawLabels(); },
      selectionCSV: function () { return selectionCSV(state.selected); },
      state: function () {
        return {query: state.query, rows: state.rows.slice(), neighbours: state.neighbours.slice(), color: state.color,
                level: state.level, selected: state.selected.slice(), searchMs: state.searchMs, drawMs: state.drawMs, loadMs: state.loadMs,
                labels: (gd.layout.annotations || []).map(function (a) { return a.text; })};
      },
    };
  }

  return {create: create, inlineBlocks: inlineBlocks};
})();
