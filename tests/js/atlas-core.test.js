// @ts-check
// Unit tests of the atlas page's logic, run by node's own test runner: node --test tests/js
// (tests/test_js.py runs them in the Python suite, and feeds the decoder a page written by Python).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");
const core = require("../../vizkit/render/js/atlas-core.js");
const i18n = require("../../vizkit/render/js/i18n.js");

/** The Z-order code of a quantised point, bit by bit (an independent check of core.mapOrder). */
function morton(x, y) {
  let m = 0;
  for (let b = 0; b < 16; b++) m += ((x >> b) & 1) * 2 ** (2 * b) + ((y >> b) & 1) * 2 ** (2 * b + 1);
  return m;
}

/** The rows in map order, by sorting (stable: ties by row). */
function naiveOrder(qx, qy) {
  return [...qx.keys()].sort((a, b) => morton(qx[a], qy[a]) - morton(qx[b], qy[b]) || a - b);
}

/**
 * The neighbour blocks as vizkit/atlas/neighbour_blocks.py writes them (page format 5), naively: rows in map
 * order; a mutual pair of one cosine is left to the point earlier in that order when it is the first of its
 * cosine in the later point's row; zigzag distances as byte planes; each row's first cosine, then steps down.
 */
function encode(qx, qy, nbrs, cosRows) {
  const order = naiveOrder(qx, qy), rank = [], k = nbrs[0].length;
  order.forEach((row, p) => { rank[row] = p; });
  const left = (i, t) => {  // (i -> nbrs[i][t]) left out of i's row: its neighbour writes it
    const j = nbrs[i][t], back = nbrs[j].indexOf(i);
    return back >= 0 && j !== i && rank[j] < rank[i] && cosRows[j][back] === cosRows[i][t] &&
      (t === 0 || cosRows[i][t - 1] !== cosRows[i][t]);
  };
  const zs = [], pairs = [], firsts = [], steps = [];
  order.forEach((i, r) => {
    const own = nbrs[i].map((j, t) => t).filter((t) => !left(i, t));
    own.forEach((t, w) => {
      const j = nbrs[i][t], d = rank[j] - r;
      zs.push(d >= 0 ? 2 * d : -2 * d - 1);
      const back = nbrs[j].indexOf(i);
      pairs.push(back >= 0 && left(j, back));
      if (w) steps.push((cosRows[i][own[w - 1]] - cosRows[i][t]) & 255); else firsts.push(cosRows[i][t]);
    });
  });
  let width = 1;
  while (Math.max(...zs) >= 256 ** width) width++;
  const rows = new Uint8Array(width * zs.length);
  zs.forEach((z, e) => { for (let b = 0; b < width; b++) rows[b * zs.length + e] = Math.floor(z / 256 ** b) % 256; });
  const bits = new Uint8Array(Math.ceil(zs.length / 8));
  pairs.forEach((p, e) => { if (p) bits[e >> 3] |= 1 << (e & 7); });
  return {rows, pairs: bits, cos: new Uint8Array([...firsts, ...steps]),
          head: {encoding: "map-order-pairs-planes", kept_bytes: Math.ceil(k / 8), width, written: zs.length, first_rows: firsts.length}};
}

