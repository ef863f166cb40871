/* The one place that knows Material for MkDocs' internals — its search, and what its
   keyboard handling and markup leave out for keyboard and screen-reader users — written
   for Material 9.8.2 (MATERIAL below; tests/test_search_material.py fails when the installed version
   is another, and this file says so in the console when what it relies on is missing).

   Material's search box, results list, keyboard handling and highlighting stay as they
   are; its search worker (lunr over search/search_index.json, which the build empties:
   activation_kb/engine/mkdocs.py) is replaced by ours, which speaks the same messages:

     page → worker  {type: 0 SETUP, data: {config, docs, options}}   (docs: none)
     worker → page  {type: 1 READY}
     page → worker  {type: 2 QUERY, data: "the box's text"}          (on every key up)
     worker → page  {type: 3 RESULT, data: {items: [[item]]}}        (one page per group)

   where an item is {location, title, text, score, terms}: title and text are HTML, terms
   the query's words and whether the page has them (Material adds the found ones to the
   link as ?h=, for the page to highlight). Results are in order and their scores fall,
   since Enter opens the highest score.

   The same file runs twice:
   - in the page (overrides/main.html loads it before Material's bundle): it points
     config.search (the worker's address in #__config) at this file, with the index's
     folder and the page's language in its query, and holds the worker back until the
     search box is first used (a reader opening a ticket's link never loads the search);
   - as the worker (a Worker, or the iframe-worker shim's iframe from file://): it loads
     workers/kb-search-engine.js and answers Material's messages from our index. */
