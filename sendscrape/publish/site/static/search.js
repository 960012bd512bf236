// Search: areas by name, priority actions and areas for improvement by their words, from the
// index in search-index.js (a script, so it loads from file:// as on any web server).
(function () {
  "use strict";
  var index = window.SEARCH_INDEX;
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var results = document.getElementById("search-results");
  if (!index || !form || !input || !results) { return; }
  var ITEM_LIMIT = 100;

  function words(text) {
    return text.toLowerCase().split(/[^a-z0-9]+/).filter(function (w) { return w.length > 0; });
  }

  function matches(text, wanted) {
    var lower = text.toLowerCase();
    return wanted.every(function (w) { return lower.indexOf(w) !== -1; });
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function link(href, text) {
    var a = element("a", text);
    a.href = href;
    return a;
  }

  // An item's sub-points ("...: • one • two") as a list, as the area pages show them.
  function appendText(parent, text) {
    var parts = text.split("\u2022").map(function (part) { return part.trim(); });
    if (parts[0]) { parent.appendChild(element("p", parts[0], "item-text")); }
    var points = parts.slice(1).filter(function (part) { return part.length > 0; });
    if (!points.length) { return; }
    var list = element("ul", "", "sub-points");
    points.forEach(function (point) { list.appendChild(element("li", point)); });
    parent.appendChild(list);
  }

  function showAreas(found) {
    if (!found.length) { return; }
    results.appendChild(element("h2", "Areas (" + found.length + ")"));
    var list = element("ul", "", "search-areas");
    found.forEach(function (area) {
      var li = element("li");
      li.appendChild(link("areas/" + area[1] + ".html", area[0]));
      list.appendChild(li);
    });
    results.appendChild(list);
  }

  function showItems(found) {
    if (!found.length) { return; }
    var heading = "Priority actions and areas for improvement (" + found.length + ")";
    results.appendChild(element("h2", heading));
    if (found.length > ITEM_LIMIT) {
      results.appendChild(element("p", "Showing the first " + ITEM_LIMIT + ". Add words to narrow the search.", "muted"));
    }
    var list = element("ol", "", "items");
    found.slice(0, ITEM_LIMIT).forEach(function (item) {
      var area = index.areas[item[1]];
      var li = element("li");
      var where = element("p", "", "body-name");
      where.appendChild(link("areas/" + area[1] + ".html#" + item[2], area[0]));
      where.appendChild(document.createTextNode(", " + index.kinds[item[0]].toLowerCase() + ", inspection " + item[3]));
      li.appendChild(where);
      appendText(li, item[4]);
      list.appendChild(li);
    });
    results.appendChild(list);
  }

  function search(query) {
    results.textContent = "";
    var wanted = words(query);
    if (!wanted.length) { return; }
    var areas = index.areas.filter(function (area) { return matches(area[0], wanted); });
    var items = index.items.filter(function (item) { return matches(item[4], wanted); });
    var summary = areas.length + " area" + (areas.length === 1 ? "" : "s") + " and " +
      items.length + " item" + (items.length === 1 ? "" : "s") + " match \u201c" + query.trim() + "\u201d.";
    results.appendChild(element("p", summary, "search-summary"));
    showAreas(areas);
    showItems(items);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(input.value);
    try {
      window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    } catch (error) {
      // Some browsers refuse to change a file:// address; the results are shown all the same.
    }
  });
  var given = new URLSearchParams(window.location.search).get("q");
  if (given) {
    input.value = given;
    search(given);
  }
}());
