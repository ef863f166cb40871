/* Paper has no links: print.css writes each link's address after it. Relative addresses
   (../0xc004f074/) mean nothing on paper, so give links within the site their absolute
   address when the site is served; from file:// they stay as they are.

   Paper has no clicks either: collapsed blocks (the decoding of a code page, a <details>)
   are opened for printing and closed again afterwards. */
(function () {
  "use strict";

  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".md-content details:not([open])").forEach(function (block) {
      block.open = true;
      opened.push(block);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.splice(0).forEach(function (block) {
      block.open = false;
    });
  });

  if (!/^https?:$/.test(location.protocol)) {
    return;
  }
  document.querySelectorAll(".md-content a[href]:not(.headerlink)").forEach(function (link) {
    var href = link.getAttribute("href");
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.charAt(0) === "#") {
      return;
    }
    link.setAttribute("data-kb-href", link.href);
  });
})();
