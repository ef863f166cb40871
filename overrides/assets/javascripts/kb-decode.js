/* The decoding of a code in the browser, for go/: activation_kb/domain/hresult.py's rows
   (Decoding.rows) and activation_kb/domain/names.py's names, read from the files of names
   of activation_kb/render/go_names.py (go/names/index.js, facilities.js, n<k>.js) only for
   a code go/ does not document, which loads this file from the theme's assets. Python stays
   the reference;
   tests/site/test_golinks_browser.py compares both on the same values (hypothesis).

   winerror.h's reading: S (bit 31), R (30), C (29), a 13-bit facility (16-28) and the
   16-bit code; MS-ERREF's N (28) and X (27) flags and 11-bit facility only in the notes.
   Needs kb-codes.js and kb-go-codes.js (KbGoCodes.load, KbGoCodes.fileOf). */
(function (root) {
  "use strict";

  var SEVERITIES = ["SUCCESS", "INFORMATIONAL", "WARNING", "ERROR"];
  var WIN32_UPPER = 0x8007;

  function bit(value, n) {
    return Math.floor(value / Math.pow(2, n)) % 2;
  }

  /* The fields of an unsigned 32-bit value (hresult.Decoding's properties). */
  function fields(value) {
    var upper = Math.floor(value / 65536);
    return {
      S: bit(value, 31),
      R: bit(value, 30),
      C: bit(value, 29),
      N: bit(value, 28),
      X: bit(value, 27),
      facility: upper & 0x1fff,
      erref: upper & 0x7ff,
      code: value & 0xffff,
      win32: upper === WIN32_UPPER && (value & 0xffff) ? value & 0xffff : null
    };
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? String(values[name]) : all;
    });
  }

  function hex4(number) {
    return ("000" + number.toString(16).toUpperCase()).slice(-4);
  }

  /* Every name of the value (names.names): its own names, then its Win32 symbols, each
     once. entry: [value, own, win32] from a file of names, or null. */
  function allNames(entry) {
    var found = [];
    (entry ? entry[1].concat(entry[2] || []) : []).forEach(function (name) {
      if (found.indexOf(name) < 0) {
        found.push(name);
      }
    });
    return found;
  }

  function severity(f, words) {
    if (f.S) {
      return words.failure;
    }
    return f.R ? words.information : words.success;
  }

  function facility(f, words, facilities) {
    if (f.C) {
      return f.facility + " (" + words.customer_facility + ")";
    }
    var names = facilities[f.facility] || [];
    if (!names.length) {
      return f.facility + " (" + words.no_facility_name + ")";
    }
    var shown = f.facility + " " + names.join(", ");
    var about = words.facility_about[f.facility];
    return about ? shown + " (" + about + ")" : shown;
  }

  function notes(value, f, words) {
    var found = [];
    if (f.R && !f.N) {
      found.push(fill(words.r_note, { sev: SEVERITIES[Math.floor(value / 1073741824)] }));
    }
    if (f.C) {
      found.push(words.c_note);
    }
    if (f.N || f.X) {
      found.push(fill(words.erref_note, { x: f.X, n: f.N, erref: f.erref, facility: f.facility }));
    }
    if (f.N) {
      found.push(fill(words.n_note, { nt: KbCodes.canonical(value - 268435456) }));
    }
    return found;
  }

  /* [[label, value]] as Decoding.rows(lang): words are that language's hresult words,
     facilities {number: [FACILITY_* names]}, entry the value's row of names or null. */
  function rows(value, words, facilities, entry) {
    var f = fields(value);
    var found = [
      [words.value, KbCodes.canonical(value)],
      [words.severity, severity(f, words)],
      [words.facility, facility(f, words, facilities)],
      [words.code, "0x" + hex4(f.code) + " (" + f.code + ")"]
    ];
    if (f.win32 !== null) {
      var symbols = entry && entry[2] ? entry[2] : [];
      found.push([words.win32, f.win32 + (symbols.length ? " " + symbols[0] : "")]);
    }
    var names = allNames(entry);
    if (names.length) {
      found.push([words.names, names.join(", ")]);
    }
    found.push([words.unsigned, String(value)]);
    found.push([words.signed, String(KbCodes.signed(value))]);
    found.push([words.bits, ["S", "R", "C", "N", "X"].map(function (name) {
      return name + "=" + f[name];
    }).join(" ")]);
    return found.concat(notes(value, f, words).map(function (note) {
      return [words.note, note];
    }));
  }

  /* A promise of what the value's decoding needs from the files of names under base:
     {facilities: {number: [names]}, entry: [value, own, win32] or null}. */
  function tables(base, value) {
    var facilities = KbGoCodes.load(base, "facilities").then(function (list) {
      var byNumber = {};
      list.forEach(function (item) {
        byNumber[item[0]] = item[1];
      });
      return byNumber;
    });
    var entry = KbGoCodes.load(base, "names").then(function (index) {
      if (!index.n.length) {
        return [];
      }
      return KbGoCodes.load(base, "n" + KbGoCodes.fileOf(index.n, value));
    }).then(function (list) {
      for (var i = 0; i < list.length; i++) {
        if (list[i][0] === value) {
          return list[i];
        }
      }
      return null;
    });
    return Promise.all([facilities, entry]).then(function (both) {
      return { facilities: both[0], entry: both[1] };
    });
  }

  /* A promise of {rows, names} for value in one language (words: its hresult words). */
  function decode(base, value, words) {
    return tables(base, value).then(function (found) {
      return {
        rows: rows(value, words, found.facilities, found.entry),
        names: allNames(found.entry)
      };
    });
  }

  root.KbDecode = {
    decode: decode,
    rows: rows,
    tables: tables
  };
  /* Loaded by go/ as the files of names are (KbGoCodes.load), it says so the same way. */
  if (root.KbGoCodes) {
    root.KbGoCodes.shard("kb-decode", root.KbDecode);
  }
})(this);
