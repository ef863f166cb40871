/* The activation-type filter over the landing page's summary table. No network, no
   dependency. The controls (div.kb-filter, written by generator/panels.py) carry `hidden`;
   this script reveals them, so without JavaScript the whole table shows. The selection lives
   in the query string (?type=mak, ?type=kms-client,kms-host), which code pages link to and
   which works from file:// too; the #fragment is left alone for old links and sections. */
(function () {
  "use strict";

  var controls = document.querySelector(".kb-filter[data-kb-parameter]");
  if (!controls) {
    return;
  }
  var parameter = controls.getAttribute("data-kb-parameter");
  var buttons = Array.prototype.slice.call(
    controls.querySelectorAll("button[data-kb-type]:not([data-kb-type=''])"));
  var allButton = controls.querySelector("button[data-kb-type='']");
  var status = controls.querySelector("[data-kb-status]");
  var label = controls.querySelector(".kb-filter__label");
  /* Paper has no buttons: a line after them says what the printed table shows. */
  var printed = document.querySelector(".kb-filter-print");
  var known = buttons.map(function (button) { return button.getAttribute("data-kb-type"); });
  var rows = Array.prototype.slice.call(document.querySelectorAll(".kb-types[data-kb-types]"))
    .map(function (cell) {
      return { row: cell.closest("tr"), types: cell.getAttribute("data-kb-types").split(" ") };
    })
    .filter(function (entry) { return entry.row; });

  /* Plain "KMS" (the source does not say client or host) stands for both. */
  function expand(type) {
    return type === "kms" ? ["kms-client", "kms-host"] : [type];
  }

  function matches(types, selected) {
    return selected.some(function (wanted) {
      return types.some(function (type) { return expand(type).indexOf(wanted) >= 0; });
    });
  }

  function fromUrl() {
    var value = new URLSearchParams(location.search).get(parameter) || "";
    var selected = [];
    value.split(",").forEach(function (part) {
      expand(part.trim().toLowerCase()).forEach(function (type) {
        if (known.indexOf(type) >= 0 && selected.indexOf(type) < 0) {
          selected.push(type);
        }
      });
    });
    return selected;
  }

  /* replaceState, not pushState: toggling is not navigating. Some browsers refuse to change
     the URL of a file:// page; the filter works all the same. */
  function toUrl(selected) {
    var others = new URLSearchParams(location.search);
    others.delete(parameter);
    /* Written by hand so the commas stay readable (URLSearchParams would write %2C). */
    var query = [others.toString(), selected.length ? parameter + "=" + selected.join(",") : ""]
      .filter(Boolean).join("&");
    var url = location.pathname + (query ? "?" + query : "") + location.hash;
    try {
      history.replaceState(history.state, "", url);
    } catch (error) {
      /* keep the current URL */
    }
  }

  function apply(selected) {
    var shown = 0;
    rows.forEach(function (entry) {
      var visible = !selected.length || matches(entry.types, selected);
      entry.row.hidden = !visible;
      shown += visible ? 1 : 0;
    });
    buttons.forEach(function (button) {
      var on = selected.indexOf(button.getAttribute("data-kb-type")) >= 0;
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
    allButton.setAttribute("aria-pressed", selected.length ? "false" : "true");
    status.textContent = status.getAttribute("data-kb-status")
      .replace("{shown}", String(shown)).replace("{total}", String(rows.length));
    if (printed) {
      var names = buttons.filter(function (button) {
        return selected.indexOf(button.getAttribute("data-kb-type")) >= 0;
      }).map(function (button) { return button.textContent; });
      printed.textContent = selected.length
        ? (label ? label.textContent + " " : "") + names.join(", ") + " \u2014 " +
          status.textContent
        : "";
    }
  }

  function selection() {
    return buttons
      .filter(function (button) { return button.getAttribute("aria-pressed") === "true"; })
      .map(function (button) { return button.getAttribute("data-kb-type"); });
  }

  controls.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-kb-type]");
    if (!button) {
      return;
    }
    var selected = [];
    if (button !== allButton) {
      button.setAttribute("aria-pressed",
        button.getAttribute("aria-pressed") === "true" ? "false" : "true");
      selected = selection();
    }
    apply(selected);
    toUrl(selected);
  });

  apply(fromUrl());
  controls.hidden = false;
})();
