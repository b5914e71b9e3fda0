// geokg report: the search over the statement table, `#q=TERMS` links, clickable graph nodes
// and the graph zoom. Plain JavaScript embedded in report.html; nothing is loaded from outside.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var shown = document.getElementById("shown");
  var section = document.getElementById("statements");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#statement-table tbody tr"));
  var hay = rows.map(function (r) {
    return (r.textContent + " " + (r.getAttribute("data-ids") || "")).toLowerCase();
  });

  function apply() {
    var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var n = 0;
    rows.forEach(function (r, i) {
      var ok = terms.every(function (t) { return hay[i].indexOf(t) >= 0; });
      r.hidden = !ok;
      if (ok) { n++; }
    });
    shown.textContent = n + " of " + rows.length + " statements";
    section.setAttribute("data-shown", String(n));
  }

  function fromHash(scroll) {
    var m = /^#q=(.*)$/.exec(location.hash);
    if (m) {
      try { input.value = decodeURIComponent(m[1]); } catch (e) { input.value = m[1]; }
    }
    apply();
    if (m && scroll) { section.scrollIntoView(); }
  }

  input.addEventListener("input", function () {
    apply();
    var url = location.href.split("#")[0];
    history.replaceState(null, "", input.value ? url + "#q=" + encodeURIComponent(input.value) : url);
  });
  window.addEventListener("hashchange", function () { fromHash(true); });

  Array.prototype.forEach.call(document.querySelectorAll("#graph-view g.node"), function (g) {
    g.addEventListener("click", function () {
      var t = g.querySelector("title");
      if (t) { location.hash = "q=" + encodeURIComponent(t.textContent); }
    });
  });

  var zoom = document.getElementById("zoom");
  var view = document.getElementById("graph-view");
  if (zoom && view) {
    zoom.addEventListener("click", function () {
      var full = view.classList.toggle("full");
      zoom.textContent = full ? "Fit to page" : "Actual size";
    });
  }

  fromHash(false);
})();
