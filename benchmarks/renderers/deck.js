// deck.gl (global deck: the published dist.min.js or the slim esbuild bundle of entry-deck-slim.js) drawing the
// benchmark's points: a ScatterplotLayer on binary attributes in an OrthographicView with deck's controller
// (wheel zooms, drag pans); highlighting dims the layer and draws the ids in a second, small layer.
(function () {
  "use strict";
  var d = bench.data, n = d.n, m = d.meta, b = m.bounds;
  var colors = new Uint8Array(3 * n), rgb = bench.palette.rgb;
  for (var i = 0; i < n; i++) {
    var c = 3 * d.cat[i];
    colors[3 * i] = rgb[c]; colors[3 * i + 1] = rgb[c + 1]; colors[3 * i + 2] = rgb[c + 2];
  }
  // One data object for the life of the page: deck compares it by reference, so new layers reuse its buffers.
  var points = {length: n, attributes: {
    getPosition: {value: d.xy, size: 2},  // interleaved x y
    getFillColor: {value: colors, size: 3, normalized: true},
  }};

  function fit(x0, x1, y0, y1, pad) {
    var w = Math.max(x1 - x0, 1e-6) * pad, h = Math.max(y1 - y0, 1e-6) * pad;
    return {target: [(x0 + x1) / 2, (y0 + y1) / 2, 0], zoom: Math.log2(Math.min(m.width / w, m.height / h)),
            minZoom: -10, maxZoom: 30};
  }
  function layers(highlighted) {
    var out = [new deck.ScatterplotLayer({
      id: "points", data: points, radiusUnits: "pixels", getRadius: m.size / 2, stroked: false,
      opacity: highlighted ? 0.25 * m.opacity : m.opacity, pickable: true,
    })];
    if (highlighted) {
      out.push(new deck.ScatterplotLayer({
        id: "highlight", data: highlighted, getPosition: function (p) { return p; }, radiusUnits: "pixels",
        getRadius: (m.size + 8) / 2, getFillColor: [255, 0, 0], stroked: true, getLineColor: [255, 255, 255],
        lineWidthUnits: "pixels", getLineWidth: 1,
      }));
    }
    return out;
  }

  var firstDrawn, afterRender = null;
  var first = new Promise(function (resolve) { firstDrawn = resolve; });
  var instance = new deck.Deck({
    parent: document.getElementById("plot"),
    width: m.width,
    height: m.height,
    views: new deck.OrthographicView({id: "map", flipY: false}),
    controller: true,
    initialViewState: fit(b[0], b[1], b[2], b[3], 1.05),
    layers: layers(null),
    onHover: function (info) { bench.hover(info.index); },
    onAfterRender: function () {
      if (firstDrawn) { firstDrawn(); firstDrawn = null; }
      if (afterRender) { var f = afterRender; afterRender = null; f(); }
    },
  });
  bench.drawn(first);

  bench.highlight = function (ids) {
    var sel = ids.map(function (i) { return [d.xy[2 * i], d.xy[2 * i + 1]]; });
    var xs = sel.map(function (p) { return p[0]; }), ys = sel.map(function (p) { return p[1]; });
    return new Promise(function (resolve) {
      afterRender = resolve;
      instance.setProps({
        layers: layers(sel),
        // a new initialViewState moves deck's own (controller's) view
        initialViewState: fit(Math.min.apply(null, xs), Math.max.apply(null, xs), Math.min.apply(null, ys),
                              Math.max.apply(null, ys), 2),
      });
    });
  };
})();
