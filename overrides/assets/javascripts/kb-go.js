/* Deep links for tickets: go/?code=<any form>&lang=it|en, and the 404 page's rescue of
   addresses that are a code (/0xC004F074, /it/C004F074/).

   Inlined, with kb-codes.js and the table of codes, into go/index.html and 404.html by
   generator/golinks.py, so that both work from any static server and from file:// with no
   request of their own. Text the reader typed is only ever set as textContent. */
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

  /* What a text names: {code} (a code of ours), {value} (a code we do not document) or
     {failure} (no code: KbCodes.parse's answer). Eight bare digits are read as decimal
     first and as hex when only that names one of our codes. */
  function lookUp(codes, text) {
    var bySlug = {};
    codes.forEach(function (code) {
      bySlug[code.slug] = code;
    });
    var parsed = KbCodes.parse(text);
    if (parsed.value === null) {
      return { failure: parsed };
    }
    var code = bySlug[KbCodes.slug(parsed.value)];
    var hex = KbCodes.hexReading(text);
    if (!code && hex !== null) {
      code = bySlug[KbCodes.slug(hex)];
    }
    return code ? { code: code } : { value: parsed.value };
  }

  /* generator.commands.lookup.closest_codes: same facility first, then the nearest value,
     the lower one on a tie. */
  function closest(codes, value, count) {
    var facility = KbCodes.facility(value);
    function key(code) {
      var known = parseInt(code.slug.slice(2), 16);
      return [KbCodes.facility(known) !== facility ? 1 : 0, Math.abs(known - value), known];
    }
    return codes.slice().sort(function (a, b) {
      var x = key(a);
      var y = key(b);
      for (var i = 0; i < x.length; i++) {
        if (x[i] !== y[i]) {
          return x[i] - y[i];
        }
      }
      return 0;
    }).slice(0, count);
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

  function explain(document, data, lang, text, found) {
    var words = data.words[lang];
    var quoted = words.quotes[0] + text + words.quotes[1];
    if (found.failure) {
      var failure = found.failure;
      var reason = failure.key in words.reasons
        ? fill(words.reasons[failure.key], { detail: failure.detail })
        : failure.reason;
      show(document, "kb-go-message", fill(words.malformed, { input: quoted, reason: reason }));
      return;
    }
    var value = found.value;
    show(document, "kb-go-message", fill(words.unknown, {
      input: quoted,
      code: KbCodes.canonical(value),
      unsigned: value,
      signed: KbCodes.signed(value)
    }));
    var list = document.getElementById("kb-go-closest-list");
    closest(data.codes, value, data.closest).forEach(function (code) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = pageHref("../", lang, code.slug);
      link.textContent = code.code + " " + code.titles[lang];
      item.appendChild(link);
      list.appendChild(item);
    });
    show(document, "kb-go-closest-title", words.closest);
    list.hidden = false;
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
    if (text !== null && text.trim()) {
      var found = lookUp(data.codes, text);
      if (found.code) {
        root.location.replace(pageHref("../", lang, found.code.slug));
        return;
      }
      localise(document, data, lang);
      document.getElementById("kb-go-code").value = text;
      if (data.languages.indexOf(params.get("lang")) >= 0) {
        document.getElementById("kb-go-lang").value = params.get("lang");
      }
      explain(document, data, lang, text, found);
    } else {
      localise(document, data, lang);
    }
  }

  /* 404.html: where an address that is a code should go, or null. The last segment is the
     code, a language segment before it chooses the language, and whatever comes before
     both is the site's root. Codes we do not document go to go/ when they look like an
     error (severity bit set), so that /2024 stays a plain 404. */
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
      return null;
    }
    var text = segments.pop();
    var wanted = null;
    if (segments.length && data.languages.indexOf(segments[segments.length - 1]) >= 0) {
      wanted = segments.pop();
    }
    var lang = chooseLanguage(data.languages, wanted, browserLanguages());
    var prefix = "/" + segments.map(encodeURIComponent).join("/") + (segments.length ? "/" : "");
    var found = lookUp(data.codes, text);
    if (found.code) {
      return pageHref(prefix, lang, found.code.slug);
    }
    if (found.value !== undefined && found.value >= 0x80000000) {
      return prefix + "go/?code=" + encodeURIComponent(text) + "&lang=" + lang;
    }
    return null;
  }

  root.KbGo = {
    chooseLanguage: chooseLanguage,
    closest: closest,
    lookUp: lookUp,
    page: page,
    rescue: rescue
  };
})(this);
