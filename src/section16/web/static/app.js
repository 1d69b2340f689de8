// section16 web UI: search suggestions as you type (JSON from /api/search) and sortable tables.
// Served by the app itself; no framework, no CDN.
(function () {
  "use strict";

  // ---- suggestions: a combobox (arrow keys move, Enter opens, Escape closes)
  var input = document.getElementById("q");
  var list = document.getElementById("suggestions");
  if (input && list) {
    var items = [], active = -1, timer = null, seq = 0;
    function close() { list.hidden = true; list.innerHTML = ""; items = []; active = -1; input.setAttribute("aria-expanded", "false"); }
    function mark(i) {
      items.forEach(function (li, n) { li.setAttribute("aria-selected", n === i ? "true" : "false"); });
      active = i;
      if (i >= 0) { input.setAttribute("aria-activedescendant", items[i].id); } else { input.removeAttribute("aria-activedescendant"); }
    }
    function show(found) {
      list.innerHTML = ""; items = [];
      found.forEach(function (s, n) {
        var li = document.createElement("li");
        li.id = "sugg-" + n; li.setAttribute("role", "option"); li.dataset.href = "/" + s.kind + "/" + s.cik;
        li.textContent = s.label;
        var kind = document.createElement("span"); kind.className = "kind"; kind.textContent = s.kind;
        li.appendChild(kind);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); location.href = li.dataset.href; });
        list.appendChild(li); items.push(li);
      });
      list.hidden = items.length === 0; input.setAttribute("aria-expanded", items.length ? "true" : "false"); mark(-1);
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (!q) { close(); return; }
      timer = setTimeout(function () {
        var mine = ++seq;
        fetch("/api/search?limit=8&q=" + encodeURIComponent(q)).then(function (r) { return r.json(); })
          .then(function (body) { if (mine === seq && body.suggestions) { show(body.suggestions); } })
          .catch(function () { close(); });
      }, 120);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && items.length) { e.preventDefault(); mark((active + 1) % items.length); }
      else if (e.key === "ArrowUp" && items.length) { e.preventDefault(); mark((active - 1 + items.length) % items.length); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); location.href = items[active].dataset.href; }
      else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  // ---- sortable tables: click or Enter/Space on a heading sorts the rows on this page
  function key(cell) {
    var raw = cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
    var n = parseFloat(raw.replace(/[,$%+]/g, ""));
    return raw !== "" && !isNaN(n) && /^[-+$\d.,%]+$/.test(raw) ? n : raw.toLowerCase();
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      th.tabIndex = 0;
      function sort() {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows).filter(function (r) { return r.cells.length > col; });
        rows.sort(function (a, b) {
          var x = key(a.cells[col]), y = key(b.cells[col]);
          if (x === y) { return 0; }
          if (x === "") { return 1; } if (y === "") { return -1; }
          return (x < y ? -1 : 1) * (asc ? 1 : -1);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  });
})();
