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

  // The notice form prefills an office's notices' defaults (the settings page, "Notices' defaults")
  // for a notice to exactly one office: the supply area of a water outage, and "shown from" = the
  // outage start minus the lead days, moving an untouched "shown until" so it is never before it.
  // For several offices or none, an untouched prefill is taken back; a field the user changed
  // (an input event: setting .value from a script fires none) is never overwritten.
  var DATE_TIME = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})\s*$/;
  function parseLocal(v) {
    var m = DATE_TIME.exec(String(v || '').replace(/[\uFF10-\uFF19]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); }));
    if (!m) return null;
    var t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]); // wall time carried in UTC fields: whole days, no zone
    var d = new Date(t);
    return d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] ? t : null;
  }
  function formatLocal(t) {
    var d = new Date(t);
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return d.getUTCFullYear() + '-' + two(d.getUTCMonth() + 1) + '-' + two(d.getUTCDate()) + ' ' + two(d.getUTCHours()) + ':' + two(d.getUTCMinutes());
  }
  function prefillNotices() {
    var data = document.getElementById('notice-defaults');
    var form = document.getElementById('notice-form');
    if (!data || !form) return;
    var defaults = JSON.parse(data.textContent);
    var f = {};
    ['kind', 'area', 'offices', 'outageStartsAt', 'outageEndsAt', 'startsAt', 'endsAt'].forEach(function (id) { f[id] = document.getElementById(id); });
    var note = document.getElementById('prefill-note');
    var touched = {};
    var prefilled = {}; // id -> the value this script put there
    var suggested = { startsAt: f.startsAt.value, endsAt: f.endsAt.value }; // the page's own suggestions
    if (form.getAttribute('data-typed') === 'true') {
      ['area', 'startsAt', 'endsAt'].forEach(function (id) { if (f[id].value.trim() !== '') touched[id] = true; });
    }
    function set(id, value) {
      if (touched[id]) return;
      f[id].value = value;
      prefilled[id] = value;
      f[id].classList.add('prefilled');
    }
    function takeBack(id, value) {
      if (touched[id] || !(id in prefilled)) return;
      if (f[id].value === prefilled[id]) f[id].value = value;
      delete prefilled[id];
      f[id].classList.remove('prefilled');
    }
    function update() {
      var offices = f.offices.value.split(/[,，\s]+/).filter(function (o) { return o !== ''; })
          .filter(function (o, i, all) { return all.indexOf(o) === i; });
      var d = offices.length === 1 && Object.prototype.hasOwnProperty.call(defaults, offices[0]) ? defaults[offices[0]] : undefined;
      if (d && d.area && f.kind.value === 'WATER_OUTAGE') set('area', d.area); else takeBack('area', '');
      var outage = parseLocal(f.outageStartsAt.value);
      var prefill = d !== undefined && outage !== null;
      if (prefill) set('startsAt', formatLocal(outage - d.leadDays * 86400000)); else takeBack('startsAt', suggested.startsAt);
      var start = parseLocal(f.startsAt.value);
      if (prefill && start !== null) {
        // the end follows: until the water is back on, else four hours; never before the start
        var end = parseLocal(f.endsAt.value);
        var outageEnd = parseLocal(f.outageEndsAt.value);
        var wanted = formatLocal(outageEnd !== null && outageEnd >= start ? outageEnd : start + 4 * 3600000);
        if (end === null || end < start || ('endsAt' in prefilled && f.endsAt.value === prefilled.endsAt)) set('endsAt', wanted);
      } else {
        takeBack('endsAt', suggested.endsAt);
      }
      if (note) note.hidden = Object.keys(prefilled).length === 0;
    }
    ['area', 'startsAt', 'endsAt'].forEach(function (id) {
      f[id].addEventListener('input', function () { touched[id] = true; delete prefilled[id]; f[id].classList.remove('prefilled'); update(); });
    });
    ['offices', 'outageStartsAt', 'outageEndsAt'].forEach(function (id) { f[id].addEventListener('input', update); });
    f.kind.addEventListener('change', update);
    update();
  }

  document.addEventListener('DOMContentLoaded', function () { drawCharts(); pollOffices(); prefillNotices(); });
}());
