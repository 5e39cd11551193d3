// esbuild entry for a slim deck.gl bundle (only what the atlas would draw with): the global `deck`, like the
// published dist.min.js, so that benchmarks/renderers/deck.js drives either.
export { Deck, OrthographicView } from "@deck.gl/core";
export { ScatterplotLayer } from "@deck.gl/layers";
