/* Injected by bench/browser.py before any page script runs (CDP Page.addScriptToEvaluateOnNewDocument).
   It records, on the page's own clock (performance.now(), 0 = navigation start):
   - firstPaint: the first animation frame in which the MapLibre map inside #map has finished loading its
     sources and tiles AND renders choropleth features (queryRenderedFeatures is non-empty);
   - for a watched input (window.__bench.watch()): the input's event time, the frame where the figure's data
     changed, and the frame where the rendered features' fill colours differ from before (= map repainted);
   - the bodies of the POST /_dash-update-component requests (to replay them in the load test). */
(function () {
  if (window.__bench) { return; }
  try { performance.setResourceTimingBufferSize(100000); } catch (e) { /* older browsers */ }
  var B = window.__bench = {firstPaint: null, firstFeatures: 0, inputs: [], posts: [], w: null, marks: {}};

  document.addEventListener('click', function (e) {
    B.inputs.push({t: e.timeStamp, type: 'click', id: (e.target && e.target.id) || ''});
  }, true);
  document.addEventListener('keydown', function (e) {
    B.inputs.push({t: e.timeStamp, type: 'key', key: e.key});
  }, true);

  var origFetch = window.fetch;
  window.fetch = function (input, init) {
    try {
      var url = typeof input === 'string' ? input : (input && input.url) || '';
      if (url.indexOf('_dash-update-component') >= 0 && init && typeof init.body === 'string') {
        B.posts.push({t: performance.now(), body: init.body});
      }
    } catch (e) { /* never break the page */ }
    return origFetch.apply(this, arguments);
  };

  function mapOf() {
    var gd = document.querySelector('#map .js-plotly-plot');
    var fl = gd && gd._fullLayout;
    var sub = fl && fl.map && fl.map._subplot;
    return sub && sub.map ? {gd: gd, m: sub.map} : null;
  }
  function ready(m) {
    try { return m.loaded() && m.areTilesLoaded() && !m.isMoving(); } catch (e) { return false; }
  }
  function fingerprint(m) {
    try {
      var fs = m.queryRenderedFeatures();
      var parts = [];
      for (var i = 0; i < fs.length; i++) {
        var p = fs[i].properties || {};
        parts.push((fs[i].layer ? fs[i].layer.id : '') + ':' + (p.fc || p.fillColor || '') + ':' + (p.mo || ''));
      }
      parts.sort();
      return {n: fs.length, fp: parts.join('|')};
    } catch (e) { return {n: 0, fp: ''}; }
  }
  function dataKey(gd) {
    try { return JSON.stringify((gd.data || []).map(function (t) { return [t.z, t.locations]; })); }
    catch (e) { return ''; }
  }
  B.snapshot = function () {
    var o = mapOf();
    if (!o) { return null; }
    var f = fingerprint(o.m);
    return {ready: ready(o.m), n: f.n, fp: f.fp, data: dataKey(o.gd)};
  };
  /* Arm before the input; bench/browser.py then clicks or presses a key and polls B.w. */
  B.watch = function () {
    var s = B.snapshot();
    B.w = {armedAt: performance.now(), data0: s ? s.data : '', fp0: s ? s.fp : '', dataAt: null, readyAt: null,
           paintAt: null, features: 0};
    return B.w.armedAt;
  };
  function mark(name, cond) {
    if (B.marks[name] === undefined && cond) { B.marks[name] = performance.now(); }
  }
  function tick() {
    if (B.firstPaint === null) {  /* milestones of the first load, for the breakdown in the report */
      mark('plotly', !!window.Plotly);
      mark('mapDiv', !!document.querySelector('#map .js-plotly-plot'));
      mark('canvas', !!document.querySelector('#map canvas.maplibregl-canvas'));
    }
    var o = mapOf();
    if (o) {
      if (B.firstPaint === null && ready(o.m)) {
        var f = fingerprint(o.m);
        if (f.n > 0) { B.firstPaint = performance.now(); B.firstFeatures = f.n; }
      }
      var w = B.w;
      if (w && w.paintAt === null) {
        var now = performance.now();
        if (w.dataAt === null && dataKey(o.gd) !== w.data0) { w.dataAt = now; }
        if (w.dataAt !== null && ready(o.m)) {
          var g = fingerprint(o.m);
          if (g.n > 0 && w.readyAt === null) { w.readyAt = now; }
          if (g.n > 0 && g.fp !== w.fp0) { w.paintAt = now; w.features = g.n; }
        }
      }
    }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})();
