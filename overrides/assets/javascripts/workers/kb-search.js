/* Material's search worker with our query rewrite in front of it.

   Material 9 offers no hook to rewrite a query: its transform runs inside its own worker,
   and it reads every "-" that starts a word as NOT, so -1073418124 excluded the very page
   asked for. overrides/main.html points the theme at this file (before Material's bundle
   reads its configuration), naming Material's worker in ?material=; this file loads it and
   rewrites each query message before Material's handler sees it.

   generator/searchquery.py performs the same rewrite for `kb search`: change both together
   (the browser tests compare their first results on tests/search/queries.yaml).

   The rewrite, for each part of the query between white space:
   - a complete code in any form (0xC004F074, C004F074, 3221549172, -1073418124, or the
     8 bare digits of 0x80070005) that has a page on this site becomes that page's token
     (0xc004f074), so decimals find their page;
   - a leading "-" goes: here it is the sign of a decimal or a command's switch
     (slmgr -ipk), never Material's NOT;
   - when the site stems (Italian), plain words are split like the index and stemmed:
     Material appends "*" to every term, and lunr skips the stemmer for such terms, so
     "chiavi*" would never meet the indexed stem "chiav" otherwise; a word still being
     typed whose stem begins no indexed term ("attivazion") is searched by its longest
     beginning that is one ("attiv", the stem of "attivazione").

   It also keeps searching fast on large sites (10,000 codes): queries that a newer one
   has overtaken are not answered, and only the pages the results list can show are
   handled by Material in full (both explained below). */
