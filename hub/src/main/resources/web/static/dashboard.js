// Jiaohao hub dashboard: draws the charts of the office page and refreshes the all-offices table.
// No inline scripts anywhere (the Content-Security-Policy forbids them): data comes from
// <script type="application/json"> blocks and the JSON API.
(function () {
  'use strict';

  // durations as on the server (Html.duration): never mistakable for a clock time
  function dur(s) {
    if (s === null || s === undefined) return '–';
    s = Math.round(s);
    var zh = document.body.getAttribute('data-lang') !== 'en';
    if (s >= 3600) {
      var m = Math.floor(s / 60);
      return zh ? Math.floor(m / 60) + ' 小時 ' + (m % 60) + ' 分' : Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
    }
    if (s >= 60) return zh ? Math.floor(s / 60) + ' 分 ' + (s % 60) + ' 秒' : Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
    return zh ? s + ' 秒' : s + ' s';
  }
  function pct(x) { return x === null || x === undefined ? '–' : (x * 100).toFixed(1) + '%'; }
  function num(x) { return x === null || x === undefined ? '–' : String(x); }

  function drawCharts() {
    var el = document.getElementById('chart-data');
    if (!el || typeof Chart === 'undefined') return;
    var data = JSON.parse(el.textContent);
    var common = { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } } };
    var done = function (canvas) { canvas.setAttribute('data-drawn', 'true'); };
    var hours = document.getElementById('chart-hours');
    if (hours) {
      new Chart(hours, { type: 'bar', options: common,
        data: { labels: data.hours.map(function (_, i) { return i; }),
          datasets: [{ label: data.labels.tickets, data: data.hours, backgroundColor: '#0b6e99' }] } });
      done(hours);
    }
    var waits = document.getElementById('chart-waits');
    if (waits) {
      var n = data.waits.length;
      new Chart(waits, { type: 'bar', options: common,
        data: { labels: data.waits.map(function (_, i) { return i === n - 1 ? '≥' + i : String(i); }),
          datasets: [{ label: data.labels.called, data: data.waits, backgroundColor: '#4292c6' }] } });
      done(waits);
    }
    var mix = document.getElementById('chart-mix');
    if (mix) {
      var palette = ['#0b6e99', '#e08a1e', '#1d7a3a', '#8e44ad', '#b3261e', '#5b6775', '#17a2b8', '#c0a000'];
      new Chart(mix, { type: 'doughnut',
        options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { position: 'right' } } },
        data: { labels: data.mix.map(function (m) { return m.category + ' ' + m.label; }),
          datasets: [{ data: data.mix.map(function (m) { return m.tickets; }),
            backgroundColor: data.mix.map(function (_, i) { return palette[i % palette.length]; }) }] } });
      done(mix);
    }
  }

  function pollOffices() {
    var body = document.getElementById('offices-body');
    if (!body) return;
    var seconds = parseInt(body.getAttribute('data-poll'), 10) || 5;
    var fields = {
      waitingNow: num, servingNow: num, ticketsToday: num, waitMean: dur, waitP90: dur,
      withinTargetShare: pct, ratingMean: function (x) { return x === null || x === undefined ? '–' : x.toFixed(2); }, openAlerts: num
    };
    setInterval(function () {
      fetch('/api/dashboard/offices', { credentials: 'same-origin' }).then(function (r) {
        if (r.status === 401) { window.location = '/login?next=/offices'; return null; }
        return r.ok ? r.json() : null;
      }).then(function (rows) {
        if (!rows) return;
        rows.forEach(function (row) {
          var tr = body.querySelector('tr[data-office="' + row.office + '"]');
          if (!tr) return;
          Object.keys(fields).forEach(function (f) {
            var td = tr.querySelector('td[data-f="' + f + '"]');
            if (td) td.textContent = fields[f](row[f]);
          });
        });
        body.setAttribute('data-refreshed', new Date().toISOString());
      }).catch(function () { /* next tick retries */ });
    }, seconds * 1000);
  }

  document.addEventListener('DOMContentLoaded', function () { drawCharts(); pollOffices(); });
}());
