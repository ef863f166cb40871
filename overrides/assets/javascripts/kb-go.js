/* Deep links for tickets: go/?code=<any form>&lang=it|en, and the 404 page's rescue of
   addresses that are a code (/0xC004F074, /it/C004F074/).

   Inlined, with kb-codes.js, into go/index.html and 404.html by generator/golinks.py. The
   codes are script files of generator/goshards.py (go/codes/index.js, v<n>.js, f<n>.js),
   each calling KbGo.shard(name, data); a page adds the few it needs as <script> elements,
   which work from any static server and from file://, where fetch() of a file is refused.
   Text the reader typed is only ever set as textContent. */
(function (root) {
  "use strict";

  var TWO_TO_32 = 4294967296;
  var shards = {};
  var loads = {};

  /* Called by each file of codes as it runs. */
  function shard(name, data) {
    shards[name] = data;
  }

  /* A promise of the data of the file base + name + ".js", loaded once. */
  function load(base, name) {
    var url = base + name + ".js";
    if (!loads[url]) {
      loads[url] = new Promise(function (resolve, reject) {
        if (name in shards) {
          resolve(shards[name]);
          return;
        }
        var script = root.document.createElement("script");
        script.src = url;
        script.onload = function () {
          if (name in shards) {
            resolve(shards[name]);
          } else {
            reject(new Error("no codes in " + url));
          }
        };
        script.onerror = function () {
          reject(new Error("cannot load " + url));
        };
        root.document.head.appendChild(script);
      });
    }
    return loads[url];
  }

  /* The last i with firsts[i] <= key, 0 when key comes before them all. */
  function fileOf(firsts, key) {
    var low = 0;
    var high = firsts.length - 1;
    while (low < high) {
      var middle = Math.ceil((low + high) / 2);
      if (firsts[middle] <= key) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  }

  /* The order of the f files: facility, then value (generator.goshards.facility_key). */
  function facilityKey(value) {
    return KbCodes.facility(value) * TWO_TO_32 + value;
  }

  /* The site's codes, read from the files under base as they are needed. */
  function catalogue(base) {
    function index() {
      return load(base, "index");
    }

    function code(languages, row) {
      var titles = {};
      languages.forEach(function (lang, i) {
        titles[lang] = row[i + 1];
      });
      return {
        value: row[0],
        slug: KbCodes.slug(row[0]),
        code: KbCodes.canonical(row[0]),
        titles: titles
      };
    }

    /* The code of that value ({value, slug, code, titles}), or null. */
    function find(value) {
      return index().then(function (found) {
        if (!found.v.length) {
          return null;
        }
        return load(base, "v" + fileOf(found.v, value)).then(function (rows) {
          for (var i = 0; i < rows.length; i++) {
            if (rows[i][0] === value) {
              return code(found.languages, rows[i]);
            }
          }
          return null;
        });
      });
    }

    /* The items of the file of one order ("v" or "f") where key would be, and of its
       neighbours, in that order. */
    function around(order, key) {
      return index().then(function (found) {
        var firsts = found[order];
        var at = fileOf(firsts, key);
        var names = [];
        for (var n = Math.max(0, at - 1); n <= Math.min(firsts.length - 1, at + 1); n++) {
          names.push(order + n);
        }
        return Promise.all(names.map(function (name) {
          return load(base, name);
        }));
      }).then(function (parts) {
        return [].concat.apply([], parts);
      });
    }

    return { find: find, around: around };
  }

  /* The language: the wanted one if ours, else the browser's first that is ours, else
     our first (Italian). */
  function chooseLanguage(ours, wanted, browser) {
    var candidates = [wanted || ""].concat(browser || []);
    for (var i = 0; i < candidates.length; i++) {
      var code = String(candidates[i]).toLowerCase().split("-")[0];
      if (ours.indexOf(code) >= 0) {
        return code;
      }
    }
    return ours[0];
  }

  function browserLanguages() {
    var list = root.navigator && root.navigator.languages;
    return list && list.length ? list : [(root.navigator && root.navigator.language) || ""];
  }

  /* A promise of what a text names: {code} (a code of ours), {value} (a code we do not
     document) or {failure} (no code: KbCodes.parse's answer). Eight bare digits are read
     as decimal first and as hex when only that names one of our codes. */
  function lookUp(codes, text) {
    var parsed = KbCodes.parse(text);
    if (parsed.value === null) {
      return Promise.resolve({ failure: parsed });
    }
    var hex = KbCodes.hexReading(text);
    return codes.find(parsed.value).then(function (code) {
      return code || hex === null ? code : codes.find(hex);
    }).then(function (code) {
      return code ? { code: code } : { value: parsed.value };
    });
  }

  /* The count values nearest to value, the lower one on a tie. */
  function nearest(values, value, count) {
    return values.slice().sort(function (a, b) {
      return Math.abs(a - value) - Math.abs(b - value) || a - b;
    }).slice(0, count);
  }

  /* A promise of the count codes closest to value, as generator.commands.lookup's
     closest_codes: same facility first, then the nearest value, the lower one on a tie.
     A file holds at least 2 * count - 1 codes (generator.goshards.MIN_CHUNK), so the
     file where value would be and its two neighbours hold them: in the facility order,
     count codes of the facility on each side, or all of them; when the facility has fewer
     than count codes, in the order of values, count codes of other facilities on each
     side, or all of them. */
  function closest(codes, value, count) {
    var facility = KbCodes.facility(value);
    function same(known) {
      return KbCodes.facility(known) === facility;
    }
    return codes.around("f", facilityKey(value)).then(function (values) {
      var chosen = nearest(values.filter(same), value, count);
      if (chosen.length >= count) {
        return chosen;
      }
      return codes.around("v", value).then(function (rows) {
        var others = rows.map(function (row) {
          return row[0];
        }).filter(function (known) {
          return !same(known);
        });
        return chosen.concat(nearest(others, value, count - chosen.length));
      });
    }).then(function (values) {
      return Promise.all(values.map(codes.find));
    }).then(function (found) {
      return found.filter(Boolean);
    });
  }

  /* From file:// a folder is not a page: name its index.html. */
  function pageHref(prefix, lang, slug) {
    var file = root.location.protocol === "file:" ? "index.html" : "";
    return prefix + lang + "/" + slug + "/" + file;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? String(values[name]) : all;
    });
  }

  function show(document, id, text) {
    var element = document.getElementById(id);
    element.textContent = text;
    element.hidden = false;
    return element;
  }

  function explain(document, data, codes, lang, text, found) {
    var words = data.words[lang];
    var quoted = words.quotes[0] + text + words.quotes[1];
    if (found.failure) {
      var failure = found.failure;
      var reason = failure.key in words.reasons
        ? fill(words.reasons[failure.key], { detail: failure.detail })
        : failure.reason;
      show(document, "kb-go-message", fill(words.malformed, { input: quoted, reason: reason }));
      return Promise.resolve();
    }
    var value = found.value;
    show(document, "kb-go-message", fill(words.unknown, {
      input: quoted,
      code: KbCodes.canonical(value),
      unsigned: value,
      signed: KbCodes.signed(value)
    }));
    return closest(codes, value, data.closest).then(function (nearby) {
      var list = document.getElementById("kb-go-closest-list");
      nearby.forEach(function (code) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = pageHref("../", lang, code.slug);
        link.textContent = code.code + " " + code.titles[lang];
        item.appendChild(link);
        list.appendChild(item);
      });
      if (nearby.length) {
        show(document, "kb-go-closest-title", words.closest);
        list.hidden = false;
      }
    });
  }

  /* The reader's language on every fixed word of go/index.html. */
  function localise(document, data, lang) {
    var words = data.words[lang];
    document.documentElement.lang = lang;
    document.title = words.title;
    document.querySelectorAll("[data-kb-word]").forEach(function (element) {
      element.textContent = words[element.getAttribute("data-kb-word")];
    });
    document.getElementById("kb-go-code").placeholder = words.placeholder;
    if (root.location.protocol === "file:") {
      document.querySelectorAll("a[data-kb-page]").forEach(function (link) {
        if (link.href.slice(-1) === "/") {
          link.href += "index.html";
        }
      });
    }
  }

  /* go/index.html: redirect to the code's page, or say what was understood. */
  function page(document, data) {
    var params = new URLSearchParams(root.location.search);
    var lang = chooseLanguage(data.languages, params.get("lang"), browserLanguages());
    var text = params.get("code");
    localise(document, data, lang);
    if (text === null || !text.trim()) {
      return;
    }
    document.getElementById("kb-go-code").value = text;
    if (data.languages.indexOf(params.get("lang")) >= 0) {
      document.getElementById("kb-go-lang").value = params.get("lang");
    }
    var codes = catalogue(data.base);
    lookUp(codes, text).then(function (found) {
      if (found.code) {
        root.location.replace(pageHref("../", lang, found.code.slug));
        return null;
      }
      // Without the closest codes the page still says what was understood.
      return explain(document, data, codes, lang, text, found).catch(function () {});
    }).catch(function () {
      show(document, "kb-go-message", data.words[lang].failed);
    });
  }

  /* 404.html: a promise of where an address that is a code should go, or null. The last
     segment is the code, a language segment before it chooses the language, and whatever
     comes before both is the site's root, where the files of codes are (data.base). Codes
     we do not document go to go/ when they look like an error (severity bit set), so that
     /2024 stays a plain 404. */
  function rescue(data, pathname) {
    var segments = pathname.split("/").filter(Boolean).map(function (segment) {
      try {
        return decodeURIComponent(segment);
      } catch (error) {
        return segment;
      }
    });
    if (segments.length && /^index\.html?$/.test(segments[segments.length - 1])) {
      segments.pop();
    }
    if (!segments.length) {
      return Promise.resolve(null);
    }
    var text = segments.pop();
    var wanted = null;
    if (segments.length && data.languages.indexOf(segments[segments.length - 1]) >= 0) {
      wanted = segments.pop();
    }
    var lang = chooseLanguage(data.languages, wanted, browserLanguages());
    var prefix = "/" + segments.map(encodeURIComponent).join("/") + (segments.length ? "/" : "");
    return lookUp(catalogue(prefix + data.base), text).then(function (found) {
      if (found.code) {
        return pageHref(prefix, lang, found.code.slug);
      }
      if (found.value !== undefined && found.value >= 0x80000000) {
        return prefix + "go/?code=" + encodeURIComponent(text) + "&lang=" + lang;
      }
      return null;
    });
  }

  root.KbGo = {
    catalogue: catalogue,
    chooseLanguage: chooseLanguage,
    closest: closest,
    lookUp: lookUp,
    page: page,
    rescue: rescue,
    shard: shard
  };
})(this);
