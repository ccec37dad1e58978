
// Filters by severity and by rule. Without this script every finding is shown. The filters can
// be given in the address, "report.html#show=error,boilerplate.placeholder" (severities and rule
// ids, separated by commas), and the address follows them.
(function () {
  'use strict';
  // The page is written as its stories are checked, so the masthead (with the page's full title)
  // and the summary come after the stories; the style sheet draws them first, and here they
  // move first, for the keyboard, screen readers and print.
  var masthead = document.getElementById('top');
  var main = document.querySelector('main');
  var summary = document.querySelector('main > .summary');
  if (masthead) {
    document.body.insertBefore(masthead, document.body.firstChild);
    if (masthead.getAttribute('data-title')) document.title = masthead.getAttribute('data-title');
  }
  if (main && summary) main.insertBefore(summary, main.firstChild);

  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter]'));
  var status = document.getElementById('shown');
  var reset = document.getElementById('reset');
  var rank = { info: 1, warning: 2, error: 3 };

  function chosen(kind) {
    var set = {};
    boxes.forEach(function (b) {
      if (b.getAttribute('data-filter') === kind && b.checked) set[b.value] = true;
    });
    return set;
  }

  // The most severe of the findings numbered in `list` that are shown.
  function top(list, shown) {
    var best = '';
    (list || '').split(' ').forEach(function (n) {
      var s = shown[n];
      if (s && (!best || rank[s] > rank[best])) best = s;
    });
    return best;
  }

  function apply() {
    var sevs = chosen('sev'), rules = chosen('rule'), total = 0, count = 0;
    Array.prototype.forEach.call(document.querySelectorAll('.story'), function (story) {
      var shown = {}, here = 0, all = 0;
      Array.prototype.forEach.call(story.querySelectorAll('.finding'), function (f) {
        var sev = f.getAttribute('data-sev');
        var on = !!(sevs[sev] && rules[f.getAttribute('data-rule')]);
        if (f.hidden === on) f.hidden = !on;
        all++;
        if (on) { shown[f.getAttribute('data-n')] = sev; here++; }
      });
      Array.prototype.forEach.call(story.querySelectorAll('.text .ref'), function (r) {
        var off = !shown[r.getAttribute('data-n')];
        if (r.hidden !== off) r.hidden = off;
      });
      Array.prototype.forEach.call(story.querySelectorAll('mark'), function (m) {
        var p = top(m.getAttribute('data-f'), shown), s = top(m.getAttribute('data-s'), shown);
        var name = p ? p : s ? 'sec ' + s : '';
        if (m.className !== name) m.className = name;
      });
      var none = story.querySelector('.none-shown');
      if (none) none.hidden = here > 0 || all === 0;
      total += all;
      count += here;
    });
    if (status) {
      status.textContent = count === total
        ? 'Showing all ' + total + ' findings.'
        : 'Showing ' + count + ' of ' + total + ' findings.';
    }
    if (reset) reset.hidden = count === total;
    remember();
  }

  function remember() {
    var off = boxes.filter(function (b) { return !b.checked; });
    var show = [];
    ['sev', 'rule'].forEach(function (kind) {
      var mine = boxes.filter(function (b) { return b.getAttribute('data-filter') === kind; });
      if (mine.some(function (b) { return !b.checked; })) {
        mine.forEach(function (b) { if (b.checked) show.push(b.value); });
        if (!mine.some(function (b) { return b.checked; })) show.push('none-' + kind);
      }
    });
    var hash = off.length ? '#show=' + show.map(encodeURIComponent).join(',') : '';
    if (hash !== location.hash && (hash || location.hash.indexOf('#show=') === 0)) {
      try { history.replaceState(null, '', hash || location.pathname + location.search); } catch (e) { /* file: pages may refuse */ }
    }
  }

  function restore() {
    if (location.hash.indexOf('#show=') !== 0) return false;
    var wanted = {};
    location.hash.slice(6).split(',').forEach(function (w) {
      try { wanted[decodeURIComponent(w)] = true; } catch (e) { /* not an item */ }
    });
    ['sev', 'rule'].forEach(function (kind) {
      var mine = boxes.filter(function (b) { return b.getAttribute('data-filter') === kind; });
      var named = wanted['none-' + kind] || mine.some(function (b) { return wanted[b.value]; });
      if (named) mine.forEach(function (b) { b.checked = !!wanted[b.value]; });
    });
    return true;
  }

  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  if (reset) {
    reset.addEventListener('click', function () {
      boxes.forEach(function (b) { b.checked = true; });
      apply();
    });
  }

  // A printed report says once why each rule exists: at the rule's first finding shown.
  var opened = [];
  window.addEventListener('beforeprint', function () {
    var seen = {};
    Array.prototype.forEach.call(document.querySelectorAll('.finding'), function (f) {
      var why = f.querySelector('details.why'), rule = f.getAttribute('data-rule');
      if (!why || f.hidden || seen[rule]) return;
      seen[rule] = true;
      if (!why.open) { why.open = true; opened.push(why); }
    });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  // Everything is shown as the page is written; only filters from the address need work.
  if (restore()) apply();
})();
