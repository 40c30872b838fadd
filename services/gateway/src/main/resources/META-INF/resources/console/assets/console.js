// Kechuang console: the CSRF header on every htmx request, the charts, and field errors marked for assistive
// technology. No inline scripts: the Content-Security-Policy allows scripts from this origin only.
(function () {
  'use strict';

  function csrf() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  document.addEventListener('htmx:configRequest', function (event) {
    event.detail.headers['X-CSRF-Token'] = csrf();
  });

  // After an error fragment is swapped in (its field messages go out of band next to their fields), mark every
  // field whose message is not empty, and move focus to the summary.
  document.addEventListener('htmx:afterSettle', function () {
    document.querySelectorAll('.field-error[id^="err-"]').forEach(function (span) {
      var invalid = span.textContent.trim() !== '';
      document.querySelectorAll('[aria-describedby~="' + span.id + '"]').forEach(function (field) {
        if (invalid) { field.setAttribute('aria-invalid', 'true'); } else { field.removeAttribute('aria-invalid'); }
      });
    });
    var alert = document.querySelector('[id^="errors-"] [role="alert"]');
    if (alert) { alert.setAttribute('tabindex', '-1'); alert.focus(); }
  });

  function draw(element, option) {
    if (!window.echarts || !option) { return; }
    var chart = window.echarts.init(element, null, { renderer: 'svg' });
    chart.setOption(option);
    window.addEventListener('resize', function () { chart.resize(); });
  }

  function charts() {
    document.querySelectorAll('[data-chart]').forEach(function (element) {
      var source = document.getElementById(element.getAttribute('data-chart'));
      if (source) { draw(element, JSON.parse(source.textContent)); }
    });
    document.querySelectorAll('[data-chart-set]').forEach(function (element) {
      var source = document.getElementById(element.getAttribute('data-chart-set'));
      if (source) { draw(element, JSON.parse(source.textContent)[element.getAttribute('data-chart-key')]); }
    });
  }

  // This script is deferred, like ECharts (which a page loads after it): DOMContentLoaded comes after both ran.
  document.addEventListener('DOMContentLoaded', charts);
})();
