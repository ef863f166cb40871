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
     "chiavi*" would never meet the indexed stem "chiav" otherwise.

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
    if (value === null) {
      return null;
    }
    var slug = KbCodes.slug(value);
    return pages[slug] ? slug : null;
  }

  function rewritePart(part) {
    var core = part.replace(EDGE_PUNCTUATION, "");
    var code = KbCodes.parse(core);
    if (code.value !== null) {
      var page = pageOf(code.value) || pageOf(KbCodes.hexReading(core));
      if (page) {
        return stemming ? stem(page) : page;
      }
    }
    part = part.replace(/^-+/, "");
    if (!stemming || SYNTAX.test(part)) {
      return part;
    }
    return pieces(part.toLowerCase()).map(stem).join(" ");
  }

  function rewrite(query) {
    return query.split(/\s+/).map(rewritePart).join(" ");
  }

  function intercept(message) {
    if (message && message.type === SETUP) {
      setup(message.data.config, message.data.docs);
      ranking.setup(message.data.docs);
    } else if (message && message.type === QUERY && typeof message.data === "string") {
      return { type: QUERY, data: rewrite(message.data) };
    }
    return message;
  }

  /* ---- Work per query: in full only for the pages the list can show ----

     Material answers a query with every matching section, each copied, highlighted and
     posted back (structured clone): at 10,000 codes "attivazione" matches 28,000
     sections, a 22 MB answer that took the worker about a second, lunr's own matching a
     fifth of it. The list shows 10 pages, then 4 more each time its end comes into view.

     So lunr.Index#search is replaced by the same matching and scoring (the same products
     summed in the same order: the same scores), which builds lunr's MatchData only for
     the results it returns, and returns the sections of the first FULL_PAGES pages only,
     ranked as Material will rank them (see finalScore). Material handles those as
     before; the pages after them are appended to its answer, in the same order, as
     their titles alone: the count of matching pages stays right and scrolling still
     reaches every page, but these show no teaser and no sections. Queries this cannot
     rank as Material does (only prohibited terms, or a boost Material would compute as
     NaN) get lunr's own search. ?full=0 in this file's address turns all this off (the
     tests compare both). */
  var ranking = (function () {
    var fullParameter = /[?&]full=(\d+)(?:[?&#]|$)/.exec(here);
    var FULL_PAGES = fullParameter ? parseInt(fullParameter[1], 10) : 100;
    var groupOf = new Map();
    var docOf = new Map();
    var tail = null;

    /* Material's document map (setupSearchDocumentMap): a location without its "#…" seen
       first is a page; every later document of that path is a section of it. */
    function setupDocs(docs) {
      groupOf = new Map();
      docOf = new Map();
      var seen = new Map();
      docs.forEach(function (doc) {
        var path = doc.location.split("#")[0];
        var page = seen.get(path);
        if (page === undefined) {
          seen.set(path, doc);
          docOf.set(path, doc);
          groupOf.set(path, { page: doc.location, isPage: true });
        } else {
          docOf.set(doc.location, doc);
          groupOf.set(doc.location, { page: page.location, isPage: false });
        }
      });
    }

    function required(condition, what) {
      if (!condition) {
        throw new Error("kb-search.js: Material's lunr changed (" + what + ")");
      }
    }

    function install(lunr) {
      required(lunr && lunr.Index && lunr.Index.prototype.search, "lunr.Index#search");
      required(lunr.FieldRef && lunr.FieldRef.joiner === "/", "lunr.FieldRef.joiner");
      required(lunr.MatchData && lunr.MatchData.prototype.add, "lunr.MatchData");
      required(lunr.MatchData.prototype.combine, "lunr.MatchData#combine");
      required(lunr.TokenSet && lunr.TokenSet.fromClause, "lunr.TokenSet.fromClause");
      required(lunr.Vector && lunr.Vector.prototype.magnitude, "lunr.Vector#magnitude");
      required(lunr.QueryParser && lunr.Query && lunr.Query.presence, "lunr.QueryParser");
      required(lunr.Set && lunr.Set.complete && lunr.Set.empty, "lunr.Set");
      var original = lunr.Index.prototype.search;
      lunr.Index.prototype.search = function (queryString) {
        tail = null;
        if (FULL_PAGES <= 0) {
          return original.call(this, queryString);
        }
        var ranked = rank(lunr, this, queryString);
        return ranked === null ? original.call(this, queryString) : ranked;
      };
    }

    /* lunr.Index#query's matching and scoring, keeping for each field of each document
       the terms it matched and their metadata, to make MatchData of later if returned. */
    function match(lunr, index, query) {
      var presence = lunr.Query.presence;
      var matchingFields = Object.create(null);
      var fieldMatches = [];
      var termFieldCache = Object.create(null);
      var requiredMatches = Object.create(null);
      var prohibitedMatches = Object.create(null);
      var queryWeights = Object.create(null);
      index.fields.forEach(function (field) {
        queryWeights[field] = new Map();
        matchingFields[field] = new Map();
      });
      for (var i = 0; i < query.clauses.length; i++) {
        var clause = query.clauses[i];
        var clauseMatches = lunr.Set.empty;
        var terms = clause.usePipeline
          ? index.pipeline.runString(clause.term, { fields: clause.fields })
          : [clause.term];
        for (var m = 0; m < terms.length; m++) {
          clause.term = terms[m];
          var expanded = index.tokenSet.intersect(lunr.TokenSet.fromClause(clause)).toArray();
          if (expanded.length === 0 && clause.presence === presence.REQUIRED) {
            clause.fields.forEach(function (field) {
              requiredMatches[field] = lunr.Set.empty;
            });
            break;
          }
          for (var j = 0; j < expanded.length; j++) {
            var term = expanded[j];
            var posting = index.invertedIndex[term];
            for (var k = 0; k < clause.fields.length; k++) {
              var field = clause.fields[k];
              var termField = term + "/" + field;
              var cached = postingOf(index, termField, posting, field);
              var refs = cached.refs;
              if (clause.presence === presence.REQUIRED) {
                clauseMatches = clauseMatches.union(new lunr.Set(refs));
                if (requiredMatches[field] === undefined) {
                  requiredMatches[field] = lunr.Set.complete;
                }
              }
              if (clause.presence === presence.PROHIBITED) {
                if (prohibitedMatches[field] === undefined) {
                  prohibitedMatches[field] = lunr.Set.empty;
                }
                prohibitedMatches[field] = prohibitedMatches[field].union(new lunr.Set(refs));
                continue;
              }
              // lunr.Vector#upsert, without its insertion into an array for every term
              var weight = queryWeights[field].get(posting._index);
              queryWeights[field].set(posting._index,
                weight === undefined ? clause.boost : weight + clause.boost);
              if (termFieldCache[termField]) {
                continue;
              }
              var byRef = matchingFields[field];
              for (var l = 0; l < refs.length; l++) {
                var found = byRef.get(refs[l]);
                if (found === undefined) {
                  // Most documents match one term in a field: no arrays for them.
                  found = { ref: refs[l], field: field, term: term, metadata: cached.metadata[l],
                    index: posting._index, weight: cached.weights[l], more: null };
                  byRef.set(refs[l], found);
                  fieldMatches.push(found);
                } else {
                  found.more = found.more || [];
                  found.more.push(term, cached.metadata[l], posting._index, cached.weights[l]);
                }
              }
              termFieldCache[termField] = true;
            }
          }
        }
        if (clause.presence === presence.REQUIRED) {
          clause.fields.forEach(function (field) {
            requiredMatches[field] = requiredMatches[field].intersect(clauseMatches);
          });
        }
      }
      var allRequired = lunr.Set.complete;
      var allProhibited = lunr.Set.empty;
      index.fields.forEach(function (field) {
        if (requiredMatches[field]) {
          allRequired = allRequired.intersect(requiredMatches[field]);
        }
        if (prohibitedMatches[field]) {
          allProhibited = allProhibited.union(prohibitedMatches[field]);
        }
      });
      var magnitudes = Object.create(null);
      index.fields.forEach(function (field) {
        magnitudes[field] = queryVector(lunr, queryWeights[field]).magnitude();
      });
      var filtered = allRequired !== lunr.Set.complete || allProhibited !== lunr.Set.empty;
      var results = [];
      var matches = new Map();
      for (var f = 0; f < fieldMatches.length; f++) {
        var found = fieldMatches[f];
        var ref = found.ref;
        if (filtered && (!allRequired.contains(ref) || allProhibited.contains(ref))) {
          continue;
        }
        var score = similarity(found, queryWeights[found.field], magnitudes[found.field]);
        var docMatch = matches.get(ref);
        if (docMatch !== undefined) {
          docMatch.score += score;
          docMatch.fields.push(found);
        } else {
          docMatch = { ref: ref, score: score, fields: [found] };
          matches.set(ref, docMatch);
          results.push(docMatch);
        }
      }
      return results.sort(function (a, b) {
        return b.score - a.score;
      });
    }

    /* A term's posting in one field, with each document's weight for the term read from
       its field vector (by bisection). The index does not change once built, and typing
       asks for the same terms again and again (the terms of "0x8007*" are among those
       of "0x800*"), so postings are kept, up to POSTINGS_KEPT documents in all. */
    var POSTINGS_KEPT = 2000000;
    var postings = new WeakMap();
    var postingsKept = 0;

    function postingOf(index, termField, posting, field) {
      var kept = postings.get(index);
      if (kept === undefined || postingsKept > POSTINGS_KEPT) {
        postings.set(index, kept = new Map());
        postingsKept = 0;
      }
      var found = kept.get(termField);
      if (found !== undefined) {
        return found;
      }
      var fieldPosting = posting[field];
      var refs = Object.keys(fieldPosting);
      var weights = new Float64Array(refs.length);
      var metadata = new Array(refs.length);
      for (var i = 0; i < refs.length; i++) {
        metadata[i] = fieldPosting[refs[i]];
        weights[i] = weightOf(index.fieldVectors[field + "/" + refs[i]], posting._index);
      }
      found = { refs: refs, metadata: metadata, weights: weights };
      kept.set(termField, found);
      postingsKept += refs.length;
      return found;
    }

    function weightOf(vector, termIndex) {
      var elements = vector.elements;
      var low = 0;
      var high = elements.length / 2;
      while (low < high) {
        var middle = (low + high) >>> 1;
        if (elements[middle * 2] < termIndex) {
          low = middle + 1;
        } else {
          high = middle;
        }
      }
      return low * 2 < elements.length && elements[low * 2] === termIndex
        ? elements[low * 2 + 1] : NaN;
    }

    /* lunr.Vector#similarity of the query's vector for a field and a document's: the
       products of the weights of the terms both have, summed in ascending term index
       order as lunr's walk along both vectors sums them, but from the (term index,
       weight) pairs of the terms the document matched instead of both whole vectors
       (a prefix such as "0*" expands to thousands of terms). */
    function similarity(found, queryWeights, magnitude) {
      if (found.more === null) {
        var product = isNaN(found.weight) ? 0 : queryWeights.get(found.index) * found.weight;
        return product / magnitude || 0;
      }
      var pairs = [found.index, found.weight];
      for (var m = 0; found.more !== null && m < found.more.length; m += 4) {
        pairs.push(found.more[m + 2], found.more[m + 3]);
      }
      var order = [];
      for (var t = 0; t < pairs.length; t += 2) {
        order.push(t);
      }
      if (order.length > 1) {
        order.sort(function (a, b) {
          return pairs[a] - pairs[b];
        });
      }
      var dot = 0;
      for (var i = 0; i < order.length; i++) {
        if (!isNaN(pairs[order[i] + 1])) {
          dot += queryWeights.get(pairs[order[i]]) * pairs[order[i] + 1];
        }
      }
      return dot / magnitude || 0;
    }

    /* The lunr.Vector that upserting these weights one by one would have made. */
    function queryVector(lunr, weights) {
      var elements = [];
      Array.from(weights.keys()).sort(function (a, b) {
        return a - b;
      }).forEach(function (termIndex) {
        elements.push(termIndex, weights.get(termIndex));
      });
      return new lunr.Vector(elements);
    }

    /* The MatchData lunr.Index#query would have returned for this result. */
    function matchData(lunr, result) {
      var data = null;
      result.fields.forEach(function (found) {
        var fieldData = new lunr.MatchData(found.term, found.field, found.metadata);
        for (var m = 0; found.more !== null && m < found.more.length; m += 4) {
          fieldData.add(found.more[m], found.field, found.more[m + 1]);
        }
        if (data === null) {
          data = fieldData;
        } else {
          data.combine(fieldData);
        }
      });
      return { ref: result.ref, score: result.score, matchData: data };
    }

    /* The terms Material weighs a result by (parseSearchQuery, getSearchQueryTerms):
       each clause's term without its wildcards, true when a matched term starts with it,
       false when none does and it is not an English stop word. */
    function clauseTerms(lunr, queryString) {
      var query = new lunr.Query(["title", "text", "tags"]);
      new lunr.QueryParser(queryString, query).parse();
      return query.clauses
        .filter(function (clause) {
          return clause.presence !== lunr.Query.presence.PROHIBITED;
        })
        .map(function (clause) {
          return clause.term.replace(/^\*/, "").replace(/\*$/, "");
        });
    }

    function termsOf(lunr, clauses, result, known) {
      var matched = [];
      result.fields.forEach(function (found) {
        matched.push(found.term);
        for (var m = 0; found.more !== null && m < found.more.length; m += 4) {
          matched.push(found.more[m]);
        }
      });
      var key = matched.join(" ");
      var terms = known.get(key);
      if (terms === undefined) {
        terms = clauseTermsFound(lunr, clauses, matched);
        known.set(key, terms);
      }
      return terms;
    }

    function clauseTermsFound(lunr, clauses, matchedTerms) {
      var left = clauses.slice();
      var terms = {};
      matchedTerms.forEach(function (matched) {
        left = left.filter(function (clause) {
          if (matched.indexOf(clause) === 0) {
            terms[clause] = true;
            return false;
          }
          return true;
        });
      });
      left.forEach(function (clause) {
        if (lunr.stopWordFilter && lunr.stopWordFilter(clause)) {
          terms[clause] = false;
        }
      });
      return terms;
    }

    /* Material's score after its post-query boost (Search#search): pages count more
       than sections, and so do documents that have more of the query's terms. */
    function finalScore(score, isPage, terms) {
      var keys = Object.keys(terms);
      var found = keys.filter(function (key) {
        return terms[key];
      }).length;
      var boost = +isPage + found / keys.length;
      return score * (1 + boost ** 2);
    }

    function rank(lunr, index, queryString) {
      required(index.invertedIndex && index.fieldVectors && index.tokenSet && index.pipeline,
        "lunr.Index's fields");
      var query = new lunr.Query(index.fields);
      new lunr.QueryParser(queryString, query).parse();
      if (query.isNegated()) {
        return null;
      }
      var clauses = clauseTerms(lunr, queryString);
      var known = new Map();
      var scored = [];
      var results = match(lunr, index, query);
      for (var i = 0; i < results.length; i++) {
        var group = groupOf.get(results[i].ref);
        if (group === undefined) {
          continue;  // Material skips results it has no document for
        }
        var terms = termsOf(lunr, clauses, results[i], known);
        var score = finalScore(results[i].score, group.isPage, terms);
        if (isNaN(score)) {
          return null;
        }
        scored.push({ result: results[i], group: group, score: score, terms: terms });
      }
      scored.sort(function (a, b) {
        return b.score - a.score;
      });
      var pages = new Map();
      scored.forEach(function (item) {
        var page = pages.get(item.group.page);
        if (page === undefined) {
          pages.set(item.group.page, page = { full: pages.size < FULL_PAGES, own: null });
        }
        if (item.group.isPage) {
          page.own = item;
        }
      });
      tail = [];
      pages.forEach(function (page, location) {
        if (!page.full) {
          var doc = docOf.get(location.split("#")[0]);
          tail.push([{
            location: doc.location, title: doc.title, text: "",
            score: page.own ? page.own.score : 0, terms: page.own ? page.own.terms : {}
          }]);
        }
      });
      return results
        .filter(function (result) {
          var group = groupOf.get(result.ref);
          return group === undefined || pages.get(group.page).full;
        })
        .map(function (result) {
          return matchData(lunr, result);
        });
    }

    /* Appends the pages beyond the first FULL_PAGES to Material's answer. */
    function complete(message) {
      // Material answers nothing (items: []) when its search fails after ours.
      if (message && message.type === RESULT && tail !== null && tail.length > 0 &&
          message.data.items.length > 0) {
        message = { type: RESULT, data: Object.assign({}, message.data, {
          items: message.data.items.concat(tail) }) };
      }
      tail = null;
      return message;
    }

    return { setup: setupDocs, install: install, complete: complete };
  })();

  /* ---- Stale queries ----

     Material sends a query on every key release and answers each in turn; while one is
     being answered the next keys' queries wait, and each would be answered although a
     newer one is already waiting. Queries are therefore held and answered from a task of
     their own: any queries that arrived meanwhile are received first, and only the
     newest of them is answered. The answer to the last query always comes, and names
     the query it answers (as "query", which Material ignores): the tests wait for it. */
  var answering = null;

  function newestOnly(listener) {
    var held = null;
    var channel = new MessageChannel();
    channel.port1.onmessage = function () {
      var message = held;
      held = null;
      answering = message.data;
      listener({ data: intercept(message) });
    };
    return function (event) {
      var message = event.data;
      if (message && message.type === QUERY) {
        if (held === null) {
          channel.port2.postMessage(null);
        }
        held = message;
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
    var answer = ranking.complete(message);
    if (answer && answer.type === RESULT && answering !== null) {
      answer = { type: RESULT, data: answer.data, query: answering };
      answering = null;
    }
    args[0] = answer;
    return post.apply(self, args);
  };
  var loaded = importScripts(material);
  if (loaded && typeof loaded.then === "function") {
    loaded.then(function () {
      ranking.install(self.lunr);
    });
  } else {
    ranking.install(self.lunr);
  }
})();
