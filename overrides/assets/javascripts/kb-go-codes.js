/* The site's codes for go/ and the 404 page, read from the script files of
   activation_kb/render/go_codes.py (go/codes/index.js, v<n>.js, f<n>.js) as they are
   needed, and the related codes of a code we do not document (activation_kb/domain/
   nearest.py's twin). Each file calls KbGoCodes.shard(name, data); a page adds the few it
   needs as <script> elements, which work from any static server and from file://, where
   fetch() of a file is refused; load() serves the files of names (kb-decode.js) too.
   Inlined with kb-codes.js and kb-go.js into go/index.html and 404.html by
   activation_kb/render/go.py. */
(function (root) {
  "use strict";

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

  /* The facility with its C bit, bits 16-29 (nearest.family). */
  function family(value) {
    return Math.floor(value / 65536) & 0x3fff;
  }

  /* The order of the f files: facility, code, severity (nearest.order_key). */
  function orderKey(value) {
    return family(value) * 262144 + (value & 0xffff) * 4 + Math.floor(value / 1073741824);
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

  /* A promise of the count documented codes most related to value, as
     activation_kb/domain/nearest.py's nearest_codes: of its facility only, the same code
     with another severity first, then the nearest code, then the nearest value, the lower
     one on a tie. They are among the count + 3 codes on either side of where value would
     be in the order of the f files, and a file holds at least count + 3 codes
     (go_codes.MIN_CHUNK): the file where value would be and its two neighbours hold them. */
  function closest(codes, value, count) {
    var mine = family(value);
    var code = value & 0xffff;
    return codes.around("f", orderKey(value)).then(function (values) {
      return values.filter(function (known) {
        return family(known) === mine && known !== value;
      }).sort(function (a, b) {
        return Math.abs((a & 0xffff) - code) - Math.abs((b & 0xffff) - code) ||
          Math.abs(a - value) - Math.abs(b - value) || a - b;
      }).slice(0, count);
    }).then(function (values) {
      return Promise.all(values.map(codes.find));
    }).then(function (found) {
      return found.filter(Boolean);
    });
  }

  root.KbGoCodes = {
    catalogue: catalogue,
    closest: closest,
    fileOf: fileOf,
    load: load,
    shard: shard
  };
})(this);
