/* The copy controls of a code page (overrides/partials/actions.html): the page's canonical
   address, or one line for a ticket, "0xC004F074 — title — address". */
(function () {
  "use strict";

  /* The page's own address, without query or fragment: the canonical link when the site
     has a site_url, else where the reader is. */
  function canonical() {
    var link = document.querySelector('link[rel="canonical"]');
    return link ? link.href : location.href.split(/[?#]/)[0];
  }

  /* kb.js (loaded first, on every page) provides the clipboard helper. */
  function copy(text) {
    return window.kb.copy(text);
  }

  function done(button) {
    var meta = document.querySelector('meta[name="kb:copied"]');
    /* The button's own words are its aria-label, which does not change: a second click
       within the two seconds would otherwise keep "Copied" as its title. */
    var title = button.getAttribute("aria-label") || button.title;
    button.classList.add("kb-copy-link--done");
    button.title = meta ? meta.content : title;
    /* Said by kb.js's live region (the title alone is not announced). */
    if (meta && window.kb.announce) {
      window.kb.announce(meta.content);
    }
    setTimeout(function () {
      button.classList.remove("kb-copy-link--done");
      button.title = title;
    }, 2000);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-kb-copy]");
    if (!button) {
      return;
    }
    var url = canonical();
    var text = button.getAttribute("data-kb-copy") === "line"
      ? button.getAttribute("data-kb-line") + " — " + url
      : url;
    copy(text).then(function () {
      done(button);
    }, function () {});
  });
})();
