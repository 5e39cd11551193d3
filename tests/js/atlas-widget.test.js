// @ts-check
// The atlas widget's two-way state, without a browser: atlas-widget.js driven through a stand-in anywidget
// model and a stand-in atlas that records what it is asked to do. Run by node --test tests/js.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const { pathToFileURL } = require("node:url");
const core = require("../../vizkit/render/js/atlas-core.js");

test("the sync plan changes only what differs, in order", () => {
  const have = {query: "king", color: "cluster", level: 0, selected: [1, 2]};
  assert.deepEqual(core.syncPlan({...have}, have), []);
  assert.deepEqual(core.syncPlan({query: "queen", color: "distortion", level: 1, selected: [2, 1]}, have),
                   [["search", "queen"], ["setColor", "distortion"], ["setLevel", 1], ["select", [2, 1]]]);
  assert.deepEqual(core.syncPlan({...have, query: null}, have), []);  // a cleared trait leaves the page's search
  assert.deepEqual(core.syncPlan({...have, selected: []}, have), [["select", []]]);
});

/** A stand-in anywidget model: traits, change listeners, and what was saved. */
function fakeModel(traits) {
  const listeners = {}, saved = [];
  return {
    traits, saved,
    get: (name) => traits[name],
    set: (name, value) => { traits[name] = value; },
    save_changes: () => saved.push({...traits}),
    on: (event, fn) => { (listeners[event] = listeners[event] || []).push(fn); },
    /** Python sets a trait: the listeners run, as the widget manager calls them. */
    python: (name, value) => { traits[name] = value; (listeners["change:" + name] || []).forEach((fn) => fn()); },
  };
}

/** A stand-in atlas: the page's state, and every call made on it. */
function fakeAtlas() {
  const made = [];
  globalThis.vizkitAtlasCore = core;
  globalThis.vizkitAtlas = {
    create(el, header, blocks, options) {
      const state = {query: null, color: header.color, level: 0, selected: []}, calls = [];
      let resolve;
      const api = {
        plot: {header: header.title}, calls, options, state: () => ({...state, selected: state.selected.slice()}),
        ready: new Promise((r) => { resolve = r; }),
        search: (q) => { calls.push(["search", q]); state.query = q; options.onSearch(q); },
        setColor: (c) => { calls.push(["setColor", c]); state.color = c; },
        setLevel: (l) => { calls.push(["setLevel", l]); state.level = l; },
        select: (rows) => { calls.push(["select", rows]); state.selected = rows.slice(); options.onSelect(rows); },
        open: () => resolve(),
        destroy: () => made.push({destroyed: header.title}),
      };
      made.push(api);
      return api;
    },
  };
  return made;
}

test("the widget and its model stay in step both ways", async () => {
  const made = fakeAtlas();
  const { default: widget } = await import(pathToFileURL(path.join(__dirname, "../../vizkit/render/js/atlas-widget.js")).href);
  const model = fakeModel({header: {title: "first", color: "cluster"}, blocks: {coords: "AAAA"}, height: 480,
                           query: "king", color: "cluster", level: 0, selected: [], rendered: false});
  const el = {style: {}};
  widget.render({model, el});
  const api = made[0];
  assert.equal(el.style.height, "480px");
  model.python("color", "distortion");  // before the page is ready: nothing is done yet
  assert.deepEqual(api.calls, []);
  api.open();
  await api.ready;
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(api.calls, [["search", "king"], ["setColor", "distortion"]]);  // what Python asked before
  assert.equal(model.traits.rendered, true);
  model.python("selected", [3, 4]);  // Python selects rows: the page selects them, once
  assert.deepEqual(api.calls.slice(2), [["select", [3, 4]]]);
  const before = api.calls.length;
  api.search("queen");  // the learner types: the trait follows, and the echo does not search again
  assert.equal(model.traits.query, "queen");
  model.python("query", "queen");
  assert.equal(api.calls.length, before + 1);
  api.select([7]);  // a lasso on the page: Python gets the rows
  assert.deepEqual(model.traits.selected, [7]);
  assert.deepEqual(model.saved.at(-1).selected, [7]);
  model.python("header", {title: "second", color: "cluster"});  // new axes from Python: the map is made again
  assert.deepEqual(made[1], {destroyed: "first"});  // after the old one let go of its WebGL context
  assert.equal(made.length, 3);
  assert.equal(typeof made[2].options.onSelect, "function");
});
