/* Work per query of the search worker (kb-search.js): in full only for the pages the
   list can show.

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
   NaN) get lunr's own search. ?full=0 in kb-search.js's address turns all this off (the
   tests compare both).

   kb-search.js loads this file and calls KbSearchRanking(address, RESULT) with its own
   address (for ?full=) and the type of Material's answers. */
self.KbSearchRanking = function (here, RESULT) {
  "use strict";

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

  /* lunr.Index#query's matching and scoring, keeping for each field of each document
     the terms it matched and their metadata, to make MatchData of later if returned. */
  var STEP_TERMS = 50;
  var STEP_RESULTS = 500;

  function* match(lunr, index, query) {
    var done = 0;
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
          if (++done % STEP_TERMS === 0) {
            yield;
          }
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
      if ((f + 1) % STEP_RESULTS === 0) {
        yield;
      }
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
    var results = yield* match(lunr, index, query);
    for (var i = 0; i < results.length; i++) {
      if ((i + 1) % STEP_RESULTS === 0) {
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

  return { setup: setupDocs, install: install, complete: complete, dry: dry };
};
