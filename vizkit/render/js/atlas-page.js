// @ts-check
// Starts every atlas on a page: each ``.vizkit-atlas-root`` element names its data container
// (``data-blocks``) and whether the address's ``#search=`` drives it (``data-hash``). The first atlas of a
// whole page is also ``window.vizkit``, the handle tests and the console use.
(function () {
  /** @type {any} */
  var G = globalThis;
  var roots = /** @type {HTMLElement[]} */ (Array.from(document.querySelectorAll(".vizkit-atlas-root:not([data-started])")));
  roots.forEach(function (root) {
    root.setAttribute("data-started", "");
    var data = document.getElementById(root.getAttribute("data-blocks") || "");
    if (!data) return;
    var header = JSON.parse((data.querySelector("[data-header]") || {textContent: "{}"}).textContent || "{}");
    var api = G.vizkitAtlas.create(root, header, G.vizkitAtlas.inlineBlocks(data),
                                   {hash: root.getAttribute("data-hash") === "true"});
    if (root.id === "vizkit-root") G.vizkit = api;
  });
})();
