// Offline search over window.WGKG_SEARCH ([text, kind, path] rows from search-index.js).
// Results are built with textContent only: nothing from the records is read as HTML.
(function () {
  "use strict";
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  var rows = window.WGKG_SEARCH || [];
  var root = document.body.getAttribute("data-root") || "";
  var LIMIT = 20;

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var folded = rows.map(function (r) { return fold(r[0]); });

  function show() {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    list.replaceChildren();
    if (input.value.trim().length < 2) { return; }
    var found = 0;
    for (var i = 0; i < rows.length && found < LIMIT; i++) {
      if (words.every(function (w) { return folded[i].indexOf(w) >= 0; })) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + rows[i][2];
        a.textContent = rows[i][0];
        var kind = document.createElement("span");
        kind.className = "kind";
        kind.textContent = " " + rows[i][1];
        li.append(a, kind);
        list.append(li);
        found++;
      }
    }
    if (!found) {
      var none = document.createElement("li");
      none.textContent = "No match.";
      list.append(none);
    }
  }
  input.addEventListener("input", show);

  // Served by `wgkg serve` (under /site/), each panel links to its query on the query page;
  // opened from the file system there is no query page, so the links stay hidden.
  var at = location.pathname.indexOf("/site/");
  if (location.protocol.indexOf("http") === 0 && at >= 0) {
    document.querySelectorAll("a.run-query").forEach(function (link) {
      link.href = location.pathname.slice(0, at) + "/?" + link.getAttribute("data-query");
      link.hidden = false;
    });
  }
}());
