// @ts-check
// The atlas as an anywidget: the page's renderer (atlas.js) bound to the widget's traits both ways.
// vizkit/widgets/atlas.py builds this module from plotly.js's gl3d bundle and regl-scatterplot (each sets its
// global itself), i18n.js, atlas-core.js, atlas-2d.js, atlas-3d.js, atlas.js and this file
// (vizkit.render.assets.bundle), in that order.

/** @param {{model: any, el: HTMLElement & {vizkitAtlas?: any}}} ctx */
function render({ model, el }) {
  /** @type {any} */
  const G = globalThis;
  /** @type {any} */
  let api = null;
  let ready = false;
  const sync = () => {  // Python changed a trait: bring the page to it (atlas-core.js syncPlan)
    if (!ready) return;
    const want = {query: model.get("query"), color: model.get("color"), level: model.get("level"),
                  selected: model.get("selected")};
    for (const [method, value] of G.vizkitAtlasCore.syncPlan(want, api.state())) api[method](value);
  };
  const mount = () => {  // a new layout (semantic axes set from Python) sends a new header and blocks
    if (api) api.destroy();
    ready = false;
    const given = model.get("blocks"), blocks = /** @type {Record<string, any>} */ ({});
    for (const name of Object.keys(given)) blocks[name] = given[name];
    el.style.height = model.get("height") + "px";
    const mine = G.vizkitAtlas.create(el, model.get("header"), Promise.resolve(blocks), {
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
