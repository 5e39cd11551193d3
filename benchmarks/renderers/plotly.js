// plotly.js scattergl (global Plotly, the full bundle) drawing the benchmark's points as today's atlas does
// (vizkit/render/js/atlas.js: one trace, category colours through a discrete colour scale, hoverinfo "none" and
// plotly_hover for the tooltip), with scrollZoom and drag-to-pan; highlighting is plotly's own selectedpoints.
(function () {
  "use strict";
  var d = bench.data, n = d.n, m = d.meta, k = m.categories, gd = document.getElementById("plot");
  var scale = [];
  bench.palette.hex.forEach(function (c, i) { scale.push([i / k, c], [(i + 1) / k, c]); });
  var trace = {
    type: "scattergl", mode: "markers", x: d.xy.subarray(0, n), y: d.xy.subarray(n), hoverinfo: "none",
    marker: {color: d.cat, colorscale: scale, cmin: -0.5, cmax: k - 0.5, showscale: false, size: m.size,
             opacity: m.opacity},
    selected: {marker: {color: "#ff0000", size: m.size + 8, opacity: 1}},
    unselected: {marker: {opacity: 0.25 * m.opacity}},
  };
  var axis = {showgrid: false, zeroline: false, showticklabels: false};
  var layout = {width: m.width, height: m.height, margin: {l: 20, r: 20, t: 10, b: 20}, hovermode: "closest",
                dragmode: "pan", showlegend: false, plot_bgcolor: "#fff", xaxis: axis, yaxis: Object.assign({}, axis)};
  bench.drawn(Plotly.newPlot(gd, [trace], layout, {displaylogo: false, scrollZoom: true}).then(function () {
    gd.on("plotly_hover", function (e) { bench.hover(e.points[0].pointIndex); });
    gd.on("plotly_unhover", function () { bench.hover(-1); });
  }));

  bench.highlight = function (ids) {
    var xs = ids.map(function (i) { return d.xy[i]; }), ys = ids.map(function (i) { return d.xy[n + i]; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var hx = Math.max(x1 - x0, 1e-6), hy = Math.max(y1 - y0, 1e-6);
    return Plotly.update(gd, {selectedpoints: [ids]},
                         {"xaxis.range": [x0 - hx / 2, x1 + hx / 2], "yaxis.range": [y0 - hy / 2, y1 + hy / 2]}, [0]);
  };
})();
