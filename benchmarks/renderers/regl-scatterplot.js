// regl-scatterplot (global reglScatterplot, from entry-regl-scatterplot.js) drawing the benchmark's points:
// coloured by category, its own camera (wheel zooms, drag pans), select() + zoomToPoints() to highlight.
(function () {
  "use strict";
  var d = bench.data, n = d.n, m = d.meta;
  var canvas = document.createElement("canvas");
  document.getElementById("plot").appendChild(canvas);
  var plot = reglScatterplot.createScatterplot(Object.assign({
    canvas: canvas,
    width: m.width,
    height: m.height,
    backgroundColor: "#ffffff",
    pointSize: m.size,
    opacity: m.opacity,
    pointColor: bench.palette.hex,
    colorBy: "valueA",
    // with colorBy, the selected and hovered colours are looked up per category, but only when all three lists
    // have one colour per category (else selected points keep their category's colour)
    pointColorActive: bench.palette.hex.map(function () { return "#ff0000"; }),
    pointColorHover: bench.palette.hex.map(function () { return "#000000"; }),
    pointSizeSelected: 8,
    pointOutlineWidth: 1,
    opacityInactiveScale: 0.25,
    aspectRatio: m.aspect,
  }, m.options));  // e.g. {performanceMode: true}
  // Planar coordinates already scaled into [-1, 1] (regl-scatterplot's normalised device coordinates).
  bench.drawn(plot.draw({x: d.xy.subarray(0, n), y: d.xy.subarray(n), valueA: d.cat}, {zDataType: "categorical"}));
  plot.subscribe("pointOver", function (i) { bench.hover(i); });
  plot.subscribe("pointOut", function () { bench.hover(-1); });

  bench.highlight = function (ids) {
    plot.select(ids, {preventEvent: true});
    return plot.zoomToPoints(ids, {padding: 1, transition: false});  // resolves when drawn
  };
})();
