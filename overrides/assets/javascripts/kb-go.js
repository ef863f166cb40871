/* Deep links for tickets: go/?code=<any form>&lang=it|en, and the 404 page's rescue of
   addresses that are a code (/0xC004F074, /it/C004F074/).

   Inlined, with kb-codes.js and kb-go-codes.js (the codes, loaded as needed), into
   go/index.html and 404.html by activation_kb/render/go.py, so that both work from any
   static server and from file://; go/ loads kb-decode.js (go/names/decode.js) only to
   decode and name a code the site does not document. Text the reader typed is only ever
   set as textContent, and repeated at most 80 characters long (KbCodes.echo). */
(function (root) {
  "use strict";

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
     document) or {failure} (no code: KbCodes.parse's answer). */
  function lookUp(codes, text) {
    var parsed = KbCodes.parse(text);
    if (parsed.value === null) {
      return Promise.resolve({ failure: parsed });
    }
    return codes.find(parsed.value).then(function (code) {
      return code ? { code: code } : { value: parsed.value };
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

  /* The names and the decoding of a code we do not document, from the files of names
     (names/decode.js brings the script and its words); without them, nothing (a facility
     without its name would read as unnamed). */
  function decoding(document, data, lang, value) {
    return KbGoCodes.load(data.names, "decode").then(function (all) {
      var words = all[lang];
      return KbDecode.decode(data.names, value, words.rows).then(function (found) {
        if (found.names.length) {
          show(document, "kb-go-names", words.also_known_as + " " + found.names.join(" \u00b7 "));
        }
        var body = document.querySelector("#kb-go-decoding tbody");
        found.rows.forEach(function (row) {
          var line = document.createElement("tr");
          row.forEach(function (text, i) {
            var cell = document.createElement(i ? "td" : "th");
            cell.textContent = text;
            line.appendChild(cell);
          });
          body.appendChild(line);
        });
        show(document, "kb-go-decoding-title", words.title);
        document.getElementById("kb-go-decoding").hidden = false;
      });
    }).catch(function () {});
  }

  function explain(document, data, codes, lang, text, found) {
    var words = data.words[lang];
    var quoted = words.quotes[0] + KbCodes.echo(text) + words.quotes[1];
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
    var related = KbGoCodes.closest(codes, value, data.closest).then(function (nearby) {
      listCodes(document, words, lang, nearby);
    });
    // Each shows what it can without the other; the promise ends when both have.
    return Promise.all([decoding(document, data, lang, value), related.catch(function () {})]);
  }

  /* The documented codes related to one we do not document: of its facility only. */
  function listCodes(document, words, lang, nearby) {
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
    var codes = KbGoCodes.catalogue(data.base);
    lookUp(codes, text).then(function (found) {
      if (found.code) {
        root.location.replace(pageHref("../", lang, found.code.slug));
        return null;
      }
      // Without the closest codes the page still says what was understood.
      return explain(document, data, codes, lang, text, found).catch(function () {});
    }).catch(function () {
      show(document, "kb-go-message", data.words[lang].failed);
    }).then(function () {
      /* Everything the page will show is there: for whoever waits on it (the tests). */
      document.documentElement.setAttribute("data-kb-go", "done");
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
    return lookUp(KbGoCodes.catalogue(prefix + data.base), text).then(function (found) {
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
    chooseLanguage: chooseLanguage,
    lookUp: lookUp,
    page: page,
    rescue: rescue
  };
})(this);
