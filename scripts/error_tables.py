"""Write the tables of facts under activation_kb/domain/tables/ from public headers.

Inputs, all readable offline once installed (``make tables`` installs the Debian packages):

- ``winerror.h`` and ``slerror.h`` of Debian's mingw-w64-common (public domain): facility
  numbers, Win32 error symbols, HRESULT names, and the few SL_* names mingw-w64 has;
- ``src/shared/winerror.rs`` of Debian's librust-winapi-dev (MIT or Apache-2.0), a
  transcription of a newer Windows SDK winerror.h: the facilities, Win32 symbols and HRESULT
  names that mingw-w64 lacks (mingw-w64 10 defines 33 facilities, for instance);
- ``tables/sources/facility-names.tsv`` in this repository: the facilities of the Windows SDK
  10.0.26100 winerror.h that neither package has (FACILITY_USERMODE_LICENSING 234, ...);
- ``tables/sources/slerror-names.tsv`` in this repository: the Software Licensing names
  (SL_E_*, SL_I_*), which mingw-w64 mostly lacks.

The two listings were read from public files; their comment lines give the origin and date.
Only names and numbers are taken. Where the sources disagree on a name's value, the first
source listed above wins and the disagreement is printed.

Usage::

    python3 scripts/error_tables.py            # write the modules
    python3 scripts/error_tables.py --check    # exit 1 if the modules are not what it would write

The modules record the date they were generated on (``--date``, default today); ``--check``
reuses the date found in the existing modules, so that it compares facts, not days.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "activation_kb" / "domain" / "tables"
LISTINGS = ROOT / "tables" / "sources"
FACILITY_LISTING = LISTINGS / "facility-names.tsv"
SL_LISTING = LISTINGS / "slerror-names.tsv"

MINGW_PACKAGE = "mingw-w64-common"
WINAPI_PACKAGE = "librust-winapi-dev"

LINE_LENGTH = 100


# ---------------------------------------------------------------------------------------------
# Sources


@dataclass(frozen=True)
class Source:
    """One input file, as the modules cite it: (what, where).

    A Debian file is ("Debian mingw-w64-common 10.0.0-3", "/usr/share/.../winerror.h"); a
    listing of this repository is ("tables/sources/slerror-names.tsv", its origin URL).
    """

    what: str
    where: str
    path: Path

    def cite(self) -> str:
        return f"{self.what}: {self.where}"


def _dpkg(*args: str) -> str:
    return subprocess.run(["dpkg-query", *args], check=True, capture_output=True, text=True).stdout


def package_file(package: str, suffix: str) -> Source:
    """The installed file of a Debian package whose path ends with ``suffix``."""
    try:
        version = _dpkg("-W", "-f=${Version}", package).strip()
        files = _dpkg("-L", package).splitlines()
    except (OSError, subprocess.CalledProcessError) as err:
        raise SystemExit(
            f"{package} is not installed (run `make tables`, or apt-get install {package})"
        ) from err
    found = sorted(f for f in files if f.endswith(suffix))
    if not found:
        raise SystemExit(f"{package} {version} has no file ending in {suffix}")
    return Source(f"Debian {package} {version}", found[0], Path(found[0]))


def listing_source(path: Path) -> Source:
    try:
        shown = str(path.resolve().relative_to(ROOT))
    except ValueError:
        shown = str(path)
    return Source(shown, listing_origin(path.read_text(encoding="utf-8")), path)


def listing_origin(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("# origin:"):
            return line.removeprefix("# origin:").strip()
    raise SystemExit("the SL listing names no origin (a '# origin:' comment line)")


# ---------------------------------------------------------------------------------------------
# Reading #define lines (winerror.h, slerror.h)

_DEFINE = re.compile(r"^\s*#\s*define\s+([A-Za-z_]\w*)(\(?)\s*(.*)$")
_COMMENT = re.compile(r"/\*.*?\*/|//.*$")
_TOKEN = re.compile(r"\s*(?:(0[xX][0-9A-Fa-f]+|\d+)[uUlL]*|([A-Za-z_]\w*)|(<<|>>|[()+\-|&~]))")
# Function-like macros that only type their argument, and the one that computes.
_WRAPPERS = {"__MSABI_LONG", "_HRESULT_TYPEDEF_", "_NDIS_ERROR_TYPEDEF_"}
_CASTS = {"HRESULT", "SCODE", "DWORD", "LONG", "long", "ULONG", "NTSTATUS", "int", "unsigned"}


@dataclass
class Define:
    name: str
    expr: str
    line: int


def read_defines(text: str) -> dict[str, Define]:
    """Object-like ``#define NAME VALUE`` lines, the first definition of each name kept."""
    defines: dict[str, Define] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        match = _DEFINE.match(raw)
        if not match or match.group(2):  # no match, or a function-like macro
            continue
        name, expr = match.group(1), _COMMENT.sub("", match.group(3)).strip()
        if expr and name not in defines:
            defines[name] = Define(name, expr, number)
    return defines


