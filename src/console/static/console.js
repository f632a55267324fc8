// The console's only script (no inline script: the CSP allows files from /console/static only). It draws the
// calls and payments per minute with uPlot from /console/api/series, sent with the session cookie.
'use strict';

(function () {
  const box = document.getElementById('chart');
  const status = document.getElementById('chart-status');
  if (!box || typeof uPlot === 'undefined') return;

  function draw(series) {
    const width = Math.max(320, box.clientWidth);
    const opts = {
      width,
      height: 260,
      scales: { x: { time: true } },
      // The console's day is Beijing's (UTC+8), whatever the browser's zone.
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Asia/Shanghai'),
      series: [
        {},
        { label: 'Calls', stroke: '#1f6feb', width: 2 },
        { label: 'Payments', stroke: '#bf8700', width: 2 },
        { label: 'Approved', stroke: '#1a7f37', width: 2, fill: 'rgba(26,127,55,0.12)' },
      ],
      axes: [{}, { label: 'per minute' }],
    };
    const plot = new uPlot(opts, [series.minutes, series.calls, series.payments, series.approved], box);
    window.addEventListener('resize', () => plot.setSize({ width: Math.max(320, box.clientWidth), height: 260 }));
  }

  fetch(box.dataset.series, { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then((res) => {
      if (!res.ok) throw new Error(`the series answered ${res.status}`);
      return res.json();
    })
    .then((series) => {
      draw(series);
      if (status) status.remove();
    })
    .catch((err) => {
      if (status) status.textContent = `The chart could not load: ${err.message}`;
    });
})();
