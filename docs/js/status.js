// Keeps a date or a period in a table cell on one line, and colours a table cell that holds only a verification status (verified, secondary, unverified), as the status
// table and the hand-written pages write them, with the same badges the generated pages use.
(function () {
  var STATUSES = { verified: true, secondary: true, unverified: true };
  var PERIOD = /^\d{4}-\d{2}-\d{2}( – \d{4}-\d{2}-\d{2})?$/;
  function mark() {
    document.querySelectorAll(".md-typeset td").forEach(function (cell) {
      var text = cell.textContent.trim();
      if (PERIOD.test(text) || (text.length <= 30 && text.indexOf(" ") < 0)) {
        cell.classList.add("ntp-nowrap-cell"); // a date, a period, a code or an instrument number on one line
      } else if (text.length > 60) {
        cell.classList.add("ntp-long-cell"); // a source or a note: wide enough to read, the table scrolls
      }
      if (STATUSES[text] && !cell.querySelector(".ntp-status")) {
        cell.innerHTML = '<span class="ntp-status ntp-status--' + text + '">' + text + "</span>";
      }
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(mark); // Material's instant navigation, when it is turned on
  } else {
    document.addEventListener("DOMContentLoaded", mark);
  }
})();