class Evaluator:
    """Integer value of a #define's expression, following the names it refers to."""

    def __init__(self, defines: dict[str, Define]) -> None:
        self.defines = defines
        self._cache: dict[str, int | None] = {}

    def value(self, name: str) -> int | None:
        if name not in self._cache:
            self._cache[name] = None  # guards against a cycle
            self._cache[name] = self.evaluate(self.defines[name].expr)
        return self._cache[name]

    def evaluate(self, expr: str) -> int | None:
        tokens = self._tokens(expr)
        if tokens is None:
            return None
        # A name in the expression is evaluated on the way (re-entering here): keep our place.
        saved = getattr(self, "_toks", []), getattr(self, "_pos", 0)
        self._toks, self._pos = tokens, 0
        try:
            result = self._or()
            return result if self._pos == len(self._toks) else None
        except (ValueError, KeyError, IndexError):
            return None
        finally:
            self._toks, self._pos = saved

    @staticmethod
    def _tokens(expr: str) -> list[tuple[str, str]] | None:
        out, pos = [], 0
        while pos < len(expr):
            match = _TOKEN.match(expr, pos)
            if not match or match.end() == pos:
                return None if expr[pos:].strip() else out
            number, ident, op = match.groups()
            out.append(("num", number) if number else ("id", ident) if ident else ("op", op))
            pos = match.end()
        return out

    def _peek(self) -> tuple[str, str] | None:
        return self._toks[self._pos] if self._pos < len(self._toks) else None

    def _take(self, kind: str, text: str | None = None) -> str:
        token = self._peek()
        if token is None or token[0] != kind or (text is not None and token[1] != text):
            raise ValueError(f"expected {text or kind}")
        self._pos += 1
        return token[1]

    def _or(self) -> int:
        value = self._and()
        while self._peek() == ("op", "|"):
            self._pos += 1
            value |= self._and()
        return value

    def _and(self) -> int:
        value = self._shift()
        while self._peek() == ("op", "&"):
            self._pos += 1
            value &= self._shift()
        return value

    def _shift(self) -> int:
        value = self._sum()
        while self._peek() in (("op", "<<"), ("op", ">>")):
            op = self._take("op")
            right = self._sum()
            value = value << right if op == "<<" else value >> right
        return value

    def _sum(self) -> int:
        value = self._unary()
        while self._peek() in (("op", "+"), ("op", "-")):
            op = self._take("op")
            right = self._unary()
            value = value + right if op == "+" else value - right
        return value

    def _unary(self) -> int:
        token = self._peek()
        if token == ("op", "-"):
            self._pos += 1
            return -self._unary()
        if token == ("op", "~"):
            self._pos += 1
            return ~self._unary()
        if token == ("op", "("):
            # A cast such as (HRESULT) or (unsigned long), or a parenthesised expression.
            save = self._pos
            self._pos += 1
            words = []
            while (tok := self._peek()) is not None and tok[0] == "id" and tok[1] in _CASTS:
                words.append(self._take("id"))
            if words and self._peek() == ("op", ")"):
                self._pos += 1
                return self._unary()
            self._pos = save + 1
            value = self._or()
            self._take("op", ")")
            return value
        return self._atom()

    def _atom(self) -> int:
        kind, text = self._toks[self._pos]
        self._pos += 1
        if kind == "num":
            return int(text, 0) if not re.fullmatch(r"0\d+", text) else int(text, 8)
        if kind != "id":
            raise ValueError(text)
        if self._peek() == ("op", "("):
            self._pos += 1
            argument = self._or()
            self._take("op", ")")
            if text in _WRAPPERS:
                return argument
            if text in {"HRESULT_FROM_WIN32", "__HRESULT_FROM_WIN32"}:
                return hresult_from_win32(argument)
            raise ValueError(text)
        value = self.value(text)
        if value is None:
            raise ValueError(text)
        return value


