// The local-areas table: sort by any column, filter by region, outcome, status and name.
// Without this script the table is still complete; the filter form stays hidden.
(function () {
  "use strict";
  var table = document.getElementById("area-table");
  var form = document.getElementById("area-filters");
  if (!table || !form) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var region = document.getElementById("filter-region");
  var outcome = document.getElementById("filter-outcome");
  var status = document.getElementById("filter-status");
  var name = document.getElementById("filter-name");
  var count = document.getElementById("area-count");

  function cellValue(row, index) {
    var cell = row.cells[index];
    return cell.getAttribute("data-value") || cell.textContent.trim();
  }

  function sortBy(index, type, descending) {
    var sorted = rows.slice().sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      var order = type === "number" ? Number(x) - Number(y) : x.localeCompare(y, "en-GB");
      return descending ? -order : order;
    });
    sorted.forEach(function (row) { body.appendChild(row); });
  }

  headers.forEach(function (th, index) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort";
    button.textContent = th.textContent.trim();
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var descending = th.getAttribute("aria-sort") === "ascending";
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      sortBy(index, th.getAttribute("data-sort"), descending);
    });
  });

  function applyFilters() {
    var wantedRegion = region.value, wantedOutcome = outcome.value, wantedStatus = status.value;
    var text = name.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (!wantedRegion || row.getAttribute("data-region") === wantedRegion) &&
        (!wantedOutcome || row.getAttribute("data-outcome") === wantedOutcome) &&
        (!wantedStatus || row.getAttribute("data-status") === wantedStatus) &&
        (!text || row.cells[0].textContent.toLowerCase().indexOf(text) !== -1);
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    count.textContent = "Showing " + shown + " of " + rows.length + " areas";
  }

  [region, outcome, status].forEach(function (control) { control.addEventListener("change", applyFilters); });
  name.addEventListener("input", applyFilters);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  applyFilters();
}());
