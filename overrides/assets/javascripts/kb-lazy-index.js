/* Search costs nothing until the reader turns to the search box.

   Material's bundle, as soon as a page loads, starts its search worker (our
   workers/kb-search.js, its scripts and Material's: about 22 KB compressed) and asks for
   search/search_index.json (an XMLHttpRequest) to hand it over; the index grows with the
   catalogue (5 MB at 3,000 codes), while a help-desk agent opening a ticket's link only
   reads the page. This holds back both until the search box gets the focus (a click, or
   the theme's keys s, f and /):
   - the index request is sent then, every other request goes out as it is;
   - the worker is a stand-in that starts the real one with the first message it is given
     (the index, which comes after the focus), and passes its answers on.
   Offline, the theme loads search_index.js from disk instead; the worker is held back
   there too (the iframe-worker shim stands in for Worker, and is what this wraps).

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

  var SEARCH_WORKER = /\/workers\/kb-search\.js(?:[?#]|$)/;
  var RealWorker = window.Worker;
  if (typeof RealWorker !== "function") {
    return;
  }
  window.Worker = function (url, options) {
    if (!SEARCH_WORKER.test(String(url))) {
      return new RealWorker(url, options);
    }
    var standIn = new EventTarget();
    var real = null;
    function pass(event) {
      var copy = new MessageEvent(event.type, { data: event.data });
      standIn.dispatchEvent(copy);
      var handler = standIn["on" + event.type];
      if (typeof handler === "function") {
        handler.call(standIn, copy);
      }
    }
    standIn.postMessage = function () {
      if (real === null) {
        real = new RealWorker(url, options);
        real.addEventListener("message", pass);
        real.addEventListener("error", pass);
      }
      return real.postMessage.apply(real, arguments);
    };
    standIn.terminate = function () {
      if (real !== null) {
        real.terminate();
      }
    };
    return standIn;
  };
})();