def hresult_from_win32(code: int) -> int:
    """winerror.h's HRESULT_FROM_WIN32, as an unsigned 32-bit value."""
    if code <= 0:
        return code & 0xFFFFFFFF
    return (code & 0x0000FFFF) | (7 << 16) | 0x80000000


# How a #define writes its value decides its table, as in winerror.h itself: Win32 errors are
# decimal numbers with an L suffix (mingw-w64 spells it __MSABI_LONG(n)) or WSABASEERR + n;
# HRESULTs are _HRESULT_TYPEDEF_(0x...), ((HRESULT)0x...) or HRESULT_FROM_WIN32(...).
_WIN32_FORM = re.compile(r"^(?:__MSABI_LONG\(\s*\d+\s*\)|\d+L|\(\s*WSABASEERR\s*\+\s*\d+\s*\))$")
_HRESULT_FORM = re.compile(r"_HRESULT_TYPEDEF_\(|\(\s*HRESULT\s*\)|HRESULT_FROM_WIN32\(")
_NAME_ONLY = re.compile(r"^[A-Za-z_]\w*$")
_PLAIN_NUMBER = re.compile(r"^(?:0[xX][0-9A-Fa-f]+|\d+)[uUlL]*$")


def classify_defines(defines: dict[str, Define]) -> dict[str, str]:
    """Name → "facility", "win32" or "hresult", for the names that belong to a table."""
    kinds: dict[str, str] = {}

    def kind_of(name: str, seen: frozenset[str] = frozenset()) -> str | None:
        if name in kinds:
            return kinds[name]
        define = defines.get(name)
        if define is None or name in seen:
            return None
        expr = define.expr
        if name.startswith("FACILITY_") and _PLAIN_NUMBER.match(expr):
            return "facility"
        if _HRESULT_FORM.search(expr):
            return "hresult"
        if _WIN32_FORM.match(expr):
            return "win32"
        if _NAME_ONLY.match(expr):  # an alias: the kind of the name it repeats
            return kind_of(expr, seen | {name})
        return None

    for name in defines:
        kind = kind_of(name)
        if kind:
            kinds[name] = kind
    return kinds


# ---------------------------------------------------------------------------------------------
# Reading winapi's winerror.rs

_RUST_CONST = re.compile(r"^pub const ([A-Za-z_]\w*): (DWORD|HRESULT) = (.+?);\s*$")
_RUST_VALUE = re.compile(r"^(0x[0-9A-Fa-f]+|\d+|[A-Za-z_]\w*)(?: as [iu]32)?$")


