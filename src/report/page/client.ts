/**
 * The page's script, as text embedded in report.html (no external file, nothing fetched). It reads the
 * compact rows (rows.ts) and the labels from the page's JSON blocks and runs the machine list: search by
 * name, filters (readiness, decision per install path, reason, Windows line, fix step), sort by any column,
 * paging, and saving the filtered list as CSV (a Blob download: BOM, CRLF, cells a spreadsheet would run as
 * a formula prefixed with an apostrophe, as report.csv does). Every text goes into the page escaped.
 *
 * When the list is drawn, `window.acsReport.readyAt` (performance.now()) is set and
 * `<html data-ready="1">`; `idleAt` once the browser is next idle.
 */
export const CLIENT_JS = String.raw`(function () {
'use strict';
var h = document.documentElement;
var m = /lang=(ja|en)/.exec(location.hash);
if (m) h.lang = m[1];
var state = (window.acsReport = { readyAt: null, idleAt: null });
var toggle = document.getElementById('toggle-lang');
if (toggle) toggle.addEventListener('click', function () { h.lang = h.lang === 'ja' ? 'en' : 'ja'; });
function json(id) { var el = document.getElementById(id); return el ? JSON.parse(el.textContent) : null; }
function finish() {
  state.readyAt = performance.now();
  h.setAttribute('data-ready', '1');
  var idle = function () { state.idleAt = performance.now(); h.setAttribute('data-idle', '1'); };
  if (window.requestIdleCallback) requestIdleCallback(idle); else setTimeout(idle, 0);
}
var D = json('report-rows'), L = json('report-labels');
var root = document.getElementById('machine-list');
if (!D || !L || !root) { finish(); return; }
var T = D.strings, R = D.rows, N = R.length, RUNS = D.runs, PAGE = 100;
function val(x) { return typeof x === 'number' ? T[x] : x; }
var UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
function visible(s) {
  return String(s).replace(UNSAFE, function (c) { var n = c.charCodeAt(0); return n <= 255 ? '\\x' + ('0' + n.toString(16)).slice(-2) : '\\u' + ('000' + n.toString(16)).slice(-4); });
}
function esc(s) { return visible(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; }); }
function lab(k) { return L.l[k]; }
function bi(o) { return o.ja === o.en ? esc(o.ja) : '<span class="l-ja">' + esc(o.ja) + '</span><span class="l-en">' + esc(o.en) + '</span>'; }
function fill(o, vars) {
  var r = {};
  ['ja', 'en'].forEach(function (l) {
    r[l] = o[l].replace(/\{(\w+)\}/g, function (_, k) { var v = vars[k]; return typeof v === 'function' ? v(l) : String(v); });
  });
  return r;
}
function num(n) { return Number(n).toLocaleString('en-US'); }
function machinesWord(n) { return function (l) { return (n === 1 ? lab('machineOne') : lab('machineMany'))[l]; }; }
var LETTER = { a: 'allowed', b: 'blocked', g: 'unguarded', u: 'unknown', x: 'unknown', y: 'unknown', '-': '' };
var WORST = { x: 'blocked', y: 'unguarded' };
var READY = ['notReady', 'ready', 'unknown'];
var READY_CLASS = ['bad', 'ok', 'unk'];

// columns decoded once
var names = new Array(N), lower = new Array(N);
for (var i = 0; i < N; i++) { names[i] = String(R[i][0]); lower[i] = names[i].toLowerCase(); }
var listCache = new Map();
function list(ref) {
  if (typeof ref !== 'number') return (ref || []).map(val);
  var c = listCache.get(ref);
  if (!c) { c = (T[ref] || []).map(val); listCache.set(ref, c); }
  return c;
}
function reasonCode(r) { var k = r.indexOf('\u0000'); return k < 0 ? r : r.slice(0, k); }
function reasonFact(r) { var k = r.indexOf('\u0000'); return k < 0 ? '' : r.slice(k + 1); }

// filter options, counted over every machine
var winCount = new Map(), reasonCount = new Map(), stepCount = new Map(), reasonLists = new Map(), stepLists = new Map();
for (i = 0; i < N; i++) {
  var w = R[i][3] === null ? '' : val(R[i][3]);
  winCount.set(w, (winCount.get(w) || 0) + 1);
  var rk = R[i][6], sk = R[i][7];
  if (typeof rk === 'number') reasonLists.set(rk, (reasonLists.get(rk) || 0) + 1); else list(rk).forEach(function (r) { var c = reasonCode(r); reasonCount.set(c, (reasonCount.get(c) || 0) + 1); });
  if (typeof sk === 'number') stepLists.set(sk, (stepLists.get(sk) || 0) + 1); else list(sk).forEach(function (s) { stepCount.set(s, (stepCount.get(s) || 0) + 1); });
}
reasonLists.forEach(function (n, ref) { var seen = {}; list(ref).forEach(function (r) { var c = reasonCode(r); if (seen[c]) return; seen[c] = 1; reasonCount.set(c, (reasonCount.get(c) || 0) + n); }); });
stepLists.forEach(function (n, ref) { list(ref).forEach(function (s) { stepCount.set(s, (stepCount.get(s) || 0) + n); }); });

function own(o, k) { return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined; }
function optLabel(o) { return h.lang === 'en' ? o.en : o.ja; }
function reasonText(code) { return own(L.reasons, code) || { ja: code, en: code }; }
function factText(fact) { return own(L.facts, fact) || { ja: fact, en: fact }; }
function sortedKeys(map) { return Array.from(map.keys()).sort(function (a, b) { return map.get(b) - map.get(a) || (a < b ? -1 : a > b ? 1 : 0); }); }

var controls = root.querySelector('.controls');
var stepAlt = new Map(L.stepAlt || []);
function stepText(s) { var a = stepAlt.get(s); return a ? (L.lang === 'ja' ? { ja: s, en: a } : { ja: a, en: s }) : { ja: s, en: s }; }
// an <option> holds text only: the options are rebuilt in the page's language when it changes
var selects = [];
function select(id, label, items) {
  var wrap = document.createElement('label');
  wrap.className = 'f';
  wrap.innerHTML = '<span>' + label + '</span><select id="' + id + '"></select>';
  if (/^f-run-/.test(id)) wrap.firstChild.setAttribute('translate', 'no');
  controls.appendChild(wrap);
  var el = wrap.querySelector('select');
  selects.push({ el: el, items: items });
  return el;
}
function fillSelect(s) {
  var cur = s.el.value;
  s.el.options.length = 0;
  s.items.forEach(function (it) { s.el.add(new Option(visible(optLabel(it.label)) + (it.n === undefined ? '' : ' (' + num(it.n) + ')'), it.value)); });
  s.el.value = cur || '';
}
var all = { value: '', label: lab('filterAll') };
var fReady = select('f-ready', bi(lab('filterReady')), [all, { value: '0', label: lab('notReady') }, { value: '2', label: lab('unknown') }, { value: 'fix', label: lab('filterToFix') }, { value: '1', label: lab('ready') }]);
var fRuns = RUNS.map(function (r, k) {
  return select('f-run-' + k, esc(r.label), [all].concat(['allowed', 'blocked', 'unguarded', 'unknown'].map(function (d) { return { value: d, label: lab(d) }; })));
});
var fReason = select('f-reason', bi(lab('filterReason')), [all].concat(sortedKeys(reasonCount).map(function (c) { return { value: c, label: reasonText(c), n: reasonCount.get(c) }; })));
var fWin = select('f-windows', bi(lab('filterWindows')), [all].concat(sortedKeys(winCount).map(function (w) { return { value: w === '' ? '\u0000' : w, label: w === '' ? lab('unknownWindows') : { ja: w, en: w }, n: winCount.get(w) }; })));
var fStep = select('f-step', bi(lab('filterStep')), [all].concat(sortedKeys(stepCount).map(function (s) { return { value: s, label: stepText(s), n: stepCount.get(s) }; })));
selects.forEach(fillSelect);
new MutationObserver(function () { selects.forEach(fillSelect); }).observe(h, { attributes: true, attributeFilter: ['lang'] });

var search = document.getElementById('machine-search');
var table = root.querySelector('table');
var tbody = table.tBodies[0];
var countEl = document.getElementById('machine-count');
var pager = document.getElementById('machine-pager');
var view = new Int32Array(N), viewN = 0, page = 0, sortKey = null, sortDir = 1;

function matchesList(ref, test) {
  var key = typeof ref === 'number' ? ref : null;
  if (key !== null && test.cache.has(key)) return test.cache.get(key);
  var r = list(ref).some(test.fn);
  if (key !== null) test.cache.set(key, r);
  return r;
}
function apply() {
  var q = search.value.trim().toLowerCase();
  var rv = fReady.value, rs = fReason.value, ws = fWin.value, ss = fStep.value;
  var dec = fRuns.map(function (el) { return el.value; });
  var reasonTest = rs ? { cache: new Map(), fn: function (r) { return reasonCode(r) === rs; } } : null;
  var stepTest = ss ? { cache: new Map(), fn: function (s) { return s === ss; } } : null;
  var decCache = new Map();
  viewN = 0;
  for (var i = 0; i < N; i++) {
    if (q && lower[i].indexOf(q) < 0) continue;
    var row = R[i];
    if (rv && (rv === 'fix' ? row[1] === 1 : String(row[1]) !== rv)) continue;
    if (ws && (row[3] === null ? '\u0000' : val(row[3])) !== ws) continue;
    if (reasonTest && !matchesList(row[6], reasonTest)) continue;
    if (stepTest && !matchesList(row[7], stepTest)) continue;
    var ok = true;
    if (dec.some(Boolean)) {
      var letters = val(row[2]), hit = decCache.get(letters);
      if (hit === undefined) { hit = dec.every(function (d, k) { return !d || LETTER[letters.charAt(k)] === d; }); decCache.set(letters, hit); }
      ok = hit;
    }
    if (ok) view[viewN++] = i;
  }
  if (sortKey !== null) sortView();
  page = 0;
  draw();
}
var DEC_RANK = { b: 0, g: 1, x: 2, y: 3, u: 4, a: 5, '-': 6 };
var READY_RANK = [0, 2, 1];
function sortValue(i) {
  var row = R[i];
  switch (sortKey) {
    case 'name': return names[i];
    case 'ready': return READY_RANK[row[1]];
    case 'windows': return row[3] === null ? '\uffff' : val(row[3]) + ' ' + (row[4] === null ? '' : val(row[4])) + ('0000000' + (row[5] || 0)).slice(-7);
    case 'reasons': return list(row[6]).map(reasonCode).join(' ') || '\uffff';
    default: return DEC_RANK[val(row[2]).charAt(sortKey)];
  }
}
function sortView() {
  var idx = Array.prototype.slice.call(view, 0, viewN);
  var keys = new Array(N);
  idx.forEach(function (i) { keys[i] = sortValue(i); });
  idx.sort(function (a, b) { var x = keys[a], y = keys[b]; return (x < y ? -1 : x > y ? 1 : a - b) * sortDir; });
  for (var k = 0; k < viewN; k++) view[k] = idx[k];
}
function decisionCell(letter) {
  var d = LETTER[letter];
  if (!d) return '<td></td>';
  var worst = WORST[letter];
  return '<td class="d-' + d + '">' + bi(lab(d)) + (worst ? ' <span class="muted">(' + bi(lab('worstCase')) + ': ' + bi(lab(worst)) + ')</span>' : '') + '</td>';
}
function reasonCell(r) {
  var code = reasonCode(r), fact = reasonFact(r);
  var f = fact ? factText(fact) : null;
  return '<code>' + esc(code) + '</code>' + (f ? ' (' + bi(f) + ')' : '');
}
function rowHtml(i) {
  var row = R[i], letters = val(row[2]), cells = '';
  for (var k = 0; k < RUNS.length; k++) cells += decisionCell(letters.charAt(k));
  var win = row[3] === null ? bi(lab('unknownWindows')) : esc(val(row[3]));
  var ver = row[4] === null ? '' : ' <span class="muted">' + esc(val(row[4]) + (row[5] === null ? '' : '.' + row[5])) + '</span>';
  return '<tr data-machine="' + esc(names[i]) + '"><td class="name" translate="no">' + esc(names[i]) + '</td><td class="ready ' + READY_CLASS[row[1]] + '">' + bi(lab(READY[row[1]])) + '</td>' +
    '<td translate="no">' + win + ver + '</td><td>' + list(row[6]).map(reasonCell).join(' ') + '</td>' + cells + '</tr>';
}
function draw() {
  var pages = Math.max(1, Math.ceil(viewN / PAGE));
  if (page >= pages) page = pages - 1;
  var from = page * PAGE, to = Math.min(viewN, from + PAGE), html = '';
  for (var k = from; k < to; k++) html += rowHtml(view[k]);
  tbody.innerHTML = html || '<tr><td colspan="' + (4 + RUNS.length) + '" class="muted">' + bi(lab('noMatch')) + '</td></tr>';
  countEl.innerHTML = bi(fill(lab('matches'), { n: num(viewN), machines: machinesWord(viewN) })) + (viewN ? ' · ' + bi(fill(lab('pageRange'), { from: num(from + 1), to: num(to) })) : '');
  pager.querySelector('.prev').disabled = page === 0;
  pager.querySelector('.next').disabled = page >= pages - 1;
  pager.querySelector('.pageno').textContent = num(page + 1) + ' / ' + num(pages);
}
pager.querySelector('.prev').addEventListener('click', function () { page--; draw(); });
pager.querySelector('.next').addEventListener('click', function () { page++; draw(); });
search.addEventListener('input', apply);
[fReady, fReason, fWin, fStep].concat(fRuns).forEach(function (el) { el.addEventListener('change', apply); });
Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
  var key = th.getAttribute('data-sort');
  if (key === null) return;
  th.tabIndex = 0;
  var go = function () {
    var k = /^\d+$/.test(key) ? Number(key) : key;
    sortDir = sortKey === k ? -sortDir : 1;
    sortKey = k;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending');
    sortView(); page = 0; draw();
  };
  th.addEventListener('click', go);
  th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go(); } });
});
document.getElementById('clear-filters').addEventListener('click', function () {
  search.value = '';
  selects.forEach(function (s) { s.el.value = ''; });
  apply();
});
var showFix = document.getElementById('show-to-fix');
if (showFix) showFix.addEventListener('click', function () { fReady.value = 'fix'; apply(); root.scrollIntoView(); });

// CSV of the filtered list, in the current order: report.csv's columns
var FORMULA = /^(?:[\t\r\n]|[ \u3000\t\r\n]*[=+\-@\uff1d\uff0b\uff0d\uff20])/;
function csvCell(v) {
  var s = v === null || v === undefined ? '' : String(v);
  if (FORMULA.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}
function csvText() {
  var lang = L.lang, out = [L.csvHeader];
  for (var k = 0; k < viewN; k++) {
    var i = view[k], row = R[i], letters = val(row[2]);
    var src = val(row[8]) + (row[9] === null ? '' : ':' + row[9]);
    var reasons = list(row[6]).map(function (r) { var f = reasonFact(r); return reasonCode(r) + (f ? ' (' + factText(f)[lang] + ')' : ''); });
    var cells = [names[i], src, L.csvReady[row[1] === 1 ? 'true' : row[1] === 0 ? 'false' : 'unknown'], row[3] === null ? '' : val(row[3]), row[4] === null ? '' : val(row[4]), row[5] === null ? '' : row[5],
      reasons.join('; '), list(row[7]).join(' | '), row.length > 10 ? list(row[10]).join('; ') : ''];
    for (var r = 0; r < RUNS.length; r++) cells.push(L.csvDecision[LETTER[letters.charAt(r)]] || '');
    for (r = 0; r < RUNS.length; r++) cells.push(L.csvDecision[WORST[letters.charAt(r)]] || '');
    out.push(cells.map(csvCell).join(',') + '\r\n');
  }
  return '\ufeff' + out.join('');
}
state.csv = csvText;
state.total = N;
document.getElementById('export-csv').addEventListener('click', function () {
  var blob = new Blob([csvText()], { type: 'text/csv;charset=utf-8' });
  var a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = L.csvName;
  document.body.appendChild(a);
  a.click();
  setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
});
root.classList.add('live');
apply();
finish();
})();
`;
