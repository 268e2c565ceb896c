// mamori console: draws the overview chart with uPlot. No inline scripts (the CSP forbids them).
(function () {
  function drawTimeline() {
    var host = document.getElementById('timeline-chart');
    var data = document.getElementById('timeline-data');
    if (!host || !data || typeof uPlot === 'undefined' || host.dataset.drawn) return;
    host.dataset.drawn = '1';
    var d = JSON.parse(data.textContent || '{}');
    var xs = d.x.map(function (b) {
      return Date.parse(d.bucket === 'hour' ? b + ':00:00Z' : b + 'T00:00:00Z') / 1000;
    });
    var opts = {
      width: host.clientWidth || 800,
      height: 260,
      scales: { x: { time: true } },
      legend: { live: false },
      series: [
        {},
        { label: d.labels.total, stroke: '#1d4ed8', fill: 'rgba(29,78,216,0.08)', width: 2 },
        { label: d.labels.blocked, stroke: '#d92d20', fill: 'rgba(217,45,32,0.10)', width: 2 },
        { label: d.labels.alerted, stroke: '#dc6803', width: 1.5 },
      ],
      // Day buckets get day ticks only; hour buckets let uPlot choose.
      axes: [d.bucket === 'day' ? { grid: { stroke: '#eef2f6' }, incrs: [86400, 172800, 604800, 2592000] } : { grid: { stroke: '#eef2f6' } }, { grid: { stroke: '#eef2f6' } }],
    };
    var plot = new uPlot(opts, [xs, d.total, d.blocked, d.alerted], host);
    window.addEventListener('resize', function () {
      plot.setSize({ width: host.clientWidth, height: 260 });
    });
  }
  document.addEventListener('DOMContentLoaded', drawTimeline);
  document.addEventListener('htmx:afterSettle', drawTimeline);
})();