def read_rust_consts(text: str) -> list[tuple[str, str, int]]:
    """``pub const NAME: DWORD|HRESULT = value;`` lines as (name, type, value), in file order."""
    raw: list[tuple[str, str, str]] = []
    for line in text.splitlines():
        match = _RUST_CONST.match(line)
        if match:
            raw.append(match.groups())
    values: dict[str, int] = {}
    out = []
    for name, rtype, expr in raw:
        match = _RUST_VALUE.match(expr)
        if not match:
            continue
        token = match.group(1)
        if token[0].isdigit():
            value = int(token, 0)
        elif token in values:
            value = values[token]
        else:
            continue
        values[name] = value
        out.append((name, rtype, value & 0xFFFFFFFF))
    return out


def classify_rust(name: str, rtype: str, value: int) -> str | None:
    if name.startswith("FACILITY_"):
        return "facility" if value < 0x2000 else None
    if name.startswith("SEVERITY_"):
        return None
    if rtype == "HRESULT":
        return "hresult"
    return "win32" if value <= 0xFFFF else None


# ---------------------------------------------------------------------------------------------
# Tables


@dataclass
class Table:
    """Names in the order the sources give them, each with its value and where it came from."""

    kind: str
    entries: dict[str, int] = field(default_factory=dict)
    origin: dict[str, Source] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)

    def add(self, name: str, value: int, source: Source) -> None:
        if name in self.entries:
            if self.entries[name] != value:
                self.conflicts.append(
                    f"{name}: {self.entries[name]:#x} in {self.origin[name].cite()},"
                    f" {value:#x} in {source.cite()}"
                )
            return
        self.entries[name] = value
        self.origin[name] = source

    def by_value(self) -> dict[int, tuple[str, ...]]:
        grouped: dict[int, list[str]] = {}
        for name, value in self.entries.items():
            grouped.setdefault(value, []).append(name)
        return {value: tuple(grouped[value]) for value in sorted(grouped)}

    def sources(self) -> list[Source]:
        seen: dict[Source, None] = {}
        for source in self.origin.values():
            seen.setdefault(source, None)
        return list(seen)


@dataclass
class Inputs:
    winerror: Source
    slerror: Source
    winapi: Source
    facility_listing: Source
    sl_listing: Source


def find_inputs(listings: Path = LISTINGS) -> Inputs:
    return Inputs(
        winerror=package_file(MINGW_PACKAGE, "/include/winerror.h"),
        slerror=package_file(MINGW_PACKAGE, "/include/slerror.h"),
        winapi=package_file(WINAPI_PACKAGE, "/src/shared/winerror.rs"),
        facility_listing=listing_source(listings / FACILITY_LISTING.name),
        sl_listing=listing_source(listings / SL_LISTING.name),
    )


def read_listing(text: str) -> list[tuple[str, int]]:
    """NAME<TAB>value lines (decimal or 0x hexadecimal); # lines are comments."""
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            name, value = line.split("\t")
            rows.append((name, int(value, 0)))
        except ValueError as err:
            raise SystemExit(f"listing line {number}: not NAME<TAB>VALUE: {line!r}") from err
    return rows


def build_tables(inputs: Inputs) -> dict[str, Table]:
    tables = {kind: Table(kind) for kind in ("facility", "win32", "hresult", "licensing")}

    defines = read_defines(inputs.winerror.path.read_text(encoding="utf-8", errors="replace"))
    kinds = classify_defines(defines)
    evaluator = Evaluator(defines)
    for name, kind in kinds.items():
        value = evaluator.value(name)
        if value is None:
            continue
        value &= 0xFFFFFFFF
        if kind == "facility" and value >= 0x2000:
            continue  # FACILITY_NT_BIT is a bit, not a facility number
        if kind == "win32" and value > 0xFFFF:
            continue
        tables[kind].add(name, value, inputs.winerror)

    mingw_other = set(defines) - set(kinds)
    for name, rtype, value in read_rust_consts(inputs.winapi.path.read_text(encoding="utf-8")):
        kind = classify_rust(name, rtype, value)
        if kind is None or name in mingw_other:
            continue  # a name mingw-w64 defines outside the tables (a base, a mask) stays out
        if name in kinds and kinds[name] != kind:
            continue
        tables[kind].add(name, value, inputs.winapi)

    for name, value in read_listing(inputs.facility_listing.path.read_text(encoding="utf-8")):
        if name.startswith("FACILITY_") and value < 0x2000:
            tables["facility"].add(name, value, inputs.facility_listing)

    sl_defines = read_defines(inputs.slerror.path.read_text(encoding="utf-8"))
    sl_eval = Evaluator(sl_defines)
    for name in sl_defines:
        if re.match(r"SL_[EIS]_", name) and (value := sl_eval.value(name)) is not None:
            tables["licensing"].add(name, value & 0xFFFFFFFF, inputs.slerror)
    for name, value in read_listing(inputs.sl_listing.path.read_text(encoding="utf-8")):
        if re.match(r"SL_[EIS]_", name):
            tables["licensing"].add(name, value, inputs.sl_listing)
    return tables


