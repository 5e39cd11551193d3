// esbuild entry for the regl-scatterplot bundle (benchmarks/renderers.py --build): the global `reglScatterplot`.
export { default as createScatterplot } from "regl-scatterplot";
