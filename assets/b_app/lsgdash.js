/* lsgdash in the browser: keyboard stepping for presenters, and SVG export of a figure.
   ←/→ step the year (or vote), space plays/pauses; typing in a field is never intercepted. */
(function () {
  function press(id) {
    var el = document.getElementById(id);
    if (el && !el.disabled) { el.click(); }
  }
  document.addEventListener('keydown', function (e) {
    var t = e.target || {};
    var tag = (t.tagName || '').toLowerCase();
    if (e.altKey || e.ctrlKey || e.metaKey || t.isContentEditable) { return; }
    if (tag === 'input' || tag === 'textarea' || tag === 'select') { return; }
    if (t.getAttribute && t.getAttribute('role') === 'slider') { return; }
    if (e.key === 'ArrowLeft') { press('period-prev'); e.preventDefault(); }
    else if (e.key === 'ArrowRight') { press('period-next'); e.preventDefault(); }
    else if (e.key === ' ' && t.id !== 'play') { press('play'); e.preventDefault(); }
  });

  /* Fit Kazakhstan (46.5-87.3°E, 40.5-55.5°N) to the map's size: a projector at 1366x768 and a wide
     monitor need different zooms. Runs once per page and on resize; a user's own zoom is kept after. */
  var BOUNDS = {west: 46.5, east: 87.3, south: 40.5, north: 55.5};
  function mercY(lat) { return Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)); }
  function fitMap() {
    var gd = document.querySelector('#map .js-plotly-plot');
    if (!gd || !gd._fullLayout || !gd._fullLayout.map || !window.Plotly) { return; }
    var size = gd._fullLayout._size;
    var w = size.w, h = size.h;
    var zx = Math.log2(w * 360 / (512 * (BOUNDS.east - BOUNDS.west)));
    var zy = Math.log2(h * 2 * Math.PI / (512 * (mercY(BOUNDS.north) - mercY(BOUNDS.south))));
    var zoom = Math.round((Math.min(zx, zy) - 0.08) * 100) / 100;
    var centre = {lon: (BOUNDS.west + BOUNDS.east) / 2, lat: 48.3};
    window.Plotly.relayout(gd, {'map.zoom': zoom, 'map.center': centre});
  }
  var fitted = false;
  var observer = new MutationObserver(function () {
    var gd = document.querySelector('#map .js-plotly-plot');
    if (!fitted && gd && gd._fullLayout && gd._fullLayout.map) { fitted = true; fitMap(); }
  });
  document.addEventListener('DOMContentLoaded', function () {
    observer.observe(document.body, {childList: true, subtree: true});
  });
  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(fitMap, 250);
  });

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    lsgdash: {
      downloadSvg: function (n, id) {
        var el = n && document.getElementById(id.graph);
        var gd = el && (el.classList.contains('js-plotly-plot') ? el : el.querySelector('.js-plotly-plot'));
        if (gd && window.Plotly) {
          window.Plotly.downloadImage(gd, {format: 'svg', filename: 'lsgdash-' + id.graph});
        }
        return window.dash_clientside.no_update;
      }
    }
  });
})();