# ---------------------------------------------------------------------------------------------
# Writing the modules


def _hex(value: int) -> str:
    return f"0x{value:08X}"


def render_dict(
    name: str, annotation: str, items: Iterable[tuple[str, str | tuple[str, ...]]]
) -> list[str]:
    """``NAME: annotation = {...}`` one entry a line, as ruff formats it."""
    lines = [f"{name}: {annotation} = {{"]
    for key, value in items:
        if isinstance(value, str):
            line = f'    {key}: "{value}",'
            if len(line) > LINE_LENGTH:
                lines += [f"    {key}: (", f'        "{value}"', "    ),"]
            else:
                lines.append(line)
            continue
        inline = "(" + ", ".join(f'"{n}"' for n in value) + (",)" if len(value) == 1 else ")")
        line = f"    {key}: {inline},"
        if len(line) <= LINE_LENGTH:
            lines.append(line)
        else:
            lines.append(f"    {key}: (")
            lines += [f'        "{n}",' for n in value]
            lines.append("    ),")
    lines.append("}")
    return lines if len(lines) > 2 else [f"{name}: {annotation} = {{}}"]


def docstring(title: str, body: list[str], sources: list[Source], date: str) -> list[str]:
    lines = ['"""' + title, ""]
    if body:
        lines += [*body, ""]
    lines.append(f"Generated by scripts/error_tables.py on {date} from:")
    for source in sources:
        if source.where.startswith("https://"):
            lines += [f"- {source.what}, a listing read from", f"  {source.where}"]
        else:
            lines += _wrap(f"- {source.what}, {source.where}", "  ")
    lines += ["", 'Do not edit by hand: run `make tables` (see docs/error-tables.md)."""']
    return lines


def _wrap(text: str, indent: str) -> list[str]:
    words, lines, line = text.split(" "), [], ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if len(candidate) > LINE_LENGTH - 4 and line:
            lines.append(line)
            line = indent + word
        else:
            line = candidate
    lines.append(line)
    return lines


def sources_tuple(sources: list[Source]) -> list[str]:
    lines = ["SOURCES: tuple[tuple[str, str], ...] = ("]
    for source in sources:
        lines += ["    (", f'        "{source.what}",', f'        "{source.where}",', "    ),"]
    lines += [
        ")",
        '"""The inputs of this module, first one first: (Debian package and version, file) or',
        '(listing in this repository, the public file it was read from)."""',
    ]
    return lines


