/* Work per query of the search worker (kb-search.js): in full only for the pages the
   list can show.

   Material answers a query with every matching section, each copied, highlighted and
   posted back (structured clone): at 10,000 codes "attivazione" matches 28,000
   sections, a 22 MB answer that took the worker about a second, lunr's own matching a
   fifth of it. The list shows 10 pages, then 4 more each time its end comes into view.

   So lunr.Index#search is replaced by the same matching and scoring (kb-search-lunr.js,
   which makes lunr's MatchData only for the results it returns), and returns the
   sections of the first FULL_PAGES pages only, ranked as Material will rank them (see
   finalScore). Material handles those as before; the pages after them are appended to
   its answer, in the same order, as their titles alone: the count of matching pages
   stays right and scrolling still reaches every page, but these show no teaser and no
   sections. Queries this cannot rank as Material does (only prohibited terms, or a
   boost Material would compute as NaN) get lunr's own search. ?full=0 in
   kb-search.js's address turns all this off (the tests compare both).

   kb-search.js loads this file after kb-search-lunr.js, and calls
   KbSearchRanking(address, RESULT) with its own address (for ?full=) and the type of
   Material's answers. */
self.KbSearchRanking = function (here, RESULT) {
  "use strict";

  var lunrWork = self.KbSearchLunr;
  var fullParameter = /[?&]full=(\d+)(?:[?&#]|$)/.exec(here);
  var FULL_PAGES = fullParameter ? parseInt(fullParameter[1], 10) : 100;
  var groupOf = new Map();
  var docOf = new Map();
  var tail = null;
  var built = null;

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
    required(lunr.Builder && lunr.Builder.prototype.build && lunr.Index.load, "lunr.Builder");
    // The index Material builds (or loads), for the rewrite of words being typed.
    var build = lunr.Builder.prototype.build;
    lunr.Builder.prototype.build = function () {
      built = build.apply(this, arguments);
      return built;
    };
    var load = lunr.Index.load;
    lunr.Index.load = function () {
      built = load.apply(this, arguments);
      return built;
    };
    var original = lunr.Index.prototype.search;
    lunr.Index.prototype.search = function (queryString) {
      tail = null;
      if (FULL_PAGES <= 0) {
        return original.call(this, queryString);
      }
      var ranked;
      if (prepared !== null && prepared.index === this && prepared.query === queryString) {
        ranked = prepared.ranked;
        tail = prepared.tail;
        prepared = null;
      } else if (deferring) {
        deferred = { index: this, query: queryString };
        return [];
      } else {
        ranked = finish(rank(lunr, this, queryString));
      }
      return ranked === null ? original.call(this, queryString) : ranked;
    };
    lunrOf = lunr;
  }

  /* ---- Work in slices ----

     A prefix such as "0" matches every code: its ranking takes a few hundred
     milliseconds at 10,000 codes, and while it runs the worker cannot even see that a
     newer query has come (kb-search.js answers only the newest). So kb-search.js first
     lets Material run a query "dry": this index's search only notes the query string
     Material made of it (its own transform) and returns no result, an answer that
     kb-search.js drops. The ranking of that string is then done a slice at a time, and
     abandoned as soon as a newer query arrives; when it is done, Material is handed the
     query again and this search returns what was prepared. */
  var lunrOf = null;
  var deferring = false;
  var deferred = null;
  var prepared = null;

  /* Runs ``ask`` (Material's handling of a query) dry; returns the work its query
     needs, to be done with work.run(deadline) until that returns true, or null when
     Material did not search (an empty query, or no index yet): its answer then
     stands. */
  function dry(ask) {
    if (FULL_PAGES <= 0 || lunrOf === null) {
      ask();
      return null;
    }
    deferring = true;
    deferred = null;
    prepared = null;
    try {
      ask();
    } finally {
      deferring = false;
    }
    var asked = deferred;
    deferred = null;
    if (asked === null) {
      return null;
    }
    var steps = rank(lunrOf, asked.index, asked.query);
    return {
      run: function (deadline) {
        for (;;) {
          var step = steps.next();
          if (step.done) {
            prepared = { index: asked.index, query: asked.query,
              ranked: step.value, tail: tail };
            tail = null;
            return true;
          }
          if (performance.now() >= deadline) {
            return false;
          }
        }
      }
    };
  }

  /* The result of running ``steps`` (a ranking) to its end at once. */
  function finish(steps) {
    for (;;) {
      var step = steps.next();
      if (step.done) {
        return step.value;
      }
    }
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

  /* The ranking of ``queryString``, as steps (a generator) whose result is the answer
     for lunr.Index#search, or null when lunr's own search must answer. */
  function* rank(lunr, index, queryString) {
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
    var results = yield* lunrWork.match(lunr, index, query);
    for (var i = 0; i < results.length; i++) {
      if ((i + 1) % lunrWork.STEP_RESULTS === 0) {
        yield;
      }
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
        return lunrWork.matchData(lunr, result);
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

  return {
    setup: setupDocs, install: install, complete: complete, dry: dry,
    index: function () {
      return built;
    }
  };
};
