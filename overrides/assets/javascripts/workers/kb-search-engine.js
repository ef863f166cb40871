/* The site's search in the browser: the rules of activation_kb/domain/search (text.py,
   query.py, rank.py), line for line, over the index files of
   activation_kb/render/search_index.py, loaded as a query needs them. Python is the
   reference: `kb search` runs it on the same files, and tests/site/test_search_browser.py
   compares the two. Change both together.

   KbSearch.open(options) gives a search of one language's index:
     options.index   the URL of the index's folder (…/search/kb/), ending with "/";
     options.load    function (urls) → undefined or a promise: runs the scripts in order
                     (importScripts in a worker, the iframe-worker shim's from file://).
   search.ready() → a promise, once the index's first file is in; search.answer(query,
   partial) → a promise of the results [{doc, code, score, matched, row}], best first;
   partial(results) is called first with the results put first by codes when the words
   still wait for their files (a code is answered from go/'s files of codes alone). */
(function (root) {
  "use strict";

  var STOP = new Set((
    "a able about across after all almost also am among an and any are as at be because been" +
    " but by can cannot could dear did do does either else ever every for from get got had has" +
    " have he her hers him his how however i if in into is it its just least let like likely" +
    " may me might most must my neither no nor not of off often on only or other our own" +
    " rather said say says she should since so some than that the their them then there these" +
    " they this tis to too twas us wants was we were what when where which while who whom why" +
    " will with would yet you your" +
    " a abbia abbiamo abbiano abbiate ad agl agli ai al all alla alle allo anche avemmo avendo" +
    " avesse avessero avessi avessimo aveste avesti avete aveva avevamo avevano avevate avevi" +
    " avevo avrai avranno avrebbe avrebbero avrei avremmo avremo avreste avresti avrete avra" +
    " avro avuta avute avuti avuto c che chi ci coi col come con contro cui da dagl dagli dai" +
    " dal dall dalla dalle dallo degl degli dei del dell della delle dello di dov dove e ebbe" +
    " ebbero ebbi ed era erano eravamo eravate eri ero essendo faccia facciamo facciano" +
    " facciate faccio facemmo facendo facesse facessero facessi facessimo faceste facesti" +
    " faceva facevamo facevano facevate facevi facevo fai fanno farai faranno farebbe" +
    " farebbero farei faremmo faremo fareste faresti farete fara faro fece fecero feci fosse" +
    " fossero fossi fossimo foste fosti fu fui fummo furono gli ha hai hanno ho i il in io l" +
    " la le lei li lo loro lui ma mi mia mie miei mio ne negl negli nei nel nell nella nelle" +
    " nello noi non nostra nostre nostri nostro o per perche piu quale quanta quante quanti" +
    " quanto quella quelle quelli quello questa queste questi questo sarai saranno sarebbe" +
    " sarebbero sarei saremmo saremo sareste saresti sarete sara saro se sei si sia siamo" +
    " siano siate siete sono sta stai stando stanno starai staranno starebbe starebbero" +
    " starei staremmo staremo stareste staresti starete stara staro stava stavamo stavano" +
    " stavate stavi stavo stemmo stesse stessero stessi stessimo steste stesti stette" +
    " stettero stetti stia stiamo stiano stiate sto su sua sue sugl sugli sui sul sull sulla" +
    " sulle sullo suo suoi ti tra tu tua tue tuo tuoi tutti tutto un una uno vi voi vostra" +
    " vostre vostri vostro").split(" "));

  /* ---- text.py ---- */
  var MIN_STEM = 3;
  function endings(list, replace) {
    return list.split(" ").map(function (ending) { return [ending, replace(ending)]; });
  }
  var ENDINGS = {
    en: endings("ations ation ators ator ating ated ates ate ings ing ions ion ies ied ers er ed" +
      " es ly s e", function (e) { return e === "ies" || e === "ied" ? "y" : ""; }),
    it: endings("azioni azione amenti amento imenti imento mente ando endo che chi ghe ghi ato" +
      " ata ati ate ito ita iti ite uto uta uti ute are ere ire a e i o", function (e) {
        return ["che", "chi", "ghe", "ghi"].indexOf(e) >= 0 ? e.charAt(0) : "";
      })
  };

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function words(text) {
    return fold(text).match(/[a-z0-9]+/g) || [];
  }

  function names(text) {
    return fold(text).match(/[a-z0-9]+(?:_[a-z0-9]+)+/g) || [];
  }

  function stem(word, lang) {
    if (word.length <= MIN_STEM || !/^[a-z]+$/.test(word)) {
      return word;
    }
    var list = ENDINGS[lang];
    for (var i = 0; i < list.length; i++) {
      var ending = list[i][0];
      var replacement = list[i][1];
      if (ending === "s" && "sui".indexOf(word.charAt(word.length - 2)) >= 0) {
        continue;
      }
      if (word.slice(-ending.length) === ending &&
          word.length - ending.length + replacement.length >= MIN_STEM) {
        word = word.slice(0, word.length - ending.length) + replacement;
        break;
      }
    }
    var last = word.charAt(word.length - 1);
    if (lang === "en") {
      if (word.length > MIN_STEM && last === word.charAt(word.length - 2) &&
          "aeioulsz".indexOf(last) < 0) {
        return word.slice(0, -1);
      }
      return word;
    }
    if (word.length > MIN_STEM && "aeiou".indexOf(last) >= 0) {
      word = word.slice(0, -1);
    }
    return word;
  }

  /* ---- query.py ---- */
  var MIN_PREFIX = 3;
  var SEVERITY = 0x80000000;
  var WIN32 = 0x80070000;
  var EDGE = "(?<![0-9A-Za-z])";
  var END = "(?![0-9A-Za-z])";
  var PAIR = new RegExp(EDGE + "(?:([0-9]{1,5}) *\\( *0[xX]([0-9A-Fa-f]{1,4}) *\\)" +
    "|0[xX]([0-9A-Fa-f]{1,4}) *\\( *([0-9]{1,5}) *\\))" + END, "g");
  var CODE = new RegExp(EDGE + "(?:[0oO][xX]([0-9A-Fa-f]{8})|((?=[A-Fa-f]*[0-9])[0-9A-Fa-f]{8})" +
    "|(-?[0-9]{9,10}))" + END, "g");
  var ENDS_A_WORD = /[^0-9A-Za-z\u00c0-\uffff]$/;

  function unique(list) {
    var seen = new Set();
    return list.filter(function (item) {
      if (seen.has(item)) {
        return false;
      }
      seen.add(item);
      return true;
    });
  }

  function codeValue(hex, bare, decimal) {
    if (hex) {
      return parseInt(hex, 16);
    }
    if (bare) {
      var value = parseInt(bare, 16);
      return value >= SEVERITY ? value : null;
    }
    var number = parseInt(decimal, 10);
    var unsigned = number < 0 ? number + 4294967296 : number;
    if (number < -2147483648 || unsigned >= 4294967296 || unsigned < SEVERITY) {
      return null;
    }
    return unsigned;
  }

  function takeCodes(text, found) {
    var rest = text.replace(PAIR, function (whole, d1, h1, h2, d2) {
      var decimal = d1 || d2;
      var hex = h1 || h2;
      if (parseInt(decimal, 10) === parseInt(hex, 16) && parseInt(decimal, 10) <= 0xFFFF) {
        found.push(WIN32 + parseInt(decimal, 10));
        return " ";
      }
      return whole;
    });
    return rest.replace(CODE, function (whole, hex, bare, decimal) {
      var value = codeValue(hex, bare, decimal);
      if (value === null) {
        return whole;
      }
      found.push(value);
      return " ";
    });
  }

  function readQuery(text, lang) {
    var codes = [];
    var rest = takeCodes(text, codes);
    var folded = words(rest);
    var endsAWord = !rest || ENDS_A_WORD.test(rest);
    var stems = folded.filter(function (word) { return !STOP.has(word); })
      .map(function (word) { return stem(word, lang); });
    var typed = null;
    if (folded.length && !endsAWord) {
      var last = folded[folded.length - 1];
      if (last.length >= MIN_PREFIX && !STOP.has(last)) {
        typed = last;
      }
    }
    var pairs = [];
    for (var i = 0; i + 1 < stems.length; i++) {
      if (stems[i] !== stems[i + 1]) {
        pairs.push(stems[i] + " " + stems[i + 1]);
      }
    }
    return {
      codes: unique(codes),
      terms: unique(stems),
      typed: typed,
      names: unique(names(rest)),
      pairs: unique(pairs),
      words: unique(folded.filter(function (word) { return !STOP.has(word); }))
    };
  }

  /* ---- rank.py ---- */
  var LIMIT = 50;
  var PREFIX_SHARE = [9, 10];

  function groupsOf(query, index) {
    var typed = query.typed ? stem(query.typed, index.lang) : null;
    var groups = query.terms.filter(function (term) { return term !== typed; })
      .map(function (term) { return [[term, 10]]; });
    if (typed !== null) {
      var share = Math.floor(PREFIX_SHARE[0] * 10 / PREFIX_SHARE[1]);
      var others = unique(index.wordsWithPrefix(query.typed)).filter(function (found) {
        return found !== typed;
      }).sort();
      groups.push([[typed, 10]].concat(others.map(function (found) { return [found, share]; })));
    }
    return groups;
  }

  function known(group, index) {
    return group.some(function (candidate) { return index.postings(candidate[0]).length > 0; });
  }

  function byWords(query, index) {
    var groups = groupsOf(query, index);
    var scores = new Map();
    var matched = new Map();
    groups.forEach(function (group) {
      var best = new Map();
      group.forEach(function (candidate) {
        var postings = index.postings(candidate[0]);
        for (var i = 0; i < postings.length; i += 2) {
          var value = postings[i + 1] * candidate[1];
          if (!best.has(postings[i]) || best.get(postings[i]) < value) {
            best.set(postings[i], value);
          }
        }
      });
      best.forEach(function (value, doc) {
        scores.set(doc, (scores.get(doc) || 0) + value);
        if (!matched.has(doc)) {
          matched.set(doc, new Set());
        }
        matched.get(doc).add(group[0][0]);
      });
    });
    query.names.concat(query.pairs).forEach(function (extra) {
      var postings = index.postings(extra);
      for (var i = 0; i < postings.length; i += 2) {
        if (scores.has(postings[i])) {
          scores.set(postings[i], scores.get(postings[i]) + postings[i + 1] * 10);
        }
      }
    });
    /* A word no page has lowers every page alike: it does not count. */
    var total = groups.filter(function (group) { return known(group, index); }).length;
    var ranked = [];
    scores.forEach(function (score, doc) {
      var share = matched.get(doc).size;
      ranked.push({ doc: doc, code: null, score: score * share * share / (total * total),
                    matched: matched.get(doc) });
    });
    ranked.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return ranked;
  }

  function codesFirst(query, index) {
    var known = [];
    var unknown = [];
    var seen = new Set();
    query.codes.forEach(function (value) {
      var doc = index.codePage(value);
      if (doc === null) {
        unknown.push({ doc: null, code: value, score: 0, matched: new Set() });
      } else if (!seen.has(doc)) {
        seen.add(doc);
        known.push({ doc: doc, code: value, score: 0, matched: new Set() });
      }
    });
    return known.concat(unknown);
  }

  function rank(query, index, limit) {
    var first = codesFirst(query, index);
    var listed = new Set(first.map(function (result) { return result.doc; }));
    var rest = byWords(query, index).filter(function (result) { return !listed.has(result.doc); });
    return first.concat(rest).slice(0, limit);
  }

  /* ---- The index's files, loaded as queries need them ---- */

  var shards = {};
  var goShards = {};
  root.kbSearchShard = function (name, data) { shards[name] = data; };
  root.KbGoCodes = { shard: function (name, data) { goShards[name] = data; } };

  /* The last i with firsts[i] <= key, -1 when key comes before them all. */
  function fileOf(firsts, key) {
    var low = -1;
    var high = firsts.length - 1;
    while (low < high) {
      var middle = Math.ceil((low + high + 1) / 2);
      if (firsts[middle] <= key) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  }

  function decoded(flat) {
    var out = [];
    var doc = 0;
    for (var i = 0; i < flat.length; i += 2) {
      doc = i === 0 ? flat[i] : doc + flat[i];
      out.push(doc, flat[i + 1]);
    }
    return out;
  }

  function open(options) {
    var base = options.index;
    var meta = null;
    var promises = {};
    var postingsCache = new Map();

    /* Run the files names (of where) that store lacks; each file is asked for once. */
    function load(where, names, store) {
      var urls = names.filter(function (name) { return !(name in store); })
        .map(function (name) { return where + name + ".js"; });
      return Promise.all(urls.map(function (url) {
        if (!promises[url]) {
          promises[url] = new Promise(function (resolve) { resolve(options.load([url])); });
        }
        return promises[url];
      })).then(function () {
        var absent = names.filter(function (name) { return !(name in store); });
        if (absent.length) {
          throw new Error("kb search: nothing in " + where + absent.join(", "));
        }
      });
    }

    function termFile(key) {
      return "t" + fileOf(meta.terms, key);
    }

    function prefixFiles(prefix) {
      var first = Math.max(0, fileOf(meta.terms, prefix));
      var last = fileOf(meta.terms, prefix + "\uffff");
      var files = [];
      for (var n = first; n <= last; n++) {
        files.push("t" + n);
      }
      return files;
    }

    var index = {
      lang: null,
      postings: function (term) {
        var shard = shards[termFile(term)];
        if (!shard) {
          return [];
        }
        if (!postingsCache.has(term)) {
          var flat = Object.prototype.hasOwnProperty.call(shard.t, term) ? shard.t[term] : [];
          postingsCache.set(term, decoded(flat));
        }
        return postingsCache.get(term);
      },
      wordsWithPrefix: function (prefix) {
        var found = [];
        prefixFiles(prefix).forEach(function (name) {
          var shard = shards[name];
          if (!shard) {
            return;
          }
          Object.keys(shard.w).forEach(function (key) {
            if (key.slice(0, prefix.length) === prefix) {
              found.push(shard.w[key]);
            }
          });
          Object.keys(shard.t).forEach(function (key) {
            if (key.slice(0, prefix.length) === prefix && !Object.prototype.hasOwnProperty.call(shard.w, key) &&
                key.indexOf(" ") < 0 && key.indexOf("_") < 0) {
              found.push(key);
            }
          });
        });
        return found;
      },
      codePage: function (value) {
        var codes = goShards.index;
        var n = fileOf(codes.v, value);
        var rows = n < 0 ? [] : goShards["v" + n] || [];
        for (var i = 0; i < rows.length; i++) {
          if (rows[i][0] === value) {
            return meta.first_code + n * meta.codes.chunk + i;
          }
        }
        return null;
      }
    };

    var ready = load(base, ["index"], shards).then(function () {
      meta = shards.index;
      index.lang = meta.lang;
      /* go/'s small index of codes, ahead of a code being pasted (one file, one number
         per 256 codes). */
      load(new URL(meta.codes.base, base).href, ["index"], goShards).catch(function () {});
      return meta;
    });

    function codeFiles(query) {
      if (!query.codes.length) {
        return Promise.resolve();
      }
      var where = new URL(meta.codes.base, base).href;
      return load(where, ["index"], goShards).then(function () {
        var names = unique(query.codes.map(function (value) {
          return "v" + fileOf(goShards.index.v, value);
        })).filter(function (name) { return name !== "v-1"; });
        return load(where, names, goShards);
      });
    }

    function wordFiles(query) {
      var exact = query.terms.concat(query.names, query.pairs);
      var typed = query.typed ? stem(query.typed, meta.lang) : null;
      if (typed) {
        exact.push(typed);
      }
      var names = unique(exact.map(termFile).concat(query.typed ? prefixFiles(query.typed) : []))
        .filter(function (name) { return name !== "t-1"; });
      return load(base, names, shards).then(function () {
        if (!query.typed) {
          return undefined;
        }
        var more = unique(index.wordsWithPrefix(query.typed).map(termFile));
        return load(base, more, shards);
      });
    }

    function rowFiles(results) {
      var names = unique(results.filter(function (result) { return result.doc !== null; })
        .map(function (result) { return "d" + Math.floor(result.doc / meta.docs_per_file); }));
      return load(base, names, shards).then(function () {
        results.forEach(function (result) {
          if (result.doc !== null) {
            var file = shards["d" + Math.floor(result.doc / meta.docs_per_file)];
            result.row = file[result.doc % meta.docs_per_file];
          }
        });
        return results;
      });
    }

    function answer(text, partial) {
      return ready.then(function () {
        var query = readQuery(text, meta.lang);
        var words = wordFiles(query);
        return codeFiles(query).then(function () {
          var first = codesFirst(query, index);
          if (first.length && partial && (query.terms.length || query.typed)) {
            return rowFiles(first).then(partial).then(function () { return words; });
          }
          return words;
        }).then(function () {
          return rowFiles(rank(query, index, LIMIT));
        }).then(function (results) {
          return { query: query, results: results };
        });
      });
    }

    return {
      ready: function () { return ready; },
      meta: function () { return meta; },
      answer: answer
    };
  }

  root.KbSearch = {
    open: open,
    fold: fold,
    words: words,
    stem: stem,
    readQuery: readQuery,
    rank: rank,
    LIMIT: LIMIT
  };
})(typeof self !== "undefined" ? self : this);