def module_facilities(table: Table, date: str) -> str:
    grouped = table.by_value()
    lines = docstring(
        "HRESULT facility numbers and their FACILITY_* names, as winerror.h defines them.",
        [
            "FACILITIES gives the first name defined for a number; FACILITY_ALIASES the others of",
            "the numbers that have several (9: FACILITY_SSPI, then FACILITY_SECURITY).",
            "",
            "The facility of an HRESULT is read as winerror.h's macros do:",
            "HRESULT_FACILITY(hr) is ((hr) >> 16) & 0x1fff, thirteen bits (16-28), and",
            "HRESULT_CODE(hr) is (hr) & 0xFFFF. MS-ERREF (2.1) reads the same 32 bits as",
            "S R C N X, an 11-bit facility (16-26) and the code: the two top bits of winerror.h's",
            "facility are its N and X bits, so facilities above 2047 (FACILITY_DXGI 2170, 0x87A)",
            "exist only in winerror.h's reading.",
        ],
        table.sources(),
        date,
    )
    lines += ["", *sources_tuple(table.sources()), ""]
    lines += render_dict(
        "FACILITIES", "dict[int, str]", ((str(v), names[0]) for v, names in grouped.items())
    )
    lines.append('"""Facility number → the first FACILITY_* name defined for it."""')
    lines += [""]
    lines += render_dict(
        "FACILITY_ALIASES",
        "dict[int, tuple[str, ...]]",
        ((str(v), names[1:]) for v, names in grouped.items() if len(names) > 1),
    )
    lines.append('"""Facility number → its other names, where it has several."""')
    lines += [
        "",
        "",
        "def hresult_facility(hr: int) -> int:",
        '    """HRESULT_FACILITY of winerror.h: ((hr) >> 16) & 0x1fff, bits 16-28."""',
        "    return (hr >> 16) & 0x1FFF",
        "",
        "",
        "def hresult_code(hr: int) -> int:",
        '    """HRESULT_CODE of winerror.h: (hr) & 0xFFFF, bits 0-15."""',
        "    return hr & 0xFFFF",
    ]
    return "\n".join(lines) + "\n"


def module_win32(table: Table, date: str) -> str:
    grouped = table.by_value()
    lines = docstring(
        "Win32 error numbers and their symbols (ERROR_*, WSA*, DNS_*, RPC_S_*, ...).",
        [
            "The numbers winerror.h writes as plain decimals (5L; in mingw-w64 __MSABI_LONG(5))",
            "or as WSABASEERR + n, and the names that repeat them. WIN32_ERRORS gives the first",
            "name defined for a number, WIN32_ALIASES the others (0: ERROR_SUCCESS; NO_ERROR).",
        ],
        table.sources(),
        date,
    )
    lines += ["", *sources_tuple(table.sources()), ""]
    lines += render_dict(
        "WIN32_ERRORS", "dict[int, str]", ((str(v), names[0]) for v, names in grouped.items())
    )
    lines.append('"""Win32 error number → the first symbol defined for it."""')
    lines += [""]
    lines += render_dict(
        "WIN32_ALIASES",
        "dict[int, tuple[str, ...]]",
        ((str(v), names[1:]) for v, names in grouped.items() if len(names) > 1),
    )
    lines.append('"""Win32 error number → its other symbols, where it has several."""')
    return "\n".join(lines) + "\n"


def module_hresults(table: Table, date: str) -> str:
    lines = docstring(
        "HRESULT values and their names (E_*, S_*, CO_E_*, DXGI_ERROR_*, ...).",
        [
            "Every name winerror.h defines as _HRESULT_TYPEDEF_(0x...), ((HRESULT)0x...) or",
            "HRESULT_FROM_WIN32(...), and the names that repeat one. Keys are unsigned 32-bit",
            "values; the names of a value are in the order the sources define them.",
        ],
        table.sources(),
        date,
    )
    lines += ["", *sources_tuple(table.sources()), ""]
    lines += render_dict(
        "HRESULT_NAMES",
        "dict[int, tuple[str, ...]]",
        ((_hex(v), names) for v, names in table.by_value().items()),
    )
    lines.append('"""Unsigned 32-bit HRESULT → its names, first defined first."""')
    return "\n".join(lines) + "\n"


