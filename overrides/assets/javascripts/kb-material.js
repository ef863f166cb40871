/* The one place that knows Material for MkDocs' search internals, written for Material
   9.8.2 (MATERIAL below; tests/test_search_material.py fails when the installed version
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

  if (self.document && self.document.getElementById("__config")) {
    inPage(self.document);
  } else {
    inWorker();
  }
})(typeof self !== "undefined" ? self : this);