/** Five points, k = 2, one cluster level, a category and a number column: the blocks as Python writes them. */
function tiny() {
  const n = 5, k = 2;
  const header = {
    format: core.FORMAT, n, dims: 2, k, bounds: [[0, 10], [-1, 1]], palette: ["#111", "#222"], title: "t",
    color: "cluster", query: null, axes: ["", ""], lang: "en", messages: {},
    neighbours: {encoding: "map-order-pairs-planes", cos_range: [0.5, 1.0], kept_bytes: 1, width: 1, written: 0, first_rows: 0},
    levels: [{k: 2, labels: ["left", "right"], sizes: [3, 2], centres: [[2, 0], [8, 0]], dtype: "uint8"}],
    columns: [{name: "kind", kind: "category", categories: ["a", "b"], dtype: "uint8"},
              {name: "year", kind: "number", range: [1990, 2000], dtype: "float32"}],
  };
  const qx = [0, 16384, 32768, 49151, 65535], qy = [0, 65535, 32768, 0, 65535];
  const coords = new Uint16Array([...qx, ...qy]);
  const nbrs = [[1, 2], [0, 2], [1, 3], [4, 2], [3, 2]];
  // falling along each row, and a mutual pair has one cosine (0-1, 1-2, 2-3, 3-4 are mutual)
  const {rows, pairs, cos, head} = encode(qx, qy, nbrs, [[255, 0], [255, 128], [128, 40], [60, 40], [60, 50]]);
  header.neighbours = {...head, cos_range: [0.5, 1.0]};
  const kept = new Uint8Array([0b11, 0b01, 0b00, 0b10, 0b11]);
  const enc = new TextEncoder();
  const blocks = {
    coords, labels: enc.encode(JSON.stringify(["Bank", "river", "bank", "money", "银行"])),
    nbr_rows: rows, nbr_pairs: pairs, nbr_cos: cos, nbr_kept: kept,
    // clusters [0, 0, 1, 1, 1]: all but row 2 are their nearest centre's (row 2, x = 5, ties: the first centre)
    level0: new Uint8Array([1, 2, 1]),
    column0: new Uint8Array([0, 1, 1, 0, 1]), column1: new Float32Array([1990, 1992, 1995, 1999, 2000]),
  };
  return {header, blocks};
}

test("decode turns the blocks back into coordinates, labels, neighbours and columns", () => {
  const {header, blocks} = tiny();
  const D = core.decode(header, blocks);
  assert.deepEqual(Array.from(D.x, (v) => +v.toFixed(3)), [0, 2.5, 5, 7.5, 10]);
  assert.deepEqual(Array.from(D.y, (v) => +v.toFixed(3)), [-1, 1, 0, -1, 1]);
  assert.deepEqual(D.labels, ["Bank", "river", "bank", "money", "银行"]);
  assert.deepEqual(Array.from(D.nbr), [1, 2, 0, 2, 1, 3, 4, 2, 3, 2]);
  assert.deepEqual(Array.from(D.keep), [1, 0.5, 0, 0.5, 1]);
  assert.deepEqual(Array.from(D.columns[1]), [1990, 1992, 1995, 1999, 2000]);
  const nb = core.neighbours(header, D, 1);
  assert.deepEqual(nb.map((x) => [x.row, x.label, x.kept]), [[0, "Bank", true], [2, "bank", false]]);
  assert.equal(nb[0].cosine, 1.0);
  assert.ok(Math.abs(nb[1].cosine - (0.5 + 128 / 255 * 0.5)) < 1e-9);
});

test("the map order is the Z-order of the quantised map, ties by row, at any size", () => {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const n = 3000;
  const qx = Array.from({length: n}, () => Math.floor(rand() * 65536));
  const qy = Array.from({length: n}, (_, i) => (i % 7 ? Math.floor(rand() * 65536) : qx[i]));
  qx[5] = qx[9]; qy[5] = qy[9];  // a tie: the lower row first
  const got = core.mapOrder(new Uint16Array([...qx, ...qy]), n);
  assert.deepEqual(Array.from(got), naiveOrder(qx, qy));
});

test("far neighbours take three byte planes, mutual pairs are written once, ties keep their order; a bad block is refused", () => {
  const n = 40_000, qx = [], qy = [];
  for (let i = 0; i < n; i++) { qx.push(i % 200 * 300); qy.push(Math.floor(i / 200) * 300); }
  const nbrs = Array.from({length: n}, (_, i) => [(i + 1) % n, (i + n / 2) % n]);  // near, and far and mutual
  const cosRows = nbrs.map((_, i) => (i % 3 ? [200, 100] : [150, 150]));  // every third row a tie
  cosRows.forEach((row, i) => { if (i % 3 && (i + n / 2) % 3) row[1] = cosRows[(i + n / 2) % n][1]; });
  const {rows, pairs, cos, head} = encode(qx, qy, nbrs, cosRows);
  const header = {...tiny().header, n, k: 2, levels: [], columns: [], neighbours: {...head, cos_range: [0, 1]}};
  const blocks = {coords: new Uint16Array([...qx, ...qy]), labels: new TextEncoder().encode(JSON.stringify(qx.map(String))),
                  nbr_rows: rows, nbr_pairs: pairs, nbr_cos: cos, nbr_kept: new Uint8Array(n)};
  const D = core.decode(header, blocks);
  assert.deepEqual(Array.from(D.nbr), nbrs.flat());  // exactly as written
  assert.deepEqual(Array.from(D.cos), cosRows.flat());
  assert.equal(head.width, 3);  // the far ones need three bytes
  assert.ok(head.written < 0.9 * 2 * n);  // the far pairs of one cosine (a third) written once
  assert.throws(() => core.decode(header, {...blocks, nbr_rows: rows.subarray(0, rows.length - 1)}), /do not match/);
  const wrong = new Uint8Array(pairs); wrong[0] ^= 1;  // a pair bit flipped: a row overflows or one is left short
  assert.throws(() => core.decode(header, {...blocks, nbr_pairs: wrong}), /do not match/);
});

