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
