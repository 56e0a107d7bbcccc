// Type-to-filter for long selects (thidua.core.choices.searchable marks them data-searchable,
// its value the number of options from which the box appears). A search box labelled after
// the select's own label goes above it; typing keeps the options (and groups) whose text,
// or whose group's name, contains the words, accents ignored ("ha noi" finds "Hà Nội").
// The empty option and the chosen ones always stay, so filtering never changes or drops a
// value. Enter picks the only match (and never submits the form), Down arrow goes to the
// list, Escape clears the box; a polite live region says how many options are left.
// Without this script the plain grouped select works.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function labelOf(select) {
    var label = select.id && document.querySelector("label[for='" + select.id + "']");
    if (label) { return label.textContent.replace("*", "").trim(); }
    return select.getAttribute("aria-label") || "";
  }
  var count = 0;
  function enhance(select) {
    var min = parseInt(select.getAttribute("data-searchable"), 10) || 15;
    if (select.hasAttribute("data-search-ready") || select.options.length <= min) { return; }
    select.setAttribute("data-search-ready", "");
    count += 1;
    if (!select.id) { select.id = "searchable-select-" + count; }
    var items = Array.prototype.map.call(select.children, function (child) {
      var isGroup = child.tagName === "OPTGROUP";
      var options = isGroup ? Array.prototype.slice.call(child.children) : [child];
      return {
        group: isGroup ? child : null,
        groupText: isGroup ? fold(child.label) : "",
        options: options.map(function (o) { return { node: o, text: fold(o.text) }; })
      };
    });
    var total = items.reduce(function (n, item) {
      return n + item.options.filter(function (o) { return o.node.value !== ""; }).length;
    }, 0);

    var box = document.createElement("div");
    box.className = "select-search mb-1";
    var inputId = select.id + "-search";
    var label = document.createElement("label");
    label.className = "visually-hidden";
    label.htmlFor = inputId;
    label.textContent = (select.getAttribute("data-search-label") || "") + ": " + labelOf(select);
    var input = document.createElement("input");
    input.type = "search";
    input.id = inputId;
    input.className = "form-control form-control-sm";
    input.autocomplete = "off";
    input.placeholder = select.getAttribute("data-search-placeholder") || "";
    input.setAttribute("aria-controls", select.id);
    var status = document.createElement("div");
    status.id = inputId + "-status";
    status.className = "form-text mt-0";
    status.setAttribute("aria-live", "polite");
    input.setAttribute("aria-describedby", status.id);
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(status);
    select.parentNode.insertBefore(box, select);

    function matches(chosen) {
      var words = fold(input.value).split(" ").filter(Boolean);
      var shown = [];
      items.forEach(function (item) {
        var kept = item.options.filter(function (o) {
          var text = o.text + " " + item.groupText;
          return !words.length || o.node.value === "" || chosen.indexOf(o.node) !== -1 ||
            words.every(function (w) { return text.indexOf(w) !== -1; });
        });
        shown.push({ item: item, kept: kept });
      });
      return shown;
    }
    function apply() {
      var chosen = Array.prototype.filter.call(select.options, function (o) { return o.selected; });
      // Detached options keep a stale selectedness (removing the chosen one selects the next),
      // so the chosen ones are read from the live list and set again after the rebuild.
      var shown = matches(chosen);
      var left = 0;
      while (select.firstChild) { select.removeChild(select.firstChild); }
      shown.forEach(function (entry) {
        if (!entry.kept.length) { return; }
        var parent = select;
        if (entry.item.group) {
          parent = entry.item.group;
          while (parent.firstChild) { parent.removeChild(parent.firstChild); }
          select.appendChild(parent);
        }
        entry.kept.forEach(function (o) {
          parent.appendChild(o.node);
          if (o.node.value !== "") { left += 1; }
        });
      });
      items.forEach(function (item) {
        item.options.forEach(function (o) { o.node.selected = chosen.indexOf(o.node) !== -1; });
      });
      status.textContent = input.value.trim() ?
        (select.getAttribute("data-search-count") || "{shown}/{total}")
          .replace("{shown}", left).replace("{total}", total) : "";
      return left;
    }
    input.addEventListener("input", apply);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        var options = Array.prototype.filter.call(select.options, function (o) {
          return o.value !== "";
        });
        if (options.length === 1 && !select.multiple) {
          select.value = options[0].value;
          select.dispatchEvent(new Event("change", { bubbles: true }));
        }
        select.focus();
      } else if (event.key === "ArrowDown") {
        event.preventDefault();
        select.focus();
      } else if (event.key === "Escape" && input.value) {
        event.preventDefault();
        input.value = "";
        apply();
      }
    });
  }
  function enhanceAll(root) {
    Array.prototype.forEach.call(
      (root || document).querySelectorAll("select[data-searchable]"), enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhanceAll(); });
  } else {
    enhanceAll();
  }
  // Forms swapped in by htmx get the box too.
  document.addEventListener("htmx:afterSettle", function (event) { enhanceAll(event.target); });
})();