def module_licensing(table: Table, date: str) -> str:
    grouped = table.by_value()
    lines = docstring(
        "Software Licensing HRESULT values and their names (SL_E_*, SL_I_*).",
        [
            "The codes of the Software Protection Platform (slerror.h): 0xC004F074 is",
            "SL_E_VL_BINDING_SERVICE_UNAVAILABLE. Keys are unsigned 32-bit values.",
        ],
        table.sources(),
        date,
    )
    lines += ["", *sources_tuple(table.sources()), ""]
    lines += render_dict(
        "LICENSING_NAMES",
        "dict[int, str]",
        ((_hex(v), names[0]) for v, names in grouped.items()),
    )
    lines.append('"""Unsigned 32-bit HRESULT → its SL_* name."""')
    aliases = [(_hex(v), names[1:]) for v, names in grouped.items() if len(names) > 1]
    lines += [""]
    lines += render_dict("LICENSING_ALIASES", "dict[int, tuple[str, ...]]", aliases)
    lines.append('"""Unsigned 32-bit HRESULT → its other SL_* names, where it has several."""')
    return "\n".join(lines) + "\n"


PACKAGE_DOC = '''"""Tables of facts about Windows error codes, generated from public headers.

- facilities: HRESULT facility numbers → FACILITY_* names, and the facility and code of an
  HRESULT as winerror.h's macros read them;
- win32: Win32 error numbers → ERROR_*, WSA*, DNS_*, RPC_S_* ... symbols;
- hresults: HRESULT values → their names (E_*, S_*, CO_E_*, ...);
- licensing: Software Licensing HRESULT values → SL_E_* and SL_I_* names.

Each module says which file of which package (or which public listing) it was generated
from, and when. They are written by scripts/error_tables.py: do not edit them by hand;
docs/error-tables.md tells how to regenerate them.
"""
'''


def render_all(tables: dict[str, Table], date: str) -> dict[str, str]:
    return {
        "__init__.py": PACKAGE_DOC,
        "facilities.py": module_facilities(tables["facility"], date),
        "win32.py": module_win32(tables["win32"], date),
        "hresults.py": module_hresults(tables["hresult"], date),
        "licensing.py": module_licensing(tables["licensing"], date),
    }


_DATE_LINE = re.compile(
    r"^Generated by scripts/error_tables\.py on (\d{4}-\d{2}-\d{2}) from:$", re.M
)


def existing_date(out_dir: Path) -> str | None:
    for path in sorted(out_dir.glob("*.py")):
        match = _DATE_LINE.search(path.read_text(encoding="utf-8"))
        if match:
            return match.group(1)
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="where the modules go")
    parser.add_argument(
        "--listings", type=Path, default=LISTINGS, help="the folder of the two listings"
    )
    parser.add_argument("--date", help="the generation date the modules record (YYYY-MM-DD)")
    parser.add_argument(
        "--check", action="store_true", help="compare with the modules in --out; write nothing"
    )
    args = parser.parse_args(argv)

    date = args.date or (existing_date(args.out) if args.check else None)
    date = date or dt.date.today().isoformat()
    tables = build_tables(find_inputs(args.listings))
    conflicts = [c for table in tables.values() for c in table.conflicts]
    for conflict in conflicts:
        print(f"value disagreement, first source kept: {conflict}", file=sys.stderr)
    modules = render_all(tables, date)

    if args.check:
        stale = [
            name
            for name, text in modules.items()
            if not (args.out / name).is_file()
            or (args.out / name).read_text(encoding="utf-8") != text
        ]
        for name in stale:
            print(f"{args.out / name}: not what scripts/error_tables.py writes", file=sys.stderr)
        return 1 if stale else 0

    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in modules.items():
        (args.out / name).write_text(text, encoding="utf-8")
    counts = {kind: len(table.by_value()) for kind, table in tables.items()}
    names = {kind: len(table.entries) for kind, table in tables.items()}
    for kind in counts:
        print(f"{kind}: {counts[kind]} values, {names[kind]} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
