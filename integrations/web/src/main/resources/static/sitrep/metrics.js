// Draws the metrics page's charts with uPlot (served from its WebJar) from the page's own JSON block
// (<script type="application/json" id="metrics-data">: data, never run). The tables under the charts
// hold the same figures as text; the charts are hidden from screen readers.
(function () {
  'use strict';
  var block = document.getElementById('metrics-data');
  if (!block || !window.uPlot) {
    return;
  }
  var data = JSON.parse(block.textContent);
  var colours = { SEV1: '#a40e26', SEV2: '#bc4c00', SEV3: '#7d5e00', SEV4: '#3b5b7a' };

  function colour(label) {
    return colours[label.split(' ')[0]] || '#0b5cad';
  }

  function draw(id, title, chart, unit) {
    var target = document.getElementById(id);
    if (!target) {
      return;
    }
    var series = [{}].concat(chart.series.map(function (s) {
      var line = { label: s.label, stroke: colour(s.label), width: 2, spanGaps: false,
        points: { show: true, size: 6 }, value: function (u, v) { return v == null ? '—' : v + unit; } };
      if (/p90$/.test(s.label)) {
        line.dash = [6, 4];
      }
      return line;
    }));
    var width = Math.max(320, Math.min(target.clientWidth || 900, 1100));
    new uPlot({ title: title, width: width, height: 260, series: series, scales: { x: { time: true } },
      axes: [{}, { label: unit.trim() || 'count' }] },
      [chart.x].concat(chart.series.map(function (s) { return s.values; })), target);
    target.setAttribute('data-drawn', 'true');
  }

  draw('chart-weekly', 'Incidents per week', data.weekly, '');
  ['acknowledge', 'mitigate', 'resolve'].forEach(function (name) {
    var chart = data.durations[name];
    draw('chart-' + name, chart.label + ' (minutes)', chart, ' min');
  });
  draw('chart-overdue', 'Incidents with an overdue update', data.overdue, ' %');
})();
