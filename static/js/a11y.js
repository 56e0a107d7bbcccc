// After a submit with errors the page comes back with an error summary ([data-error-summary],
// rendered by core/_form_errors.html): move focus to it so a screen reader reads it and a
// keyboard user starts there. Without a summary, focus the first field marked aria-invalid.
// It runs after "load" and a tick, so a #fragment in the URL (the skip link's) cannot take
// focus back to <body> afterwards.
(function () {
  "use strict";
  function focusErrors() {
    var target = document.querySelector("main [data-error-summary]") ||
      document.querySelector("main [aria-invalid='true']");
    if (target && document.activeElement !== target) { target.focus(); }
  }
  function later() { window.setTimeout(focusErrors, 0); }
  if (document.readyState === "complete") {
    later();
  } else {
    window.addEventListener("load", later);
  }
})();
