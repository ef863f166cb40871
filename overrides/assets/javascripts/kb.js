/* Behaviours of our own, on every page. No network, no dependency, no framework. */
(function () {
  "use strict";

  /* An old link to the article names a code's anchor (…/it/#0xc004f074-no-key-…). On the
     landing page that anchor is the id of the summary-table link to the code's page
     (class kb-old-anchor): follow it. Without JavaScript the reader lands on that link. */
  function followOldAnchor() {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return;
    }
    var target = id && document.getElementById(id);
    if (target && target.matches("a.kb-old-anchor[href]")) {
      location.replace(target.href);
    } else if (!target && document.querySelector(".kb-summary-parts")) {
      /* A large catalogue lists its codes on summary pages, not here; a code anchor
         starts with the code, whose page is the folder of that name. */
      var code = /^(0x[0-9a-f]{8})(-|$)/.exec(id.toLowerCase());
      if (code) {
        location.replace(code[1] + (location.protocol === "file:" ? "/index.html" : "/"));
      }
    }
  }

  /* The language switcher links to the same page; keep the query (the summary's filter,
     go/'s code, the 404 page's address) and the section too. */
  function keepSection(event) {
    var link = event.target.closest && event.target.closest("a[data-kb-language]");
    if (link && (location.search || location.hash)) {
      link.href = link.href.split(/[?#]/)[0] + location.search + location.hash;
    }
  }

  function word(name, fallback) {
    var meta = document.querySelector('meta[name="' + name + '"]');
    return meta ? meta.content : fallback;
  }

  /* navigator.clipboard exists only in secure contexts; an intranet over plain http is not
     one, so fall back to the older selection-based copy. */
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      document.body.removeChild(area);
      if (copied) {
        resolve();
      } else {
        reject(new Error("copy refused"));
      }
    });
  }

  /* A copy changes nothing a screen reader would notice: say it in a live region (one per
     page, created when first needed). The text is emptied first, so that a second copy
     with the same words is said again. */
  var live = null;
  var liveTimer = null;

  function announce(text) {
    if (!live) {
      live = document.createElement("div");
      live.className = "kb-sr-only";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      live.setAttribute("data-kb-announce", "");
      document.body.appendChild(live);
    }
    live.textContent = "";
    clearTimeout(liveTimer);
    liveTimer = setTimeout(function () {
      live.textContent = text;
    }, 100);
  }

  /* Shared with kb-links.js (the copy-link controls), which loads after this file. */
  window.kb = window.kb || {};
  window.kb.copy = copy;
  window.kb.announce = announce;

  /* Commands are inline code in running text (`slmgr /dli`); Material's copy button only
     serves code blocks, so give each command a button of its own. */
  function addCopyButtons() {
    var label = word("kb:copy", "Copy");
    var done = word("kb:copied", "Copied");
    document.querySelectorAll(".md-content code").forEach(function (code) {
      var command = code.textContent.trim();
      if (code.closest("pre") || !/^slmgr/i.test(command)) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-copy";
      button.title = label;
      button.setAttribute("aria-label", label + ": " + command);
      button.addEventListener("click", function () {
        copy(command).then(function () {
          button.classList.add("kb-copy--done");
          button.title = done;
          announce(done + ": " + command);
          setTimeout(function () {
            button.classList.remove("kb-copy--done");
            button.title = label;
          }, 2000);
        }, function () {});
      });
      code.insertAdjacentElement("afterend", button);
    });
  }

  /* Opened from file:// (a copy of the site on disk), a link to a folder shows the folder,
     not its page: point links and forms to folders at their index.html. */
  function linkPagesOnDisk() {
    if (location.protocol !== "file:") {
      return;
    }
    document.querySelectorAll("a[href]").forEach(function (link) {
      var url = new URL(link.href, location.href);
      if (url.protocol === "file:" && url.pathname.slice(-1) === "/") {
        url.pathname += "index.html";
        link.href = url.href;
      }
    });
    /* The code box sends its code to go/, a folder. */
    document.querySelectorAll("form[action]").forEach(function (form) {
      var url = new URL(form.action, location.href);
      if (url.protocol === "file:" && url.pathname.slice(-1) === "/") {
        form.action = url.href.split(/[?#]/)[0] + "index.html";
      }
    });
  }

  linkPagesOnDisk();
  followOldAnchor();
  window.addEventListener("hashchange", followOldAnchor);
  document.addEventListener("click", keepSection, true);
  addCopyButtons();
})();

