// Report pages. The job's progress block polls itself with htmx (hx-trigger="every 2s");
// this only keeps the export button from being pressed twice while its request runs
// (a small report downloads without leaving the page, so it comes back after a while).
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.closest || !form.closest("#report-job")) { return; }
    var buttons = form.querySelectorAll("button[type=submit]");
    window.setTimeout(function () {
      buttons.forEach(function (button) { button.disabled = true; });
    }, 0);
    window.setTimeout(function () {
      buttons.forEach(function (button) { button.disabled = false; });
    }, 8000);
  });
})();