test("a page of another data format is refused with what to do", () => {
  const {header, blocks} = tiny();
  assert.throws(() => core.decode({...header, format: core.FORMAT + 1}, blocks), /write it again/);
});

test("search finds exact labels first, then ignoring case, with every repeated row", () => {
  const {header, blocks} = tiny();
  const D = core.decode(header, blocks);
  assert.deepEqual(core.lookup(D, "bank"), [2]);
  assert.deepEqual(core.lookup(D, "BANK"), [0]);  // the first label that lower-cases to it
  assert.deepEqual(core.lookup(D, "银行"), [4]);
  assert.equal(core.lookup(D, "loan"), null);
  D.index.set("twice", [1, 3]);
  assert.deepEqual(core.lookup(D, "twice"), [1, 3]);
});

test("suggestions: prefixes, then one or two edits, nearest first, each label once (case counts)", () => {
  const {header, blocks} = tiny();
  const D = core.decode(header, blocks);
  assert.deepEqual(core.suggest(D, "rivr"), ["river"]);
  assert.deepEqual(core.suggest(D, "mon"), ["money"]);
  assert.deepEqual(core.suggest(D, "bonk"), ["Bank", "bank"]);  // two labels, in row order
  assert.deepEqual(core.suggest(D, "zzzzzz"), []);
  assert.equal(core.distance("kitten", "sitting", 5), 3);
  assert.equal(core.distance("kitten", "sitting", 1), 2);  // gives up past the limit
});

test("labels never overlap and never leave the view", () => {
  const v = {x: [0, 100], y: [0, 100], w: 400, h: 300};
  const placer = core.labelPlacer(v);
  assert.deepEqual(placer.px(50, 50), [200, 150]);
  assert.equal(placer.place([200, 150], "money", 13), true);
  assert.equal(placer.place([205, 152], "river", 13), false);  // would overlap
  assert.equal(placer.place([2, 150], "edge", 13), false);  // would leave the view
  assert.equal(placer.place([200, 190], "loan", 13), true);
  const boxes = placer.boxes;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      assert.ok(!(a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]), "two labels overlap");
    }
  }
});

test("Chinese labels are measured about twice as wide as Latin letters", () => {
  assert.equal(core.textWidth("ab", 10), 12);
  assert.equal(core.textWidth("银行", 10), 20);
});

test("cluster labels: biggest clusters first, finer levels as the view zooms in", () => {
  const levels = [
    {k: 2, labels: ["A", "B"], sizes: [10, 30], centres: [[10, 10], [90, 90]], dtype: "uint8"},
    {k: 40, labels: Array.from({length: 40}, (_, i) => "c" + i), sizes: Array(40).fill(1),
     centres: Array.from({length: 40}, (_, i) => [i * 2.5, i * 2.5]), dtype: "uint8"},
  ];
  const whole = {x: [0, 100], y: [0, 100], w: 300, h: 200};  // room for 11 labels: 40 centres do not fit
  assert.equal(core.chooseLevel(levels, whole, "auto"), 0);
  const zoomed = {x: [0, 10], y: [0, 10], w: 300, h: 200};  // 5 of the 40 in view
  assert.equal(core.chooseLevel(levels, zoomed, "auto"), 1);
  assert.equal(core.chooseLevel(levels, whole, "1"), 1);
  assert.equal(core.chooseLevel(levels, whole, "none"), -1);
  const placed = core.clusterLabels(levels[0], core.labelPlacer(whole));
  assert.deepEqual(placed.map((p) => p.text), ["B", "A"]);
});