/* Material's behaviour patched for the keyboard and screen readers, in one place. Written
   for Material for MkDocs 9.8.2 (pinned in pyproject.toml): check each patch when it is
   upgraded. This file runs after Material's bundle (extra_javascript); a file of its own
   would cost every page of the offline zip a script tag, and the zip has a size budget.
   tests/site/test_keyboard.py tries each path. */
(function () {
  "use strict";

  var drawer = document.getElementById("__drawer");
  var search = document.getElementById("__search");
  var input = document.querySelector("input.md-search__input");
  var primary = document.querySelector(".md-sidebar--primary");
  /* Material's breakpoints: the navigation is a drawer below 76.25em, the search an overlay
     opened from a header button below 60em. */
  var drawerLayout = matchMedia("(max-width: 76.234375em)");
  var overlayLayout = matchMedia("(max-width: 59.984375em)");

  function on(target, type, listener, capture) {
    if (target) {
      target.addEventListener(type, listener, !!capture);
    }
  }

  function shown(element) {
    return !!element && element.getClientRects().length > 0;
  }

  function pressed(event) {
    return event.key === "Enter" || event.key === " ";
  }

  /* 1. The header's menu and search buttons are <label for="__drawer|__search">, out of
     reach of Tab (a phone, or a desktop zoomed to 200 %): their icon goes into a button
     (a span: a label may not be one), named after what it opens, its state in
     aria-expanded, pressed with Enter or Space. The key goes no further: Material would
     take Enter in the search just opened as "open the best result". */
  function asButton(label, toggle, name) {
    if (!label || !toggle) {
      return null;
    }
    var button = document.createElement("span");
    var expanded = function () {
      button.setAttribute("aria-expanded", String(toggle.checked));
    };
    button.className = "kb-label-button";
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-label", name || "");
    while (label.firstChild) {
      button.appendChild(label.firstChild);
    }
    label.appendChild(button);
    expanded();
    on(toggle, "change", expanded);
    on(button, "keydown", function (event) {
      if (pressed(event)) {
        event.preventDefault();
        event.stopPropagation();
        button.click();
      }
    });
    return button;
  }

  var navigation = primary && primary.querySelector("nav[aria-label]");
  var menuButton = asButton(document.querySelector(".md-header label[for='__drawer']"), drawer,
    navigation && navigation.getAttribute("aria-label"));
  var searchButton = asButton(document.querySelector(".md-header label[for='__search']"),
    search, input && input.getAttribute("aria-label"));

  /* 2. The closed drawer is off the screen, yet Tab went through its links: closed, it is
     inert. Opened with the keyboard, the focus goes into it; Escape closes it. */
  var byKey = false;

  function updateDrawer() {
    primary.inert = drawerLayout.matches && !drawer.checked;
    if (drawer.checked && byKey) {
      var first = primary.querySelector("a[href], [tabindex='0']");
      if (first) {
        first.focus();
      }
    }
    byKey = false;
  }

  if (drawer && primary) {
    on(menuButton, "keydown", function (event) {
      byKey = pressed(event);
    }, true);
    on(drawer, "change", updateDrawer);
    on(drawerLayout, "change", updateDrawer);
    on(primary, "keydown", function (event) {
      if (event.key === "Escape" && drawer.checked && drawerLayout.matches) {
        drawer.click();
        if (shown(menuButton)) {
          menuButton.focus();
        }
      }
    });
    updateDrawer();
  }

  /* 3. The search box of the overlay layout, closed, is off the screen: out of the Tab
     order (the header button opens the search and focuses the box). */
  function updateSearch() {
    if (overlayLayout.matches && !search.checked) {
      input.setAttribute("tabindex", "-1");
    } else {
      input.removeAttribute("tabindex");
    }
  }

  if (search && input) {
    /* Material's search is a dialog without a name (axe's aria-dialog-name). */
    var dialog = input.closest("[role='dialog']");
    if (dialog) {
      dialog.setAttribute("aria-label", input.getAttribute("aria-label"));
    }
    on(search, "change", updateSearch);
    on(overlayLayout, "change", updateSearch);
    updateSearch();
  }

  /* 4. Tab and Shift+Tab go through the results as the arrow keys do; Material (its keydown
     listener is on window, after this one) closed the search on Tab. Tab past the last
     result, Shift+Tab from the box, are still Material's. It also sends any other key from
     a result to the box, Shift alone too, so Shift+Tab left the results: not Shift nor Alt.
     In the overlay layout, Escape gives the focus back to the header's search button. */
  on(document, "keydown", function (event) {
    if (!search || !search.checked || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var list = document.querySelector("[data-md-component='search-result']");
    var items = [input].concat(Array.prototype.filter.call(list ? list.querySelectorAll(
      ":not(details) > [href], summary, details[open] [href]") : [], shown));
    var at = items.indexOf(document.activeElement);
    var next = at + (event.shiftKey ? -1 : 1);
    if (at < 0) {
      return;
    }
    if (event.key === "Tab" && next >= 0 && next < items.length) {
      event.preventDefault();
      event.stopPropagation();
      items[next].focus();
    } else if (at > 0 && /^(Shift|Alt|AltGraph)$/.test(event.key)) {
      event.stopPropagation();
    } else if (event.key === "Escape" && overlayLayout.matches && shown(searchButton)) {
      setTimeout(function () {
        searchButton.focus();
      });
    }
  }, true);

  /* 5. The palette toggle: two radio buttons, Material leaving both unchecked, so Tab went
     to the first whatever the palette (in the dark one, a radio whose label is hidden and
     whose name says "switch to dark mode"). The current palette's radio (the one whose label
     is shown) is kept checked. Material switches on Enter; Space, how a button is pressed,
     now does the same. */
  var palette = document.querySelector("form[data-md-component='palette']");

  function options() {
    return Array.prototype.slice.call(palette.querySelectorAll("input.md-option"));
  }

  function current() {
    return options().findIndex(function (option) {
      var label = option.nextElementSibling;
      return label && label.tagName === "LABEL" && !label.hidden;
    });
  }

  function checkCurrent() {
    var at = current();
    if (at >= 0) {
      options()[at].checked = true;
    }
  }

  if (palette) {
    new MutationObserver(checkCurrent).observe(palette, {
      attributes: true, attributeFilter: ["hidden"], subtree: true
    });
    checkCurrent();
    on(palette, "keydown", function (event) {
      var all = options();
      if (event.key === " " && all.indexOf(event.target) >= 0 && current() >= 0) {
        event.preventDefault();
        var next = all[(current() + 1) % all.length];
        next.click();
        next.focus();
      }
    });
  }

  /* 6. The language button (partials/alternate.html) shows its menu while focused (CSS
     only); Enter or Space did nothing: they go to the menu's first language. */
  document.querySelectorAll(".md-header .md-select").forEach(function (select) {
    var first = select.querySelector(".md-select__list a[href]");
    on(select.querySelector(":scope > button"), "keydown", function (event) {
      if (pressed(event) && first) {
        event.preventDefault();
        event.stopPropagation();
        first.focus();
      }
    });
  });

  /* 7. A table wider than the screen scrolls in Material's div.md-typeset__scrollwrap, out
     of reach of the keyboard unless the table holds a link: while it scrolls, it is a
     focusable region named after its panel's title or the heading before it, so that the
     arrow keys scroll it (axe's scrollable-region-focusable). */
  function tableName(wrapper) {
    var title = wrapper.closest(".admonition");
    title = title && title.querySelector(".admonition-title");
    var headings = document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3");
    for (var i = headings.length - 1; !title && i >= 0; i--) {
      if (headings[i].compareDocumentPosition(wrapper) & Node.DOCUMENT_POSITION_FOLLOWING) {
        title = headings[i].cloneNode(true);
        title.querySelectorAll(".headerlink").forEach(function (link) {
          link.remove();
        });
      }
    }
    return title ? title.textContent.trim() : "";
  }

  function scrollingTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrapper) {
      var region = wrapper.getAttribute("role") === "region";
      var scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1 &&
        (region || !wrapper.querySelector("a[href], button, input, select, [tabindex]"));
      if (scrolls && !region) {
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", tableName(wrapper));
      } else if (!scrolls && region) {
        ["tabindex", "role", "aria-label"].forEach(function (name) {
          wrapper.removeAttribute(name);
        });
      }
    });
  }

  var frame = 0;
  on(window, "resize", function () {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(scrollingTables);
  });
  /* Material wraps the tables when its document$ emits (DOMContentLoaded): after it. */
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () {
      setTimeout(scrollingTables);
    });
  }
  on(window, "load", scrollingTables);
})();
