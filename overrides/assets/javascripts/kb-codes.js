/* Code forms in the browser: activation_kb/domain/codes.py's rules, for the search worker,
   go/ and the 404 page. Python stays the reference; tests/site/test_golinks_browser.py runs
   both on the same texts (hypothesis) and requires the same value or the same reason.

   A code is read, in this order, from 0xC004F074 (hex after 0x, leading zeros allowed, at
   most 8 digits besides them), 80070005 (exactly 8 bare digits: hex, as tickets mean it),
   3221549172 or -1073418124 (any other digits: unsigned or signed 32-bit decimal, leading
   zeros allowed) or C004F074 (exactly 8 bare hex digits with a letter). */
(function (root) {
  "use strict";

  var UINT32_MAX = 4294967295;
  var MAX_DECIMAL_DIGITS = 10;
  var EXPECTED = "expected hex (0xC004F074 or C004F074) or a decimal (3221549172 or -1073418124)";
  /* Python's str.strip() white space, which differs from JavaScript's \s by \x1c-\x1f and
     \x85 (Python only) and \ufeff (JavaScript only). */
  var SPACE = "[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029" +
    "\\u202f\\u205f\\u3000]";
  var STRIP = new RegExp("^" + SPACE + "+|" + SPACE + "+$", "g");
  var HEX_PREFIXED = /^0[xX]([0-9A-Za-z_]*)$/;
  var HEX_BARE = /^[0-9a-fA-F]{8}$/;
  var EIGHT_DIGITS = /^[0-9]{8}$/;
  var ALPHANUMERIC = /^[0-9a-zA-Z]+$/;
  var DECIMAL = /^([+-]?)([0-9]+)$/;

  function found(value) {
    return { value: value, reason: null, key: null, detail: null };
  }

  /* reason: parse_code's words; key and detail (the bad character or the number of
     digits): for pages that say it in another language. */
  function failure(key, reason, detail) {
    return { value: null, reason: reason, key: key, detail: detail === undefined ? null : detail };
  }

  function firstNonHex(text) {
    var match = /[^0-9a-fA-F]/.exec(text);
    return match ? match[0] : null;
  }

  function notHex(bad) {
    /* Python's repr() of one character of [0-9A-Za-z_] */
    return failure("not-hex", "'" + bad + "' is not a hex digit", bad);
  }

  function prefixedHex(digits) {
    if (!digits) {
      return failure("no-digits", "no hex digits after 0x");
    }
    var bad = firstNonHex(digits);
    if (bad) {
      return notHex(bad);
    }
    var significant = digits.replace(/^0+/, "");
    if (significant.length > 8) {
      return failure("too-long", "hex after 0x has at most 8 digits besides leading zeros, not " +
        significant.length, significant.length);
    }
    return found(parseInt(significant || "0", 16));
  }

  function decimal(negative, digits) {
    var significant = digits.replace(/^0+/, "") || "0";
    var tooLong = significant.length > MAX_DECIMAL_DIGITS;
    var number = tooLong ? Infinity : parseInt(significant, 10);
    if (negative) {
      if (number > 2147483648) {
        return failure("too-negative", "a negative code must be at least -2147483648");
      }
      return found(number === 0 ? 0 : 4294967296 - number);
    }
    if (number > UINT32_MAX) {
      return failure("too-large", "a decimal code must be at most 4294967295");
    }
    return found(number);
  }

  /* {value, reason, key, detail}: the unsigned 32-bit value of text, or null and why not,
     reason word for word as parse_code's CodeFormatError.reason. */
  function parse(text) {
    if (typeof text !== "string") {
      return failure("expected", EXPECTED);
    }
    var cleaned = text.replace(STRIP, "");
    if (!cleaned) {
      return failure("empty", "the code is empty");
    }
    var match = HEX_PREFIXED.exec(cleaned);
    if (match) {
      return prefixedHex(match[1]);
    }
    if (EIGHT_DIGITS.test(cleaned)) {
      return found(parseInt(cleaned, 16)); /* tickets mean hex */
    }
    match = DECIMAL.exec(cleaned);
    if (match) {
      return decimal(match[1] === "-", match[2]);
    }
    if (HEX_BARE.test(cleaned)) {
      return found(parseInt(cleaned, 16));
    }
    if (ALPHANUMERIC.test(cleaned) && /[0-9]/.test(cleaned)) {
      var bad = firstNonHex(cleaned);
      if (bad) {
        return notHex(bad);
      }
      return failure("bare-length", "hex without 0x needs exactly 8 digits, not " +
        cleaned.length, cleaned.length);
    }
    return failure("expected", EXPECTED);
  }

  /* text as a message repeats it: whole up to limit characters (80, errors.py's ECHO_LIMIT),
     else its start and end around an ellipsis, limit characters in all (errors.echo). */
  function echo(text, limit) {
    var chars = Array.from(text);
    limit = limit || 80;
    if (chars.length <= limit) {
      return text;
    }
    var head = Math.floor((limit - 1) / 2);
    return chars.slice(0, head).join("") + "\u2026" +
      chars.slice(chars.length - (limit - 1 - head)).join("");
  }

  function hex8(value) {
    return ("0000000" + value.toString(16)).slice(-8);
  }

  root.KbCodes = {
    parse: parse,
    echo: echo,
    /* 0xC004F074 */
    canonical: function (value) {
      return "0x" + hex8(value).toUpperCase();
    },
    /* 0xc004f074: the URL segment of a code's page */
    slug: function (value) {
      return "0x" + hex8(value);
    },
    /* -1073418124 for 0xC004F074 */
    signed: function (value) {
      return value > 2147483647 ? value - 4294967296 : value;
    }
  };
})(typeof self !== "undefined" ? self : this);
