// The home page's first-login tour (templates/guide/_tour.html). Without JavaScript every step
// is listed; with it one step shows at a time, "Bước trước" / "Bước tiếp" move between them,
// the progress ("Bước 2/6") is announced politely and focus moves to the new step's heading,
// so keyboard and screen-reader users land on what changed. Dismissing is a plain form post.
(function () {
  "use strict";
  var tour = document.querySelector("[data-tour]");
  if (!tour) { return; }
  var steps = Array.prototype.slice.call(tour.querySelectorAll("[data-tour-step]"));
  var previous = tour.querySelector("[data-tour-previous]");
  var next = tour.querySelector("[data-tour-next]");
  var progress = tour.querySelector("[data-tour-progress]");
  var pattern = tour.getAttribute("data-progress") || "{n}/{total}";
  var current = 0;
  if (steps.length < 2) { return; }

  function show(index, moveFocus) {
    current = Math.max(0, Math.min(index, steps.length - 1));
    steps.forEach(function (step, i) { step.hidden = i !== current; });
    previous.disabled = current === 0;
    next.disabled = current === steps.length - 1;
    progress.textContent = pattern
      .replace("{n}", String(current + 1))
      .replace("{total}", String(steps.length));
    if (moveFocus) { steps[current].querySelector("h3").focus(); }
  }

  previous.hidden = false;
  next.hidden = false;
  previous.addEventListener("click", function () { show(current - 1, true); });
  next.addEventListener("click", function () { show(current + 1, true); });
  show(0, false);
})();
