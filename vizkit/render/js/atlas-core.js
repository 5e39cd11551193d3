// @ts-check
// The atlas page's logic without a browser: decoding the data blocks written by vizkit/atlas/page.py,
// neighbours, search and suggestions, colourings, cluster labels placed without colliding, the selection
// as CSV. atlas.js draws with it; node's own test runner tests it (tests/js/atlas-core.test.js).
(function (root) {
  "use strict";

  /** The layout of the data blocks; vizkit/atlas/page.py writes the same number (PAGE_FORMAT). */
  var FORMAT = 5;

  /**
   * @typedef {{k: number, labels: string[], sizes: number[], centres: number[][], dtype: string}} Level
   * @typedef {{name: string, kind: string, dtype?: string, categories?: string[], range?: number[]}} Column
   * @typedef {{format: number, n: number, dims: number, k: number, bounds: number[][], levels: Level[],
   *            columns: Column[], neighbours: {encoding: string, cos_range: number[], kept_bytes: number, width: number,
   *                         written: number, first_rows: number},
   *            palette: string[], title: string, color: string, query: ?string, axes: string[],
   *            lang?: string, messages?: Record<string, string>, detail?: ?{move: number, rest: number}}} Header
   * @typedef {{x: Float32Array, y: Float32Array, z?: Float32Array, labels: string[], nbr: Uint32Array,
   *            cos: Uint8Array, kept: Uint8Array, keep: Float32Array, levels: any[], columns: any[],
   *            index: Map<string, number | number[]>, lower?: Map<string, number | number[] | undefined>}} Data
   * @typedef {{x: number[], y: number[], w: number, h: number}} View
   * @typedef {{row: number, label: string, cosine: number, kept: boolean}} Neighbour
   */

  /**
   * Refuse a header written by another version of vizkit, saying what to do.
   * @param {Header} header
   */
  function checkFormat(header) {
    if (!header || header.format !== FORMAT) {
      throw new Error("this atlas was written in data format " + (header && header.format) + ", and this page reads " +
                      "format " + FORMAT + "; write it again with this version of vizkit");
    }
  }

  /**
   * The bytes vizkit/render/base122.py wrote as a script element's text: 7 bits a character, and a two-byte
   * character (U+0100 + which << 7 | next) for the chunks NUL, CR and "<" (which: 0, 1, 2; 3, 4, 5 when last).
   * @param {string} text @param {number} nbytes @returns {Uint8Array}
   */
  function base122(text, nbytes) {
    var out = new Uint8Array(nbytes), o = 0, acc = 0, nbits = 0, ILLEGAL = [0, 13, 60];
    for (var i = 0, len = text.length; i < len && o < nbytes; i++) {
      var c = text.charCodeAt(i), extra = -1;
      if (c >= 128) {
        var v = c - 0x100, which = v >> 7;
        if (which < 3) extra = v & 127;
        c = ILLEGAL[which % 3];
      }
      acc = ((acc << 7) | c) & 0x7FFF; nbits += 7;
      if (nbits >= 8) { nbits -= 8; out[o++] = (acc >> nbits) & 255; }
      if (extra >= 0 && o < nbytes) {
        acc = ((acc << 7) | extra) & 0x7FFF; nbits += 7;
        if (nbits >= 8) { nbits -= 8; out[o++] = (acc >> nbits) & 255; }
      }
    }
    if (o !== nbytes) throw new Error("a data block is shorter than its header says (" + o + " of " + nbytes + " bytes)");
    return out;
  }

  var TYPES = {uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, float32: Float32Array};

  /** @param {ArrayBuffer | ArrayBufferView} buf @returns {ArrayBuffer} */
  function bytes(buf) {
    if (buf instanceof ArrayBuffer) return buf;
    return /** @type {ArrayBuffer} */ (buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  }

  /** @param {ArrayBuffer} buf @returns {any} */
  function strings(buf) { return JSON.parse(new TextDecoder("utf-8").decode(buf)); }

  /**
   * The rows sorted along the Z-order (Morton) curve of the quantised map's first two axes, ties by row: the
   * same order as ``map_order`` in vizkit/atlas/page.py. A stable radix sort on the 32-bit codes, 16 bits a pass.
   * @param {Uint16Array} q the quantised coordinates, axis by axis
   * @param {number} n
   * @returns {Uint32Array} order: order[p] is the row at place p
   */
  function mapOrder(q, n) {
    /** @param {number} v */
    function spread(v) {
      v &= 0xFFFF;
      v = (v | (v << 8)) & 0x00FF00FF;
      v = (v | (v << 4)) & 0x0F0F0F0F;
      v = (v | (v << 2)) & 0x33333333;
      return (v | (v << 1)) & 0x55555555;
    }
    var code = new Uint32Array(n), i;
    for (i = 0; i < n; i++) code[i] = (spread(q[i]) | (spread(q[n + i]) << 1)) >>> 0;
    var order = new Uint32Array(n), tmp = new Uint32Array(n);
    for (i = 0; i < n; i++) order[i] = i;
    for (var shift = 0; shift < 32; shift += 16) {
      var count = new Uint32Array(65537);
      for (i = 0; i < n; i++) count[((code[order[i]] >>> shift) & 0xFFFF) + 1]++;
      for (i = 1; i < 65537; i++) count[i] += count[i - 1];
      for (i = 0; i < n; i++) tmp[count[(code[order[i]] >>> shift) & 0xFFFF]++] = order[i];
      var t = order; order = tmp; tmp = t;
    }
    return order;
  }

  /**
   * The true-neighbour table (vizkit/atlas/neighbour_blocks.py): rows in the map order; each row writes the
   * neighbours that no earlier point wrote into it, as zigzag distances in the map order (``width`` byte planes),
   * with a bit saying the neighbour lists it too (then it goes into that row as well, with the same cosine);
   * cosines as each row's first, then steps down (all firsts before all steps). Each row ends in the canonical
   * order: cosine falling, ties as they came (written into it first, then its own).
   * @param {{width: number, written: number, first_rows: number}} head
   * @param {Uint8Array} planes @param {Uint8Array} pairs @param {Uint8Array} cosRaw
   * @param {Uint32Array} order @param {number} n @param {number} k
   * @returns {{nbr: Uint32Array, cos: Uint8Array}} n x k row numbers and quantised cosines
   */
  function readNeighbours(head, planes, pairs, cosRaw, order, n, k) {
    var m = head.written, w = head.width, f = head.first_rows, e = 0, a = 0, s = f, r, t;
    if (planes.length !== w * m || pairs.length !== Math.ceil(m / 8) || cosRaw.length !== m) {
      throw new Error("the neighbour blocks do not match the page's header");
    }
    var nbr = new Uint32Array(n * k), cos = new Uint8Array(n * k), count = new Uint16Array(n);
    for (r = 0; r < n; r++) {
      var i = order[r], base = i * k, mine = k - count[i], c = 0;
      for (t = 0; t < mine; t++, e++) {
        var z = 0, scale = 1;
        for (var b = 0; b < w; b++, scale *= 256) z += planes[b * m + e] * scale;
        var j = order[r + (z % 2 ? -(z + 1) / 2 : z / 2)];
        if (j === undefined) throw new Error("the neighbour blocks do not match the page's header");
        c = t ? (c - cosRaw[s++]) & 255 : cosRaw[a++];
        nbr[base + count[i]] = j; cos[base + count[i]++] = c;
        if ((pairs[e >> 3] >> (e & 7)) & 1) {
          if (count[j] >= k) throw new Error("the neighbour blocks do not match the page's header");
          nbr[j * k + count[j]] = i; cos[j * k + count[j]++] = c;
        }
      }
      for (t = 1; t < k; t++) {  // insertion sort, stable: cosine falling
        var cv = cos[base + t], nv = nbr[base + t], p = t - 1;
        while (p >= 0 && cos[base + p] < cv) { cos[base + p + 1] = cos[base + p]; nbr[base + p + 1] = nbr[base + p]; p--; }
        cos[base + p + 1] = cv; nbr[base + p + 1] = nv;
      }
    }
    if (e !== m || a !== f) throw new Error("the neighbour blocks do not match the page's header (" + e + " of " + m + " read)");
    return {nbr: nbr, cos: cos};
  }

  /**
   * A cluster level: each point is in the cluster of its nearest centre on the map (k-means), except the few
   * rows the block lists (their count, their rows as gaps, LEB128 varints, then their clusters). ``at(r)`` is
   * one row's cluster (a hover, a CSV row); ``all()`` every row's, computed once (a colouring).
   * vizkit/atlas/page.py nearest_centres does the same arithmetic in the same order.
   * @param {Level} lv @param {ArrayBuffer} raw @param {{x: Float32Array, y: Float32Array, z?: Float32Array}} P @param {number} n
   * @returns {{at: (r: number) => number, all: () => ArrayLike<number>}}
   */
  function levelReader(lv, raw, P, n) {
    var bytes = new Uint8Array(raw), o = 0;
    function varint() {
      var v = 0, scale = 1, b;
      do { b = bytes[o++]; v += (b & 127) * scale; scale *= 128; } while (b & 128);
      return v;
    }
    var count = varint(), rows = new Uint32Array(count), prev = -1, i;
    for (i = 0; i < count; i++) { prev += varint() + 1; rows[i] = prev; }
    var Codes = TYPES[/** @type {keyof TYPES} */ (lv.dtype)];
    var codes = new Codes(raw.slice(o, o + count * Codes.BYTES_PER_ELEMENT));
    /** @type {Map<number, number>} */
    var listed = new Map();
    for (i = 0; i < count; i++) listed.set(rows[i], codes[i]);
    var C = lv.centres, x = P.x, y = P.y, z = P.z;
    /** @type {?ArrayLike<number> & {[i: number]: number}} */
    var all = null;
    /** @param {number} r */
    function nearest(r) {
      var best = Infinity, arg = 0;
      for (var c = 0; c < C.length; c++) {
        var dx = x[r] - C[c][0], dy = y[r] - C[c][1], d = dx * dx + dy * dy;
        if (z) { var dz = z[r] - C[c][2]; d = d + dz * dz; }
        if (d < best) { best = d; arg = c; }
      }
      return arg;
    }
    return {
      at: function (r) { var e = listed.get(r); return e === undefined ? nearest(r) : e; },
      all: function () {
        if (!all) {
          var out = new Codes(n);
          for (var r = 0; r < n; r++) out[r] = nearest(r);
          listed.forEach(function (c, r) { out[r] = c; });
          all = out;
        }
        return /** @type {ArrayLike<number>} */ (all);
      },
    };
  }

  /**
   * The raw blocks (name -> bytes, already un-gzipped) as arrays.
   * @param {Header} header
   * @param {Record<string, ArrayBuffer | ArrayBufferView>} blocks
   * @returns {Data}
   */
  function decode(header, blocks) {
    checkFormat(header);
    /** @type {Record<string, ArrayBuffer>} */
    var got = {};
    Object.keys(blocks).forEach(function (name) { got[name] = bytes(blocks[name]); });
    var n = header.n, k = header.k, b = header.bounds, i, j;
    var q = new Uint16Array(got.coords);
    var x = new Float32Array(n), y = new Float32Array(n), z;
    var sx = (b[0][1] - b[0][0]) / 65535, sy = (b[1][1] - b[1][0]) / 65535;
    for (i = 0; i < n; i++) { x[i] = b[0][0] + q[i] * sx; y[i] = b[1][0] + q[n + i] * sy; }
    if (header.dims === 3) {
      z = new Float32Array(n);
      var sz = (b[2][1] - b[2][0]) / 65535;
      for (i = 0; i < n; i++) z[i] = b[2][0] + q[2 * n + i] * sz;
    }
    var table = readNeighbours(header.neighbours, new Uint8Array(got.nbr_rows), new Uint8Array(got.nbr_pairs),
                               new Uint8Array(got.nbr_cos), mapOrder(q, n), n, k);
    var nbr = table.nbr, cos = table.cos;
    var kept = new Uint8Array(got.nbr_kept), keep = new Float32Array(n), kb = header.neighbours.kept_bytes;
    for (i = 0; i < n; i++) {  // share of each point's k true neighbours kept near on the map
      var c = 0;
      for (j = 0; j < k; j++) c += (kept[i * kb + (j >> 3)] >> (j & 7)) & 1;
      keep[i] = c / k;
    }
    /** @type {string[]} */
    var labels = strings(got.labels);
    /** @type {Map<string, number | number[]>} */
    var index = new Map();
    for (i = 0; i < n; i++) {
      var l = labels[i], had = index.get(l);
      if (had === undefined) index.set(l, i);
      else if (typeof had === "number") index.set(l, [had, i]);
      else had.push(i);
    }
    return {
      x: x, y: y, z: z, labels: labels, nbr: nbr, cos: cos, kept: kept, keep: keep, index: index,
      levels: header.levels.map(function (lv, li) { return levelReader(lv, got["level" + li], {x: x, y: y, z: z}, n); }),
      columns: header.columns.map(function (col, cj) {
        return col.kind === "text" ? strings(got["column" + cj])
          : new TYPES[/** @type {keyof TYPES} */ (col.dtype)](got["column" + cj]);
      }),
    };
  }

  /**
   * The ``j``-th true neighbour of row ``i``, its cosine (from the uint8 quantisation) and whether the map keeps it near.
   * @param {Header} header @param {Data} D @param {number} i
   * @returns {Neighbour[]}
   */
  function neighbours(header, D, i) {
    var k = header.k, r = header.neighbours.cos_range, kb = header.neighbours.kept_bytes, out = [];
    for (var j = 0; j < k; j++) {
      var row = D.nbr[i * k + j];
      out.push({row: row, label: D.labels[row], cosine: r[0] + D.cos[i * k + j] / 255 * (r[1] - r[0]),
                kept: !!((D.kept[i * kb + (j >> 3)] >> (j & 7)) & 1)});
    }
    return out;
  }

  /**
   * Rows labelled ``text`` (exactly, else ignoring case), or null.
   * @param {Data} D @param {string} text @returns {?number[]}
   */
  function lookup(D, text) {
    var hit = D.index.get(text);
    if (hit === undefined) {
      if (!D.lower) {
        D.lower = new Map();
        for (var i = 0; i < D.labels.length; i++) {
          var l = D.labels[i].toLowerCase();
          if (!D.lower.has(l)) D.lower.set(l, D.index.get(D.labels[i]));
        }
      }
      hit = D.lower.get(text.toLowerCase());
    }
    return hit === undefined ? null : typeof hit === "number" ? [hit] : hit;
  }

  /**
   * Levenshtein distance of ``a`` and ``b``, giving up (``limit + 1``) once it must exceed ``limit``.
   * @param {string} a @param {string} b @param {number} limit @returns {number}
   */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var prev = new Array(b.length + 1), cur = new Array(b.length + 1), j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur[0] = i;
      var best = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (cur[j] < best) best = cur[j];
      }
      if (best > limit) return limit + 1;
      var swap = prev; prev = cur; cur = swap;
    }
    return prev[b.length];
  }

  /**
   * Up to five labels close to ``text``: those it begins (3+ characters), then one or two edits away.
   * @param {Data} D @param {string} text @returns {string[]}
   */
  function suggest(D, text) {
    var t = text.toLowerCase(), limit = t.length > 5 ? 2 : 1, found = [], seen = new Set();
    for (var i = 0; i < D.labels.length; i++) {
      var l = D.labels[i], low = l.toLowerCase();
      if (seen.has(l)) continue;
      var d = low.startsWith(t) && t.length >= 3 ? 0.5 : distance(t, low, limit);
      if (d <= limit) { found.push([d, i]); seen.add(l); }
    }
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return found.slice(0, 5).map(function (f) { return D.labels[f[1]]; });
  }

  /** @param {unknown} s @returns {string} */
  function esc(s) { return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }

  /** @param {unknown} s @param {number} m @returns {string} */
  function short(s, m) { var t = String(s); return t.length > m ? t.slice(0, m - 1) + "\u2026" : t; }

  /**
   * The width a label takes on screen: CJK characters are about twice a Latin letter's width.
   * @param {string} text @param {number} size @returns {number}
   */
  function textWidth(text, size) {
    var w = 0;
    for (var ch of text) w += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(ch) ? size : size * 0.6;
    return w;
  }

  /**
   * Places labels on a ``view`` (data ranges and pixel size) so that none overlaps another or leaves the view.
   * @param {View} v
   */
  function labelPlacer(v) {
    /** @type {number[][]} */
    var boxes = [];
    /** @param {number} x @param {number} y @returns {number[]} */
    function px(x, y) { return [(x - v.x[0]) / (v.x[1] - v.x[0]) * v.w, (v.y[1] - y) / (v.y[1] - v.y[0]) * v.h]; }
    return {
      px: px,
      boxes: boxes,
      /** Keep this pixel box free (the query's own label). @param {number[]} box */
      reserve: function (box) { boxes.push(box); },
      /**
       * Place ``text`` centred on pixel ``p`` if it fits; true when placed.
       * @param {number[]} p @param {string} text @param {number} size @returns {boolean}
       */
      place: function (p, text, size) {
        var bw = textWidth(text, size) + 10, bh = size + 8;
        var box = [p[0] - bw / 2, p[1] - bh / 2, p[0] + bw / 2, p[1] + bh / 2];
        if (box[0] < 0 || box[2] > v.w || box[1] < 0 || box[3] > v.h) return false;
        for (var i = 0; i < boxes.length; i++) {
          var o = boxes[i];
          if (box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) return false;
        }
        boxes.push(box);
        return true;
      },
    };
  }

  /**
   * Which cluster level labels the view: ``mode`` "none", a level number, or "auto": the finest level whose
   * centres in view fit the room (about one label per 130 x 40 pixels, between 6 and 40).
   * @param {Level[]} levels @param {View} v @param {string} mode @returns {number}
   */
  function chooseLevel(levels, v, mode) {
    if (mode === "none" || !levels.length) return -1;
    if (mode !== "auto") return +mode;
    var room = Math.max(6, Math.min(40, Math.floor(v.w * v.h / (130 * 40))));
    for (var li = levels.length - 1; li >= 0; li--) {
      var seen = 0;
      levels[li].centres.forEach(function (c) {
        if (c[0] >= v.x[0] && c[0] <= v.x[1] && c[1] >= v.y[0] && c[1] <= v.y[1]) seen++;
      });
      if (seen <= room) return li;
    }
    return 0;
  }

  /**
   * The cluster labels of ``level`` that fit, largest clusters first.
   * @param {Level} lv @param {ReturnType<typeof labelPlacer>} placer
   * @returns {{x: number, y: number, text: string}[]}
   */
  function clusterLabels(lv, placer) {
    var order = lv.labels.map(function (_, c) { return c; }).sort(function (a, b) { return lv.sizes[b] - lv.sizes[a] || a - b; });
    var out = [];
    for (var c of order) {
      var cx = lv.centres[c][0], cy = lv.centres[c][1], text = short(lv.labels[c], 36);
      if (text && placer.place(placer.px(cx, cy), text, 13)) out.push({x: cx, y: cy, text: text});
    }
    return out;
  }

  /** @param {string[]} palette @param {number} count @returns {Array<[number, string]>} */
  function discrete(palette, count) {
    /** @type {Array<[number, string]>} */
    var scale = [];
    if (count <= 1) return [[0, palette[0]], [1, palette[0]]];
    for (var c = 0; c < count; c++) {
      scale.push([c / count, palette[c % palette.length]], [(c + 1) / count, palette[c % palette.length]]);
    }
    return scale;
  }

  /**
   * What a colouring name means: category codes with names and sizes (a legend), or numbers with a range
   * (a colour bar). ``name``: "cluster", "cluster:<level>", "distortion" or a metadata column.
   * @param {Header} header @param {Data} D @param {string} name @param {(key: string, vars?: any) => string} t
   * @returns {{values: ArrayLike<number>, count?: number, names?: string[], sizes?: number[], cmin?: number, cmax?: number, title?: string}}
   */
  function colouring(header, D, name, t) {
    var m = /^cluster:(\d+)$/.exec(name || "");
    if (name === "cluster" || m) {
      var li = m ? +m[1] : 0;
      if (!header.levels.length) return colouring(header, D, "distortion", t);
      var lv = header.levels[li];
      return {values: Float32Array.from(D.levels[li].all()), count: lv.k, names: lv.labels, sizes: lv.sizes};
    }
    if (name === "distortion") return {values: D.keep, cmin: 0, cmax: 1, title: t("atlas.colorbar.kept", {k: header.k})};
    for (var j = 0; j < header.columns.length; j++) {
      var col = header.columns[j];
      if (col.name !== name) continue;
      if (col.kind === "number") return {values: D.columns[j], cmin: (col.range || [0, 1])[0], cmax: (col.range || [0, 1])[1], title: col.name};
      var names = col.categories || [], sizes = new Array(names.length).fill(0);
      D.columns[j].forEach(/** @param {number} c */ function (c) { sizes[c]++; });
      return {values: Float32Array.from(D.columns[j]), count: names.length, names: names, sizes: sizes};
    }
    return colouring(header, D, "cluster", t);
  }

  /**
   * A linear scale with the D3 scale calls regl-scatterplot makes (``domain``, ``range``, as getters and
   * setters): it keeps the domain in step with the camera, so ``scale(x)`` is a data value's pixel.
   * @param {number[]} domain
   * @returns {{(v: number): number, domain: (d?: number[]) => any, range: (r?: number[]) => any, invert: (p: number) => number, copy: () => any}}
   */
  function linearScale(domain) {
    var d = domain.slice(), r = [0, 1];
    /** @param {number} v */
    function scale(v) { return r[0] + (v - d[0]) / (d[1] - d[0]) * (r[1] - r[0]); }
    /** @param {number[]} [v] */
    scale.domain = function (v) { if (!v) return d.slice(); d = [+v[0], +v[1]]; return scale; };
    /** @param {number[]} [v] */
    scale.range = function (v) { if (!v) return r.slice(); r = [+v[0], +v[1]]; return scale; };
    /** @param {number} p */
    scale.invert = function (p) { return d[0] + (p - r[0]) / (r[1] - r[0]) * (d[1] - d[0]); };
    scale.copy = function () { return linearScale(d).range(r); };
    return scale;
  }

  // matplotlib's viridis at 9 evenly spaced stops (plotly's "Viridis" has the same ends)
  var VIRIDIS = ["#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725"];

  /**
   * ``n`` colours from viridis, dark (low) to yellow (high), as ``#rrggbb``.
   * @param {number} n @returns {string[]}
   */
  function viridis(n) {
    var rgb = VIRIDIS.map(function (h) { return [1, 3, 5].map(function (i) { return parseInt(h.slice(i, i + 2), 16); }); });
    var out = [];
    for (var i = 0; i < n; i++) {
      var f = n > 1 ? i / (n - 1) * (rgb.length - 1) : 0, a = Math.min(rgb.length - 2, Math.floor(f)), u = f - a;
      out.push("#" + [0, 1, 2].map(function (c) {
        return ("0" + Math.round(rgb[a][c] + u * (rgb[a + 1][c] - rgb[a][c])).toString(16)).slice(-2);
      }).join(""));
    }
    return out;
  }

  /**
   * Round tick values between ``lo`` and ``hi``: about ``count`` of them, at steps of 1, 2 or 5 times a power of ten.
   * @param {number} lo @param {number} hi @param {number} count @returns {number[]}
   */
  function ticks(lo, hi, count) {
    if (!(hi > lo) || count < 1) return [];
    var raw = (hi - lo) / count, power = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / power;
    var step = (f >= 7.07 ? 10 : f >= 3.16 ? 5 : f >= 1.41 ? 2 : 1) * power, out = [];  // as d3's ticks
    for (var i = Math.ceil(lo / step); i * step <= hi + step * 1e-9; i++) out.push(+(i * step).toPrecision(12) || 0);
    return out;
  }

  /**
   * About ``m`` of the ``n`` rows, spread evenly over the data (a fixed hash of the row number, the same on
   * every machine): what the map draws while the camera moves when all ``n`` would be too slow.
   * @param {number} n @param {number} m @returns {number[]}
   */
  function sample(n, m) {
    if (m >= n) return Array.from({length: n}, function (_, i) { return i; });
    var limit = Math.floor(m / n * 4294967296), out = [];
    for (var i = 0; i < n; i++) if ((Math.imul(i + 1, 2654435761) >>> 0) < limit) out.push(i);
    return out;
  }

  /** @param {unknown} v @returns {string} */
  function csvCell(v) {
    var s = String(v);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  /**
   * The selected rows as CSV (row, label, x, y, cluster, kept and every metadata column), CRLF line ends.
   * ``from``/``to`` give one part of it (the header line comes with the part from 0), so that a page can
   * write a million rows part by part without freezing (atlas.js's download).
   * @param {Header} header @param {Data} D @param {ArrayLike<number>} rows @param {number} [from] @param {number} [to]
   * @returns {string}
   */
  function selectionCSV(header, D, rows, from, to) {
    from = from || 0;
    to = to === undefined ? rows.length : Math.min(to, rows.length);
    var cols = ["row", "label", "x", "y", "cluster", "kept"].concat(header.columns.map(function (c) { return c.name; }));
    var lines = from ? [] : [cols.map(csvCell).join(",")];
    for (var i = from; i < to; i++) {
      var r = rows[i];
      /** @type {unknown[]} */
      var cells = [r, D.labels[r], D.x[r].toFixed(6), D.y[r].toFixed(6),
                   header.levels.length ? header.levels[0].labels[D.levels[0].at(r)] : "", D.keep[r].toFixed(2)];
      header.columns.forEach(function (col, j) {
        var v = D.columns[j][r];
        cells.push(col.kind === "category" ? (col.categories || [])[v] : col.kind === "number" ? +v.toPrecision(7) : v);
      });
      lines.push(cells.map(csvCell).join(","));
    }
    return lines.length ? lines.join("\r\n") + "\r\n" : "";
  }

  /**
   * @typedef {{query: ?string, color: string, level: number, selected: number[]}} ViewState
   */

  /**
   * What the page must do to show the state Python asks for (the widget's traits), in order: each step a
   * method of the atlas and its argument. A cleared query leaves the page's search as it is; the selection
   * is replaced only when its rows differ.
   * @param {ViewState} want
   * @param {ViewState} have
   * @returns {Array<[string, any]>}
   */
  function syncPlan(want, have) {
    /** @type {Array<[string, any]>} */
    var plan = [];
    if (want.query && want.query !== have.query) plan.push(["search", want.query]);
    if (want.color !== have.color) plan.push(["setColor", want.color]);
    if (want.level !== have.level) plan.push(["setLevel", want.level]);
    var w = want.selected || [], h = have.selected || [];
    if (w.length !== h.length || w.some(function (r, i) { return r !== h[i]; })) plan.push(["select", w.slice()]);
    return plan;
  }

  var api = {FORMAT: FORMAT, checkFormat: checkFormat, decode: decode, neighbours: neighbours, lookup: lookup,
             distance: distance, suggest: suggest, esc: esc, short: short, textWidth: textWidth,
             labelPlacer: labelPlacer, chooseLevel: chooseLevel, clusterLabels: clusterLabels, discrete: discrete,
             colouring: colouring, csvCell: csvCell, selectionCSV: selectionCSV, syncPlan: syncPlan,
             mapOrder: mapOrder, base122: base122, levelReader: levelReader, linearScale: linearScale, viridis: viridis, ticks: ticks, sample: sample};
  if (typeof module === "object" && module.exports) module.exports = api;
  else /** @type {any} */ (root).vizkitAtlasCore = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
