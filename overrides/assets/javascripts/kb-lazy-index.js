/* The search index is fetched when the reader first turns to the search box, not with
   every page. Material's bundle asks for search/search_index.json as soon as a page loads
   (an XMLHttpRequest), and that file grows with the catalogue (5 MB at 3,000 codes) while
   a help-desk agent opening a ticket's link only reads the page. This holds back the
   sending of that one request until the search box gets the focus (a click, or the
   theme's keys s, f and /); every other request goes out as it is. Offline, the theme
   loads search_index.js from disk instead, which this does not touch.

   overrides/main.html loads this file before Material's bundle. */
(function () {
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var wanted = false;
  var waiting = [];
  function want() {
    wanted = true;
    waiting.splice(0).forEach(function (send) { send(); });
  }
  document.addEventListener("focusin", function (event) {
    if (!wanted && event.target.matches && event.target.matches("[data-md-component=search-query]")) {
      want();
    }
  }, true);
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.kbIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var body = arguments;
    if (!request.kbIndex || wanted) {
      return send.apply(request, body);
    }
    waiting.push(function () { send.apply(request, body); });
  };
})();