(function () {
  "use strict";

  var SETUP = 0;
  var QUERY = 2;
  var RESULT = 3;
  var EDGE_PUNCTUATION = /^[()[\]{}<>,.;:!?'"`«»“”‘’]+|[()[\]{}<>,.;:!?'"`«»“”‘’]+$/g;
  /* Parts that use lunr's query syntax are left to Material as they are. */
  var SYNTAX = /^[+-]|[*~^:"]/;
  /* A code page's location: 0xc004f074/ online, 0xc004f074/index.html in the offline
     bundle (no directory URLs). */
  var PAGE = /^(0x[0-9a-f]{8})\/(?:index\.html)?$/;

  /* This file's address. From file://, the offline bundle runs the worker in a hidden
     iframe (the iframe-worker shim): there, self.location is the page's, scripts load
     relative to the page, and the shim appends "?<time>" to this file's address. */
  var here = self.document && self.document.currentScript
    ? self.document.currentScript.src : self.location.href;
  var named = /[?&]material=(search\.[0-9a-f]+\.min\.js)(?:[?&#]|$)/.exec(here);
  if (!named) {
    throw new Error("kb-search.js needs ?material=search.<hash>.min.js");
  }
  var material = new URL(named[1], here).href;
  importScripts(new URL("../kb-codes.js", here).href);

  var pages = {};
  var separator = /[\s-]+/;
  var stemming = false;
  var language = "en";

  function setup(config, docs) {
    pages = {};
    docs.forEach(function (doc) {
      var match = PAGE.exec(doc.location);
      if (match) {
        pages[match[1]] = true;
      }
    });
    separator = new RegExp(config.separator, "g");
    stemming = config.pipeline.indexOf("stemmer") >= 0;
    language = config.lang.length === 1 ? config.lang[0] : "en";
  }

  /* The stemmer of the index (lunr-languages loads it while Material handles SETUP). */
  function stem(word) {
    var lunr = self.lunr;
    var stemmer = language === "en" ? lunr.stemmer : lunr[language].stemmer;
    return stemmer(new lunr.Token(word)).toString();
  }

  /* A word being typed is stemmed as it stands ("attivazion"), and Material searches it
     as a prefix; but the index holds the stem of the whole word, which can be shorter
     ("attiv", of "attivazione"), and nothing would be found until the word is complete.
     When its stem begins no term of the index, the word's longest beginning that is a
     term stands for it, no shorter than MIN_BEGINNING. */
  var MIN_BEGINNING = 3;

  function stemWord(word) {
    var stemmed = stem(word);
    var index = currentRanking() ? ranking.index() : null;
    if (index === null || termNode(index, stemmed) !== null) {
      return stemmed;
    }
    for (var end = word.length; end >= MIN_BEGINNING; end--) {
      var node = termNode(index, word.slice(0, end));
      if (node !== null && node.final) {
        return word.slice(0, end);
      }
    }
    return stemmed;
  }

  /* The node of the index's token set (a trie of its terms) that ``text`` leads to. */
  function termNode(index, text) {
    var node = index.tokenSet;
    for (var i = 0; i < text.length; i++) {
      var char = text.charAt(i);
      if (!Object.prototype.hasOwnProperty.call(node.edges, char)) {
        return null;
      }
      node = node.edges[char];
    }
    return node;
  }

  /* The non-empty pieces of text between separators, as Material's tokenizer cuts them. */
  function pieces(text) {
    var found = [];
    var start = 0;
    var match;
    separator.lastIndex = 0;
    while ((match = separator.exec(text)) !== null) {
      if (match.index > start) {
        found.push(text.slice(start, match.index));
      }
      start = match.index + match[0].length;
      if (match[0].length === 0) {
        separator.lastIndex = match.index + 1;
      }
    }
    if (start < text.length) {
      found.push(text.slice(start));
    }
    return found;
  }

  function pageOf(value) {
    var slug = KbCodes.slug(value);
    return pages[slug] ? slug : null;
  }

  function rewritePart(part) {
    var core = part.replace(EDGE_PUNCTUATION, "");
    var code = KbCodes.parse(core);
    if (code.value !== null) {
      var page = pageOf(code.value);
      if (page) {
        return stemming ? stem(page) : page;
      }
    }
    part = part.replace(/^-+/, "");
    if (!stemming || SYNTAX.test(part)) {
      return part;
    }
    return pieces(part.toLowerCase()).map(stemWord).join(" ");
  }

  function rewrite(query) {
    return query.split(/\s+/).map(rewritePart).join(" ");
  }

  function intercept(message) {
    if (message && message.type === SETUP) {
      setup(message.data.config, message.data.docs);
      currentRanking().setup(message.data.docs);
    } else if (message && message.type === QUERY && typeof message.data === "string") {
      return { type: QUERY, data: rewrite(message.data) };
    }
    return message;
  }

  /* The work per query (kb-search-ranking.js over kb-search-lunr.js, loaded with
     Material's worker below). */
  var ranking = null;

  function currentRanking() {
    if (ranking === null && typeof self.KbSearchRanking === "function") {
      ranking = self.KbSearchRanking(here, RESULT);
    }
    return ranking;
  }

  /* ---- Stale queries ----

     Material sends a query on every key release and answers each in turn; while one is
     being answered the next keys' queries wait, and each would be answered although a
     newer one is already waiting. Queries are therefore held and answered from tasks of
     their own: any queries that arrived meanwhile are received first, and only the
     newest of them is answered. Its ranking is done in slices of SLICE_MS (see "Work in
     slices" in kb-search-ranking.js), between which newer queries are received, and it
     is abandoned for the newest. The answer to the last query always comes, and names
     the query it answers (as "query", which Material ignores): the tests wait for it. */
  var SLICE_MS = 4;
  var answering = null;
  var dropAnswer = false;

  function newestOnly(listener) {
    var held = null;
    var job = null;
    var scheduled = false;
    var channel = new MessageChannel();

    function schedule() {
      if (!scheduled) {
        scheduled = true;
        channel.port2.postMessage(null);
      }
    }

    function start(message) {
      var query = intercept(message);
      var ask = function () {
        answering = message.data;
        listener({ data: query });
      };
      if (!currentRanking()) {
        ask();  // not reached: the ranking loads before Material's worker registers
        return;
      }
      var work = ranking.dry(ask);
      if (work !== null) {
        // Material's answer to the dry run, posted once its handler's promise settles
        answering = null;
        dropAnswer = true;
        job = { query: query, asked: message.data, work: work, ranked: false };
        schedule();
      }
    }

    channel.port1.onmessage = function () {
      scheduled = false;
      if (held !== null) {
        var message = held;
        held = null;
        job = null;
        start(message);
      } else if (job !== null && !job.ranked) {
        job.ranked = job.work.run(performance.now() + SLICE_MS);
        schedule();
      } else if (job !== null) {
        // Ranked, and no newer query came meanwhile: Material answers it now.
        var done = job;
        job = null;
        answering = done.asked;
        listener({ data: done.query });
      }
    };
    return function (event) {
      var message = event.data;
      if (message && message.type === QUERY) {
        held = message;
        schedule();
        return undefined;
      }
      return listener({ data: intercept(message) });
    };
  }

  /* Material's worker registers its message handler with a bare addEventListener(); hand
     it our rewritten message instead of the original event. */
  var listen = self.addEventListener;
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") {
      return listen.call(self, type, listener, options);
    }
    return listen.call(self, type, newestOnly(listener), options);
  };
  var post = self.postMessage;
  self.postMessage = function (message) {
    var args = Array.prototype.slice.call(arguments);
    if (dropAnswer && message && message.type === RESULT) {
      dropAnswer = false;
      return undefined;
    }
    var answer = currentRanking() ? ranking.complete(message) : message;
    if (answer && answer.type === RESULT && answering !== null) {
      answer = { type: RESULT, data: answer.data, query: answering };
      answering = null;
    }
    args[0] = answer;
    return post.apply(self, args);
  };
  /* One call, so that the iframe shim of the offline bundle (whose importScripts loads
     asynchronously) also runs them in this order. */
  var loaded = importScripts(new URL("kb-search-lunr.js", here).href,
    new URL("kb-search-ranking.js", here).href, material);
  if (loaded && typeof loaded.then === "function") {
    loaded.then(function () {
      currentRanking().install(self.lunr);
    });
  } else {
    currentRanking().install(self.lunr);
  }
})();
