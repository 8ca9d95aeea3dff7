// The dashboard's only script (served from 'self'; the CSP allows no inline script).
// Live: listens to /events and, when an incident shown here changes, reads this page again and
// swaps its <main>. The server escaped everything in that HTML; nothing here builds markup from data.
// Filters: severity, status, service, declaration dates and search hide rows in place, so nothing
// typed ends up in a URL.
(function () {
  'use strict';
  var main = document.getElementById('content');
  var state = document.getElementById('live-state');
  if (!main) {
    return;
  }

  function setState(name, text) {
    if (state) {
      state.setAttribute('data-state', name);
      state.textContent = text;
    }
  }

  function value(id) {
    var el = document.getElementById(id);
    return el ? el.value.trim().toLowerCase() : '';
  }

  function applyFilters() {
    var severity = value('filter-severity');
    var status = value('filter-status');
    var search = value('filter-search');
    var service = value('filter-service');
    // <input type=date> values and data-declared are both ISO dates (yyyy-mm-dd): they compare as text.
    var from = value('filter-from');
    var to = value('filter-to');
    main.querySelectorAll('tr.incident').forEach(function (row) {
      var declared = row.getAttribute('data-declared');
      var show = (!severity || row.getAttribute('data-severity') === severity)
        && (!status || row.getAttribute('data-status') === status)
        && (!service || row.getAttribute('data-service').indexOf(service) !== -1)
        && (!from || declared >= from)
        && (!to || declared <= to)
        && (!search || row.getAttribute('data-search').indexOf(search) !== -1);
      row.hidden = !show;
    });
  }

  function keepFilters() {
    var form = document.getElementById('filters');
    if (!form) {
      return;
    }
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    form.addEventListener('input', applyFilters);
    form.addEventListener('change', applyFilters);
  }

  var refreshing = false;
  var again = false;

  function refresh() {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    fetch(window.location.pathname, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('content');
        if (fresh) {
          // Filter inputs keep what was typed: only everything after the filter form is replaced.
          var form = document.getElementById('filters');
          var freshForm = fresh.querySelector('#filters');
          if (form && freshForm) {
            freshForm.replaceWith(form);
          }
          main.replaceChildren.apply(main, Array.prototype.slice.call(fresh.childNodes));
          applyFilters();
          main.setAttribute('data-refreshed', String(Date.now()));
        }
      })
      .catch(function () { setState('stale', 'not live: reload the page'); })
      .finally(function () {
        refreshing = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  keepFilters();
  applyFilters();

  var watch = main.getAttribute('data-live');
  if (!watch || watch === 'none' || !window.EventSource) {
    return;
  }
  var source = new EventSource('/events');
  // EventSource reconnects by itself, but what changed while it was away was never sent: a
  // second 'ready' means a new stream, so the page reads itself again to catch up.
  var streams = 0;
  source.addEventListener('ready', function () {
    setState('live', 'live');
    streams += 1;
    if (streams > 1) {
      refresh();
    }
  });
  source.addEventListener('incident', function (e) {
    if (watch === 'all' || e.data === watch) {
      refresh();
    }
  });
  source.onerror = function () { setState('reconnecting', 'reconnecting…'); };
})();
