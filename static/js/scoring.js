// Scoring pages: the running total of a score form, a warning on a score above the
// criterion's maximum (the server refuses it anyway), and the print button.
(function () {
  "use strict";

  // "8,5" as typed (or "1.234,5"); "8.5" as written in data attributes.
  function parse(text) {
    text = String(text).trim();
    if (text.indexOf(",") >= 0) { text = text.replace(/\./g, "").replace(",", "."); }
    var value = parseFloat(text);
    return isNaN(value) ? null : value;
  }

  function format(value) {
    return (Math.round(value * 100) / 100).toString().replace(".", ",");
  }

  document.querySelectorAll("table[data-scoring-total]").forEach(function (table) {
    var output = table.querySelector("[data-scoring-sum]");
    var inputs = table.querySelectorAll("input.scoring-score");
    var fixed = table.querySelectorAll("[data-scoring-fixed]");
    if (!output) { return; }
    function refresh() {
      var sum = 0;
      fixed.forEach(function (cell) {
        var value = parse(cell.getAttribute("data-scoring-fixed"));
        if (value !== null) { sum += value; }
      });
      inputs.forEach(function (input) {
        var value = parse(input.value);
        var max = parseFloat(input.getAttribute("data-max"));
        var sign = parseFloat(input.getAttribute("data-sign") || "1");
        // A penalty is the number of points deducted: "2" and "-2" both take 2 off,
        // as the server reads it.
        if (value !== null && sign < 0) { value = Math.abs(value); }
        var bad = value !== null && (value < 0 || (!isNaN(max) && value > max));
        input.classList.toggle("is-invalid", bad);
        if (value !== null) { sum += value * sign; }
      });
      output.textContent = format(sum);
    }
    inputs.forEach(function (input) { input.addEventListener("input", refresh); });
    refresh();
  });

  // An irreversible action asks once more before its form is sent.
  document.querySelectorAll("button[data-confirm]").forEach(function (button) {
    button.addEventListener("click", function (event) {
      if (!window.confirm(button.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
