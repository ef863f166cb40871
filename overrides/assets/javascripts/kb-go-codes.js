/* The site's codes for go/ and the 404 page, read from the script files of
   generator/goshards.py (go/codes/index.js, v<n>.js, f<n>.js) as they are needed. Each file
   calls KbGoCodes.shard(name, data); a page adds the few it needs as <script> elements,
   which work from any static server and from file://, where fetch() of a file is refused.
   Inlined with kb-codes.js and kb-go.js into go/index.html and 404.html by
   generator/golinks.py. */
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

  root.KbGoCodes = {
    catalogue: catalogue,
    closest: closest,
    shard: shard
  };
})(this);