(function (self) {
  "use strict";

  var MATERIAL = "9.8.2";
  var SETUP = 0;
  var READY = 1;
  var QUERY = 2;
  var RESULT = 3;
  var MATERIAL_WORKER = /(^|\/)workers\/search\.[0-9a-f]+\.min\.js$/;
  var BOX = "[data-md-component=search-query]";

  function broken(what) {
    /* Loud, but the page keeps working: Material's own search then runs (on an empty
       index) instead of ours. */
    console.error("kb search: written for Material for MkDocs " + MATERIAL + ", but " + what +
      "; search will find nothing until overrides/assets/javascripts/kb-material.js is updated");
  }

  /* ---- In the page ---- */

  function inPage(document) {
    var script = document.currentScript;
    var element = document.getElementById("__config");
    var config;
    try {
      config = JSON.parse(element.textContent);
    } catch (error) {
      broken("the page has no #__config to read");
      return;
    }
    if (typeof config.search !== "string" || !MATERIAL_WORKER.test(config.search)) {
      broken("#__config's search names no workers/search.<hash>.min.js");
      return;
    }
    if (!document.querySelector(BOX) || !document.querySelector("[data-md-component=search-result]")) {
      broken("the page has no search box or results list where Material puts them");
      return;
    }
    var page = new URL(config.base, location.href);
    var worker = new URL(script.getAttribute("src"), location.href);
    worker.search = "?index=" + encodeURIComponent(new URL("search/kb/", page).href) +
      "&file=" + (location.protocol === "file:" ? "1" : "0");
    config.search = worker.href;
    element.textContent = JSON.stringify(config);
    holdBack(document, worker.href);
  }

  /* Material makes its worker as soon as the page loads, and sends it SETUP; the worker
     made here is a stand-in that keeps the messages until the search box has the focus
     (a click, or the theme's keys s, f and /), then starts ours and passes them on. */
  function holdBack(document, url) {
    var Real = self.Worker;
    if (typeof Real !== "function") {
      return;
    }
    var wanted = false;
    var waiting = [];
    document.addEventListener("focusin", function (event) {
      if (!wanted && event.target.matches && event.target.matches(BOX)) {
        wanted = true;
        waiting.splice(0).forEach(function (start) { start(); });
      }
    }, true);
    self.Worker = function (address, options) {
      if (String(address) !== url) {
        return new Real(address, options);
      }
      var standIn = new EventTarget();
      var real = null;
      var queue = [];
      function pass(event) {
        var copy = new MessageEvent(event.type, { data: event.data });
        standIn.dispatchEvent(copy);
        if (typeof standIn["on" + event.type] === "function") {
          standIn["on" + event.type].call(standIn, copy);
        }
      }
      function start() {
        real = new Real(address, options);
        real.addEventListener("message", pass);
        real.addEventListener("error", pass);
        queue.splice(0).forEach(function (args) { real.postMessage.apply(real, args); });
      }
      standIn.postMessage = function () {
        if (real !== null) {
          return real.postMessage.apply(real, arguments);
        }
        queue.push(arguments);
        if (queue.length === 1) {
          if (wanted) {
            start();
          } else {
            waiting.push(start);
          }
        }
        return undefined;
      };
      standIn.terminate = function () {
        if (real !== null) {
          real.terminate();
        }
      };
      return standIn;
    };
  }

  /* ---- As the worker ---- */

  function escape(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  /* The teaser as HTML, the words of the query it has marked as Material marks them. */
  function marked(text, query, matched, lang) {
    var engine = self.KbSearch;
    return escape(text).replace(/[0-9A-Za-z\u00c0-\u024f]+/g, function (word) {
      var folded = engine.fold(word);
      var hit = matched.has(engine.stem(folded, lang)) ||
        (query.typed !== null && matched.has(engine.stem(query.typed, lang)) &&
         folded.slice(0, query.typed.length) === query.typed);
      return hit ? "<mark>" + word + "</mark>" : word;
    });
  }

  function inWorker() {
    var here = self.document && self.document.currentScript
      ? self.document.currentScript.src : self.location.href;
    var index = /[?&]index=([^&?#]*)/.exec(here);
    var file = /[?&]file=1/.test(here);
    var search = null;
    var newest = null;
    var held = [];

    function load(urls) {
      return self.importScripts.apply(self, urls);
    }

    function item(result, query, meta, score) {
      var lang = meta.lang;
      if (result.doc === null) {
        var code = "0x" + ("0000000" + result.code.toString(16)).slice(-8).toUpperCase();
        var go = meta.go + (file ? "index.html" : "") + "?code=" + code + "&lang=" + lang;
        return { location: go, title: escape(meta.unknown.title.replace("{code}", code)),
                 text: escape(meta.unknown.teaser), score: score, terms: {} };
      }
      var location = result.row[0];
      if (file && (location === "" || location.slice(-1) === "/")) {
        location += "index.html";
      }
      var terms = {};
      query.words.forEach(function (word) {
        terms[word] = result.matched.has(self.KbSearch.stem(word, lang));
      });
      return { location: location, title: escape(result.row[1]),
               text: marked(result.row[2], query, result.matched, lang), score: score,
               terms: terms };
    }

    function post(text, answer, final) {
      var meta = search.meta();
      var items = answer.results.map(function (result, i) {
        return [item(result, answer.query, meta, answer.results.length - i)];
      });
      var message = { type: RESULT, data: { items: items } };
      if (final) {
        message.query = text;  // which query this answers (Material ignores it; tests wait for it)
      }
      self.postMessage(message);
    }

    function ask(text) {
      newest = text;
      search.answer(text, function (results) {
        if (newest === text) {
          post(text, { query: self.KbSearch.readQuery(text, search.meta().lang), results: results });
        }
      }).then(function (answer) {
        if (newest === text) {
          post(text, answer, true);
        }
      }, function (error) {
        console.error(error);
        if (newest === text) {
          self.postMessage({ type: RESULT, data: { items: [] }, query: text });
        }
      });
    }

    function receive(message) {
      if (!message || typeof message !== "object") {
        return;
      }
      if (message.type === SETUP) {
        /* Ready at once: the query Material then sends waits for the index's first file
           in here, while it comes. */
        self.postMessage({ type: READY });
        search.ready().catch(function (error) {
          broken("the search index did not load (" + error.message + ")");
        });
      } else if (message.type === QUERY && typeof message.data === "string") {
        ask(message.data);
      }
    }

    self.addEventListener("message", function (event) {
      if (search === null) {
        held.push(event.data);
      } else {
        receive(event.data);
      }
    });
    if (!index) {
      broken("this worker was started without ?index=");
      return;
    }
    var engine = new URL("workers/kb-search-engine.js", here.split("?")[0]).href;
    Promise.resolve(load([engine])).then(function () {
      search = self.KbSearch.open({ index: decodeURIComponent(index[1]), load: load });
      held.splice(0).forEach(receive);
    });
  }

  /* Material's behaviour patched for the keyboard and screen readers (the second job of
     this file): run once Material's bundle has set up the page. tests/site/test_keyboard.py
     tries each path. */
  function patchKeyboard(document) {
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
       focusable region named after its panel's title (an admonition's, a collapsible
       panel's summary) or the heading before it, so that the arrow keys scroll it (axe's
       scrollable-region-focusable). */
    function tableName(wrapper) {
      var title = wrapper.closest(".admonition, details");
      title = title && title.querySelector(".admonition-title, summary");
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
  }

  if (self.document && self.document.getElementById("__config")) {
    inPage(self.document);
    /* Material's bundle runs after this file, at the end of the page: DOMContentLoaded
       comes once it has. */
    self.document.addEventListener("DOMContentLoaded", function () {
      patchKeyboard(self.document);
    });
  } else {
    inWorker();
  }
})(typeof self !== "undefined" ? self : this);
