/* Behaviours of our own, on every page. No network, no dependency, no framework. */
(function () {
  "use strict";

  /* An old link to the article names a code's anchor (…/it/#0xc004f074-no-key-…). On the
     landing page that anchor is the id of the summary-table link to the code's page
     (class kb-old-anchor): follow it. Without JavaScript the reader lands on that link. */
  function followOldAnchor() {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return;
    }
    var target = id && document.getElementById(id);
    if (target && target.matches("a.kb-old-anchor[href]")) {
      location.replace(target.href);
    } else if (!target && document.querySelector(".kb-summary-parts")) {
      /* A large catalogue lists its codes on summary pages, not here; a code anchor
         starts with the code, whose page is the folder of that name. */
      var code = /^(0x[0-9a-f]{8})(-|$)/.exec(id.toLowerCase());
      if (code) {
        location.replace(code[1] + (location.protocol === "file:" ? "/index.html" : "/"));
      }
    }
  }

  /* The language switcher links to the same page; keep the query (the summary's filter,
     go/'s code, the 404 page's address) and the section too. */
  function keepSection(event) {
    var link = event.target.closest && event.target.closest("a[data-kb-language]");
    if (link && (location.search || location.hash)) {
      link.href = link.href.split(/[?#]/)[0] + location.search + location.hash;
    }
  }

  function word(name, fallback) {
    var meta = document.querySelector('meta[name="' + name + '"]');
    return meta ? meta.content : fallback;
  }

  /* navigator.clipboard exists only in secure contexts; an intranet over plain http is not
     one, so fall back to the older selection-based copy. */
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      document.body.removeChild(area);
      if (copied) {
        resolve();
      } else {
        reject(new Error("copy refused"));
      }
    });
  }

  /* A copy changes nothing a screen reader would notice: say it in a live region (one per
     page, created when first needed). The text is emptied first, so that a second copy
     with the same words is said again. */
  var live = null;
  var liveTimer = null;

  function announce(text) {
    if (!live) {
      live = document.createElement("div");
      live.className = "kb-sr-only";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      live.setAttribute("data-kb-announce", "");
      document.body.appendChild(live);
    }
    live.textContent = "";
    clearTimeout(liveTimer);
    liveTimer = setTimeout(function () {
      live.textContent = text;
    }, 100);
  }

  /* Shared with kb-links.js (the copy-link controls), which loads after this file. */
  window.kb = window.kb || {};
  window.kb.copy = copy;
  window.kb.announce = announce;

  /* Commands are inline code in running text (`slmgr /dli`); Material's copy button only
     serves code blocks, so give each command a button of its own. */
  function addCopyButtons() {
    var label = word("kb:copy", "Copy");
    var done = word("kb:copied", "Copied");
    document.querySelectorAll(".md-content code").forEach(function (code) {
      var command = code.textContent.trim();
      if (code.closest("pre") || !/^slmgr/i.test(command)) {
        return;
      }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-copy";
      button.title = label;
      button.setAttribute("aria-label", label + ": " + command);
      button.addEventListener("click", function () {
        copy(command).then(function () {
          button.classList.add("kb-copy--done");
          button.title = done;
          announce(done + ": " + command);
          setTimeout(function () {
            button.classList.remove("kb-copy--done");
            button.title = label;
          }, 2000);
        }, function () {});
      });
      code.insertAdjacentElement("afterend", button);
    });
  }

  /* Opened from file:// (a copy of the site on disk), a link to a folder shows the folder,
     not its page: point links and forms to folders at their index.html. */
  function linkPagesOnDisk() {
    if (location.protocol !== "file:") {
      return;
    }
    document.querySelectorAll("a[href]").forEach(function (link) {
      var url = new URL(link.href, location.href);
      if (url.protocol === "file:" && url.pathname.slice(-1) === "/") {
        url.pathname += "index.html";
        link.href = url.href;
      }
    });
    /* The code box sends its code to go/, a folder. */
    document.querySelectorAll("form[action]").forEach(function (form) {
      var url = new URL(form.action, location.href);
      if (url.protocol === "file:" && url.pathname.slice(-1) === "/") {
        form.action = url.href.split(/[?#]/)[0] + "index.html";
      }
    });
  }

  linkPagesOnDisk();
  followOldAnchor();
  window.addEventListener("hashchange", followOldAnchor);
  document.addEventListener("click", keepSection, true);
  addCopyButtons();
})();