test("colourings: clusters and categories with a legend, numbers and distortion with a colour bar", () => {
  const {header, blocks} = tiny();
  const D = core.decode(header, blocks);
  const t = i18n.translator({"atlas.colorbar.kept": "of {k} neighbours kept"});
  const c = core.colouring(header, D, "cluster", t);
  assert.equal(c.count, 2);
  assert.deepEqual(Array.from(c.values), [0, 0, 1, 1, 1]);  // nearest centres, and the one row listed
  assert.equal(D.levels[0].at(2), 1);
  assert.equal(D.levels[0].at(1), 0);
  assert.deepEqual(c.names, ["left", "right"]);
  const d = core.colouring(header, D, "distortion", t);
  assert.equal(d.title, "of 2 neighbours kept");
  assert.equal(d.cmax, 1);
  assert.deepEqual(core.colouring(header, D, "kind", t).sizes, [2, 3]);
  assert.deepEqual(core.colouring(header, D, "year", t).cmin, 1990);
  assert.equal(core.colouring(header, D, "no such", t).count, 2);  // back to clusters
});

test("the selection as CSV quotes what needs quoting and names the categories", () => {
  const {header, blocks} = tiny();
  const D = core.decode(header, blocks);
  D.labels[1] = 'say "hi", then\nleave';
  const csv = core.selectionCSV(header, D, [1, 4]);
  const lines = csv.split("\r\n");
  assert.equal(lines[0], "row,label,x,y,cluster,kept,kind,year");
  assert.equal(lines[1], '1,"say ""hi"", then\nleave",2.500038,1.000000,left,0.50,b,1992');
  assert.equal(lines[2], "4,银行,10.000000,1.000000,right,1.00,b,2000");
  assert.equal(lines[3], "");
});

test("escaping keeps markup as text", () => {
  assert.equal(core.esc("<script>&"), "&lt;script&gt;&amp;");
  assert.equal(core.short("abcdef", 4), "abc\u2026");
});

test("base-122 text reads back to its bytes, the chunks NUL, CR and < included (samples written by Python)", () => {
  const samples = [["\u0103'Ox\u0004\u0004\u0003", [0, 13, 60, 255, 1, 2, 3]],
                   ["\u0100\u0100\u0100\u0100\u0100\u0280", [0, 0, 0, 0, 0, 0, 0, 0, 0]],  // a run, ending illegal
                   ["\u001e\u000f\u0280", [60, 60]], ["\u0200", [120]], ["", []]];
  for (const [text, bytes] of samples) assert.deepEqual(Array.from(core.base122(text, bytes.length)), bytes);
  assert.throws(() => core.base122("\u001e", 4), /shorter than its header says/);
});

test("a page written by Python decodes to the same data (VIZKIT_ATLAS_FIXTURE)", {skip: !process.env.VIZKIT_ATLAS_FIXTURE}, () => {
  const dir = /** @type {string} */ (process.env.VIZKIT_ATLAS_FIXTURE);
  const header = JSON.parse(fs.readFileSync(path.join(dir, "header.json"), "utf8"));
  const expected = JSON.parse(fs.readFileSync(path.join(dir, "expected.json"), "utf8"));
  /** @type {Record<string, Uint8Array>} */
  const blocks = {};
  for (const name of fs.readdirSync(path.join(dir, "blocks"))) blocks[name] = new Uint8Array(fs.readFileSync(path.join(dir, "blocks", name)));
  // the page's own text of each block: base-122 of its gzip, as the browser reads it
  const packed = JSON.parse(fs.readFileSync(path.join(dir, "packed.json"), "utf8"));
  for (const [name, text, nbytes] of packed) {
    assert.deepEqual(new Uint8Array(zlib.gunzipSync(core.base122(text, nbytes))), blocks[name], `block ${name}`);
  }
  const D = core.decode(header, blocks);
  assert.deepEqual(D.labels, expected.labels);
  expected.x.forEach((/** @type {number} */ x, /** @type {number} */ i) => assert.ok(Math.abs(D.x[i] - x) <= expected.tolerance[0], `x of row ${i}`));
  expected.y.forEach((/** @type {number} */ y, /** @type {number} */ i) => assert.ok(Math.abs(D.y[i] - y) <= expected.tolerance[1], `y of row ${i}`));
  assert.deepEqual(Array.from(D.nbr), expected.neighbours);
  assert.deepEqual(Array.from(D.keep, (v) => Math.round(v * header.k)), expected.kept_counts);
  expected.levels.forEach((/** @type {number[]} */ want, /** @type {number} */ li) => {
    assert.deepEqual(Array.from(D.levels[li].all()), want, `level ${li}`);  // every point's cluster, exactly
    assert.equal(D.levels[li].at(7), want[7]);
  });
  const q = expected.query;
  const found = core.lookup(D, q);
  assert.ok(found);
  assert.deepEqual(core.neighbours(header, D, found[0]).map((nb) => nb.label), expected.query_neighbours);
});

