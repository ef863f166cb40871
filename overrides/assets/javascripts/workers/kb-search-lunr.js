/* lunr's matching and scoring, for the search worker's ranking (kb-search-ranking.js).

   lunr.Index#query builds lunr's MatchData for every matching field of every document:
   at 10,000 codes "attivazione" matches 28,000 sections. match() does the same matching
   and scoring (the same products summed in the same order: the same scores), keeping
   for each document the terms it matched, and matchData() makes lunr's MatchData of one
   result, for the results handed to Material only.

   match() is a generator: it yields every STEP_TERMS index terms and STEP_RESULTS
   results, so that the worker can stop between two slices of work (see "Work in
   slices" in kb-search-ranking.js); its value is lunr's results, best first.

   kb-search.js loads this file with kb-search-ranking.js and Material's worker. */
self.KbSearchLunr = (function () {
  "use strict";

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

  return { match: match, matchData: matchData, STEP_RESULTS: STEP_RESULTS };
})();
