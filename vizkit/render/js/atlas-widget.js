// @ts-check
// The atlas as an anywidget: the page's renderer (atlas.js) bound to the widget's traits both ways.
// vizkit/widgets/atlas.py builds this module from plotly.js (which sets window.Plotly itself), i18n.js,
// atlas-core.js, atlas.js and this file (vizkit.render.assets.bundle), in that order.

/** @param {{model: any, el: HTMLElement & {vizkitAtlas?: any}}} ctx */
function render({ model, el }) {
  /** @type {any} */
  const G = globalThis;
  /** @type {any} */
  let api = null;
  let ready = false;
  const sync = () => {
    if (!ready) return;
    const q = model.get("query");
    if (q && q !== api.state().query) api.search(q);
    if (model.get("color") !== api.state().color) api.setColor(model.get("color"));
    if (model.get("level") !== api.state().level) api.setLevel(model.get("level"));
    const want = model.get("selected"), have = api.state().selected;
    if (want.length !== have.length || want.some(/** @param {number} r @param {number} i */ (r, i) => r !== have[i])) api.select(want);
  };
  const mount = () => {  // a new layout (semantic axes set from Python) sends a new header and blocks
    if (api) G.Plotly.purge(api.plot);
    ready = false;
    const given = model.get("blocks"), blocks = /** @type {Record<string, any>} */ ({});
    for (const name of Object.keys(given)) blocks[name] = given[name];
    el.style.height = model.get("height") + "px";
    const mine = G.vizkitAtlas.create(el, model.get("header"), Promise.resolve(blocks), {
      Plotly: G.Plotly,
      onSearch: (/** @type {string} */ query) => { if (model.get("query") !== query) { model.set("query", query); model.save_changes(); } },
      onSelect: (/** @type {number[]} */ rows) => { model.set("selected", rows.slice()); model.save_changes(); },
    });
    api = mine;
    el.vizkitAtlas = mine;  // for tests and the curious: the same handle as the page's window.vizkit
    mine.ready.then(() => {
      if (api !== mine) return;
      ready = true;
      sync();
      model.set("rendered", true);
      model.save_changes();
    });
  };
  for (const name of ["query", "color", "level", "selected"]) model.on("change:" + name, sync);
  model.on("change:header", mount);
  mount();
}
export default { render };
