/* Deep links for tickets (go/?code=<any form>&lang=it|en) and the pages a reader ends on
   when there is no page for what was asked: activation_kb/render/go.py.

   - hand(): the root's go/index.html (inline, with kb-codes.js and kb-go-codes.js): a code
     the site documents opens its page, anything else the language's go/ page, same query.
   - lost(): the root's 404.html (inline too): an address that is a code (/0xC004F074,
     /it/C004F074/) opens the code's page, any other the language's 404 page (?path=).
   - page() and missing(): the languages' go/ and 404/ pages, which load this file from the
     theme's assets (overrides/main.html) with their data in #kb-go-data; go/ loads
     kb-decode.js (go/names/decode.js) only to decode and name a code the site does not
     document. While they work, the page is hidden (html.kb-go-pending, kb.css): nothing
     the reader sees moves when the answer comes.

   Text the reader typed is only ever set as textContent, and repeated at most 80
   characters long (KbCodes.echo). */
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

  function quote(words, text) {
    return words.quotes[0] + KbCodes.echo(text) + words.quotes[1];
  }

  /* The root's pages hide themselves (kb-moving) while they find where to go. */
  function stay() {
    root.document.documentElement.classList.remove("kb-moving");
  }

  /* go/index.html at the root: a code of ours opens its page in the language asked for
     (else the browser's, else Italian); anything else, the language's go/ page with the
     same query, which says what it is. */
  function hand(data) {
    var params = new URLSearchParams(root.location.search);
    var lang = chooseLanguage(data.languages, params.get("lang"), browserLanguages());
    var text = params.get("code");
    params.delete("lang");
    var query = params.toString();

    function onward() {
      root.location.replace(pageHref("../", lang, data.go) + (query ? "?" + query : "") +
        root.location.hash);
    }

    if (text === null || !text.trim()) {
      onward();
      return Promise.resolve();
    }
    return lookUp(KbGoCodes.catalogue(data.base), text).then(function (found) {
      if (found.code) {
        root.location.replace(pageHref("../", lang, found.code.slug));
      } else {
        onward();
      }
    }, onward);
  }

  function segmentsOf(pathname) {
    return pathname.split("/").filter(Boolean).map(function (segment) {
      try {
        return decodeURIComponent(segment);
      } catch (error) {
        return segment;
      }
    });
  }

  /* 404.html: a promise of where an address that is a code should go, or null. The last
     segment is the code, a language segment before it chooses the language, and whatever
     comes before both is the site's root, where the files of codes are (data.base). Codes
     we do not document go to the language's go/ page when they look like an error
     (severity bit set), so that /2024 is an address like any other. */
  function rescue(data, pathname) {
    var segments = segmentsOf(pathname);
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
        return pageHref(prefix, lang, data.go) + "?code=" + encodeURIComponent(text);
      }
      return null;
    });
  }

  /* Where 404.html sends any other address: the 404 page of its language (the first
     segment that is one of ours, the site's root before it; else the browser's), which
     shows the address. null on that very page, which a server without it answers with
     404.html too: the reader stays here rather than going round. */
  function missingPage(data, pathname, search) {
    var segments = segmentsOf(pathname);
    var at = -1;
    for (var i = 0; i < segments.length && at < 0; i++) {
      at = data.languages.indexOf(segments[i]) >= 0 ? i : -1;
    }
    var lang = at >= 0 ? segments[at] : chooseLanguage(data.languages, null, browserLanguages());
    var before = at > 0 ? segments.slice(0, at) : [];
    if (at >= 0 && segments[at + 1] === data.missing) {
      return null;
    }
    var prefix = "/" + before.map(encodeURIComponent).join("/") + (before.length ? "/" : "");
    return prefix + lang + "/" + data.missing + "/?path=" +
      encodeURIComponent(pathname + search);
  }

  /* 404.html: the code's page, else the language's 404 page. */
  function lost(data) {
    var where = root.location;
    return rescue(data, where.pathname).then(null, function () {
      return null;
    }).then(function (target) {
      target = target || missingPage(data, where.pathname, where.search);
      if (target) {
        where.replace(target);
      } else {
        stay();
      }
    });
  }

  function show(document, id, text) {
    var element = document.getElementById(id);
    element.textContent = text;
    element.hidden = false;
    return element;
  }

  /* The page's title, on the page and in the window's (the site's name after it). */
  function retitle(document, text) {
    var heading = document.getElementById("kb-go-title");
    var before = heading.textContent;
    heading.textContent = text;
    if (document.title.indexOf(before) === 0) {
      document.title = text + document.title.slice(before.length);
    }
  }

  /* The names and the decoding of a code we do not document, from the files of names
     (names/decode.js brings the words) and kb-decode.js (the theme's, data.decoder);
     without them, nothing (a facility without its name would read as unnamed). */
  function decoding(document, data, value) {
    var script = data.decoder.replace(/[^/]*\.js$/, "");
    var decoder = KbGoCodes.load(script, data.decoder.slice(script.length, -3));
    return Promise.all([KbGoCodes.load(data.names, "decode"), decoder]).then(function (both) {
      var words = both[0][data.lang];
      return KbDecode.decode(data.names, value, words.rows).then(function (found) {
        if (found.names.length) {
          show(document, "kb-go-names", words.also_known_as + " " + found.names.join(" \u00b7 "));
        }
        var body = document.querySelector("#kb-go-decoding tbody");
        found.rows.forEach(function (row) {
          var line = document.createElement("tr");
          var label = document.createElement("th");
          var cell = document.createElement("td");
          label.scope = "row";
          label.textContent = row[0];
          cell.textContent = row[1];
          line.appendChild(label);
          line.appendChild(cell);
          body.appendChild(line);
        });
        document.getElementById("kb-go-decoding").hidden = false;
      });
    }).catch(function () {});
  }

  /* The documented codes related to one we do not document: of its facility only. */
  function listCodes(document, data, nearby) {
    var list = document.getElementById("kb-go-closest-list");
    nearby.forEach(function (code) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = pageHref("../../", data.lang, code.slug);
      link.textContent = code.code + " " + code.titles[data.lang];
      item.appendChild(link);
      list.appendChild(item);
    });
    document.getElementById("kb-go-closest").hidden = !nearby.length;
  }

  /* The search, opened on the landing page with what the reader typed (Material opens
     it for ?q=). */
  function searchFor(document, data, text) {
    var link = document.getElementById("kb-go-search");
    var home = root.location.protocol === "file:" ? "../index.html" : "../";
    link.href = home + "?q=" + encodeURIComponent(text.trim());
    link.textContent = fill(data.words.search_for, { input: quote(data.words, text.trim()) });
  }

  /* What a text that is no page of ours is: no code, and why; or a code, its decoding and
     the documented codes of its facility. */
  function explain(document, data, codes, text, found) {
    var words = data.words;
    document.getElementById("kb-go-answer").hidden = false;
    searchFor(document, data, text);
    if (found.failure) {
      var failure = found.failure;
      var reason = failure.key in words.reasons
        ? fill(words.reasons[failure.key], { detail: failure.detail })
        : failure.reason;
      retitle(document, words.malformed_title);
      show(document, "kb-go-message",
        fill(words.malformed, { input: quote(words, text), reason: reason }));
      return Promise.resolve();
    }
    var value = found.value;
    var code = KbCodes.canonical(value);
    /* Written as it is shown (0xC004F074, c004f074), the code is not repeated. */
    var plain = /^(0x)?[0-9a-f]{8}$/i.test(text.trim());
    retitle(document, words.unknown_title);
    show(document, "kb-go-message", plain
      ? fill(words.unknown, { code: code })
      : fill(words.unknown_typed, { input: quote(words, text), code: code }));
    var related = KbGoCodes.closest(codes, value, data.closest).then(function (nearby) {
      listCodes(document, data, nearby);
    });
    // Each shows what it can without the other; the promise ends when both have.
    return Promise.all([decoding(document, data, value), related.catch(function () {})]);
  }

  /* Everything the page will show is there: shown at once, and for whoever waits on it
     (the tests). */
  function done(document) {
    document.documentElement.classList.remove("kb-go-pending");
    document.documentElement.setAttribute("data-kb-go", "done");
  }

  /* A language's go/ page: a code of ours opens its page; anything else, what it is. */
  function page(document, data) {
    var text = new URLSearchParams(root.location.search).get("code");
    if (text === null || !text.trim()) {
      done(document);
      return Promise.resolve();
    }
    document.getElementById("kb-go-code").value = text;
    var codes = KbGoCodes.catalogue(data.codes);
    return lookUp(codes, text).then(function (found) {
      if (found.code) {
        root.location.replace(pageHref("../../", data.lang, found.code.slug));
        return true;
      }
      // Without the related codes the page still says what was understood.
      return explain(document, data, codes, text, found).catch(function () {});
    }).catch(function () {
      document.getElementById("kb-go-answer").hidden = false;
      show(document, "kb-go-message", data.words.failed);
    }).then(function (leaving) {
      if (leaving !== true) {
        done(document);
      }
    });
  }

  /* A language's 404 page: the address asked for, when 404.html gave it. */
  function missing(document, data) {
    var path = new URLSearchParams(root.location.search).get("path");
    if (path) {
      document.getElementById("kb-missing").textContent =
        fill(data.words.missing_at, { path: quote(data.words, path) });
    }
    done(document);
  }

  root.KbGo = {
    chooseLanguage: chooseLanguage,
    hand: hand,
    lookUp: lookUp,
    lost: lost,
    missingPage: missingPage,
    page: page,
    rescue: rescue
  };

  var element = root.document && root.document.getElementById("kb-go-data");
  if (element) {
    var data = JSON.parse(element.textContent);
    data.decoder = element.getAttribute("data-decoder");
    (data.kind === "missing" ? missing : page)(root.document, data);
  }
})(this);
