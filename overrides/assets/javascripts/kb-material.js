/* Material's behaviour, patched for keyboard and screen-reader users. Written for Material
   for MkDocs 9.8.2 (pinned in pyproject.toml); each patch names what of Material it relies
   on: check them when Material is upgraded. Loaded after Material's bundle
   (overrides/main.html). No network, no dependency. */
(function () {
  "use strict";

  var drawer = document.getElementById("__drawer");
  var search = document.getElementById("__search");
  var input = document.querySelector("input.md-search__input");
  /* Material's breakpoints (9.8.2): below 76.25em the navigation is a drawer that slides in
     from the left; below 60em the search is an overlay opened by a header button. */
  var drawerLayout = matchMedia("(max-width: 76.234375em)");
  var overlayLayout = matchMedia("(max-width: 59.984375em)");

  function visible(element) {
    return !!element && element.getClientRects().length > 0;
  }

  /* 1. The header's menu and search buttons are <label for="__drawer|__search">, which a
     keyboard cannot reach: below 76.25em (a phone, or a desktop zoomed to 200 % and more)
     a keyboard could neither open the navigation nor the search from the header. They become
     buttons: focusable, named (after the navigation and the search box they open), their
     state in aria-expanded, and opened with Enter or Space. */
  function asButton(label, toggle, name) {
    if (!label) {
      return;
    }
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    if (name && !label.hasAttribute("aria-label")) {
      label.setAttribute("aria-label", name);
    }
    label.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    toggle.addEventListener("change", function () {
      label.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    });
    label.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        /* Not on to Material's keyboard handler (on window): the search, opened here, would
           take this Enter as "open the best result". */
        event.preventDefault();
        event.stopPropagation();
        label.click();
      }
    });
  }

  var menuButton = document.querySelector(".md-header label.md-header__button[for='__drawer']");
  var searchButton = document.querySelector(".md-header label.md-header__button[for='__search']");
  var primary = document.querySelector(".md-sidebar--primary");
  var navigation = primary && primary.querySelector("nav[aria-label]");
  if (drawer) {
    asButton(menuButton, drawer, navigation && navigation.getAttribute("aria-label"));
  }
  if (search && input) {
    asButton(searchButton, search, input.getAttribute("aria-label"));
  }

  /* 2. The drawer, closed, is outside the screen but its links were still reached by Tab
     (focus went where nobody could see it): closed, it is inert. Opened from its button with
     the keyboard, the focus goes into it; Escape closes it and returns to the button. */
  var openedByKey = false;

  function updateDrawer() {
    if (!primary) {
      return;
    }
    var closed = drawerLayout.matches && !drawer.checked;
    primary.inert = closed;
    primary.toggleAttribute("inert", closed);
    if (drawer.checked && openedByKey) {
      var first = primary.querySelector("a[href], button, input, [tabindex]:not([tabindex='-1'])");
      if (first) {
        first.focus();
      }
    }
    openedByKey = false;
  }

  if (drawer && primary) {
    if (menuButton) {
      menuButton.addEventListener("keydown", function (event) {
        openedByKey = event.key === "Enter" || event.key === " ";
      }, true);
    }
    drawer.addEventListener("change", updateDrawer);
    drawerLayout.addEventListener("change", updateDrawer);
    primary.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked && drawerLayout.matches) {
        drawer.click();
        if (visible(menuButton)) {
          menuButton.focus();
        }
      }
    });
    updateDrawer();
  }

  /* 3. The search's results, in their scrolling box (div.md-search__scrollwrap, tabindex=0 in
     Material's template): Tab from the search box closed the search (Material closes it on
     Tab) and left the focus on that box, now hidden. The box is taken out of the Tab order
     (its results are reached as below; it holds links, so a keyboard still scrolls it), and
     in the overlay layout the closed search's box too: the header button opens it. */
  var scrollwrap = document.querySelector(".md-search__scrollwrap");
  if (scrollwrap) {
    scrollwrap.setAttribute("tabindex", "-1");
  }

  function updateSearch() {
    if (!input) {
      return;
    }
    if (overlayLayout.matches && !search.checked) {
      input.setAttribute("tabindex", "-1");
    } else {
      input.removeAttribute("tabindex");
    }
  }

  /* 4. Tab and Shift+Tab go through the results as the arrow keys do (Material: arrows only;
     its keydown listener is on window, this one runs before it). Tab past the last result,
     or Shift+Tab from the search box, is left to Material, which closes the search; the
     browser then moves on from there. Material's own list of results is used: the links
     and summaries under [data-md-component=search-result]. */
  function results() {
    var list = document.querySelector("[data-md-component='search-result']");
    if (!list) {
      return [];
    }
    return Array.prototype.filter.call(
      list.querySelectorAll(":not(details) > [href], summary, details[open] [href]"),
      visible);
  }

  document.addEventListener("keydown", function (event) {
    if (!search || !search.checked || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var items = [input].concat(results());
    var at = items.indexOf(document.activeElement);
    if (at < 0) {
      return;
    }
    if (at > 0 && (event.key === "Shift" || event.key === "Alt" || event.key === "AltGraph")) {
      /* Material sends every other key from a result to the search box (to type on):
         Shift alone too, so Shift+Tab from a result went to the box and then out. */
      event.stopPropagation();
    } else if (event.key === "Tab") {
      var next = at + (event.shiftKey ? -1 : 1);
      if (next >= 0 && next < items.length) {
        event.preventDefault();
        event.stopPropagation();
        items[next].focus();
      }
    } else if (event.key === "Escape" && overlayLayout.matches && visible(searchButton)) {
      /* Material closes the search and drops the focus (on the page's body): in the overlay
         layout, give it back to the header's search button. */
      setTimeout(function () {
        searchButton.focus();
      });
    }
  }, true);

  if (search) {
    search.addEventListener("change", updateSearch);
    overlayLayout.addEventListener("change", updateSearch);
    updateSearch();
  }

  /* 5. The palette toggle is a pair of radio buttons (form[data-md-component=palette]); the
     label after the current palette's radio is the button shown. Material leaves both
     radios unchecked, so Tab went to the first radio whatever the palette: in the dark
     palette, one whose label is hidden (the focus could not be seen) and whose name says
     "switch to dark mode". The current palette's radio is kept checked, so Tab goes to it.
     Material switches on Enter (its keydown listener on the form), but Space, which is how
     a button is pressed, did nothing: Space does what Enter does, the next palette. */
  var palette = document.querySelector("form[data-md-component='palette']");

  function paletteOptions() {
    return Array.prototype.slice.call(palette.querySelectorAll("input.md-option"));
  }

  function currentPalette() {
    var options = paletteOptions();
    for (var i = 0; i < options.length; i++) {
      var label = options[i].nextElementSibling;
      if (label && label.tagName === "LABEL" && !label.hidden) {
        return i;
      }
    }
    return -1;
  }

  function checkCurrentPalette() {
    var at = currentPalette();
    if (at >= 0 && !paletteOptions()[at].checked) {
      paletteOptions()[at].checked = true;
    }
  }

  if (palette) {
    /* Material shows the current palette's label (hidden = false) once it has read the
       saved palette, and again on each switch. */
    new MutationObserver(checkCurrentPalette).observe(palette, {
      attributes: true, attributeFilter: ["hidden"], subtree: true
    });
    checkCurrentPalette();
    palette.addEventListener("keydown", function (event) {
      var options = paletteOptions();
      var at = currentPalette();
      if (event.key !== " " || options.indexOf(event.target) < 0 || at < 0) {
        return;
      }
      event.preventDefault();
      var next = options[(at + 1) % options.length];
      next.click();
      next.focus();
    });
  }

  /* 6. The language button (overrides/partials/alternate.html) shows its list while it has
     the focus (Material's .md-select, CSS only); Enter or Space did nothing. They now move
     the focus to the first language of the list. */
  document.querySelectorAll(".md-header .md-select").forEach(function (select) {
    var button = select.querySelector(":scope > button");
    var first = select.querySelector(".md-select__list a[href]");
    if (!button || !first) {
      return;
    }
    button.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        event.stopPropagation();
        first.focus();
      }
    });
  });

  /* 7. Material wraps each table in div.md-typeset__scrollwrap, which scrolls a table wider
     than the screen; a keyboard reaches it only if the table holds a link. Such a wrapper,
     while it scrolls and holds nothing focusable, is made a focusable region named after its
     table, so that the arrow keys scroll it (WCAG 2.1.1, axe's scrollable-region-focusable).
     Checked again when the window's size changes. */
  function tableName(wrapper) {
    var panel = wrapper.closest(".admonition");
    var title = panel && panel.querySelector(".admonition-title");
    if (title) {
      return title.textContent.trim();
    }
    var heading = null;
    document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3")
      .forEach(function (candidate) {
        if (candidate.compareDocumentPosition(wrapper) & Node.DOCUMENT_POSITION_FOLLOWING) {
          heading = candidate;
        }
      });
    if (!heading) {
      return "";
    }
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (link) {
      link.remove();
    });
    return copy.textContent.trim();
  }

  function focusableScrollingTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrapper) {
      var scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
      var reachable = wrapper.querySelector(
        "a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])");
      if (scrolls && !reachable) {
        if (!wrapper.hasAttribute("tabindex")) {
          wrapper.setAttribute("tabindex", "0");
          wrapper.setAttribute("role", "region");
          var name = tableName(wrapper);
          if (name) {
            wrapper.setAttribute("aria-label", name);
          }
        }
      } else if (!scrolls && wrapper.getAttribute("role") === "region") {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("aria-label");
      }
    });
  }

  var resizing = 0;
  window.addEventListener("resize", function () {
    cancelAnimationFrame(resizing);
    resizing = requestAnimationFrame(focusableScrollingTables);
  });
  /* Material wraps the tables when its document$ emits (DOMContentLoaded): run after it. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () {
      setTimeout(focusableScrollingTables);
    });
  } else {
    document.addEventListener("DOMContentLoaded", focusableScrollingTables);
  }
  window.addEventListener("load", focusableScrollingTables);
})();
