// On a phone a .table-cards list shows each row as a card (static/css/portal.css); each
// cell is labelled with its column's name, copied here from the table's header.
(function () {
  "use strict";
  document.querySelectorAll("table.table-cards").forEach(function (table) {
    var names = Array.prototype.map.call(
      table.querySelectorAll("thead th"),
      function (th) { return th.textContent.trim(); }
    );
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, index) {
        if (!cell.hasAttribute("data-label") && names[index]) {
          cell.setAttribute("data-label", names[index]);
        }
      });
    });
  });
})();
