// esbuild entry of vizkit/render/vendor/regl-scatterplot.min.js (`make vendor-js`): regl-scatterplot's
// createScatterplot as the global `reglScatterplot`, for pages and the widget's module alike.
import createScatterplot from "regl-scatterplot";

globalThis.reglScatterplot = { createScatterplot };