test("the map's scales follow a new domain and range, as regl-scatterplot sets them", () => {
  const x = core.linearScale([-2, 6]);
  assert.deepEqual(x.range(), [0, 1]);
  x.range([0, 800]);
  assert.equal(x(2), 400);
  x.domain([0, 4]);  // the camera zoomed in on the left half
  assert.equal(x(2), 400);
  assert.equal(x.invert(200), 1);
  const y = core.linearScale([0, 10]).range([600, 0]);  // pixels grow downwards
  assert.equal(y(10), 0);
  assert.equal(y.invert(300), 5);
  assert.deepEqual(y.copy().domain(), [0, 10]);
});

test("viridis runs from dark purple to yellow, and ticks are round numbers inside the range", () => {
  const ramp = core.viridis(256);
  assert.equal(ramp.length, 256);
  assert.equal(ramp[0], "#440154");
  assert.equal(ramp[255], "#fde725");
  assert.ok(ramp.every((c) => /^#[0-9a-f]{6}$/.test(c)));
  assert.deepEqual(core.ticks(-3.7, 12.2, 5), [0, 5, 10]);
  assert.deepEqual(core.ticks(0, 1, 4), [0, 0.2, 0.4, 0.6, 0.8, 1]);  // as d3.ticks(0, 1, 4)
  assert.deepEqual(core.ticks(0.001, 0.0093, 4), [0.002, 0.004, 0.006, 0.008]);
  assert.deepEqual(core.ticks(1, 1, 5), []);
});

test("the sample drawn while the map moves is even, fixed and about the size asked", () => {
  const n = 1000000, rows = core.sample(n, 150000);
  assert.ok(Math.abs(rows.length - 150000) < 1500);
  assert.deepEqual(rows, core.sample(n, 150000));  // the same rows every time
  const tenths = new Array(10).fill(0);
  rows.forEach((r) => { tenths[Math.floor(r / (n / 10))]++; });
  assert.ok(tenths.every((c) => Math.abs(c - 15000) < 600), String(tenths));  // spread over all the rows
  assert.ok(rows.every((r, i) => i === 0 || r > rows[i - 1]));  // sorted, as regl-scatterplot's filter wants
  assert.equal(core.sample(100, 500).length, 100);
});

test("the selection's CSV written part by part is the CSV written whole", () => {
  const n = 7, header = {levels: [], columns: [{name: "kind", kind: "category", categories: ["a", "b,c"]}]};
  const D = {labels: ["x", 'say "hi"', "z", "w", "v", "u", "t"], x: new Float32Array(n).fill(0.5), y: new Float32Array(n),
             keep: new Float32Array(n).fill(1), levels: [], columns: [Uint8Array.from([0, 1, 0, 1, 0, 1, 0])]};
  const rows = [6, 0, 1, 3, 5];
  const whole = core.selectionCSV(header, D, rows);
  const parts = [0, 2, 4].map((i) => core.selectionCSV(header, D, rows, i, i + 2)).join("");
  assert.equal(parts, whole);
  assert.equal(whole.split("\r\n").length, rows.length + 2);  // the header, the rows, and the last line end
  assert.ok(whole.includes('1,"say ""hi""",0.500000,0.000000,,1.00,"b,c"'));
  assert.equal(core.selectionCSV(header, D, [], 0, 50000), "row,label,x,y,cluster,kept,kind\r\n");
});
