"""The error tables of activation_kb/domain/tables, checked against what they were made from.

The expected names and numbers below (and those of the 30 documented codes, in
tests/documented.py) were written by hand from the header lines cited beside them
(mingw-w64-common 10.0.0-3's winerror.h, by line number; the two listings in
tables/sources/, by the public file they were read from), not taken from
scripts/error_tables.py. The tests that read the installed headers skip when the Debian
package is missing: ``make tables`` (and so ``make test``) installs it.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from activation_kb.domain.tables import facilities, hresults, licensing, win32
from activation_kb.domain.tables.facilities import (
    FACILITIES,
    FACILITY_ALIASES,
    hresult_code,
    hresult_facility,
)
from activation_kb.domain.tables.hresults import HRESULT_NAMES
from activation_kb.domain.tables.licensing import LICENSING_NAMES
from activation_kb.domain.tables.win32 import WIN32_ALIASES, WIN32_ERRORS
from tests.documented import DOCUMENTED, expected_names

ROOT = Path(__file__).resolve().parent.parent
MINGW_INCLUDE = Path("/usr/share/mingw-w64/include")
WINAPI_WINERROR = Path("/usr/share/cargo/registry/winapi-0.3.9/src/shared/winerror.rs")
MODULES = (facilities, win32, hresults, licensing)

FACILITY_WIN32 = 7


def _installed(path: Path, package: str) -> Path:
    if not path.is_file():
        pytest.skip(f"{package} is not installed ({path}): `make tables` installs it")
    return path


# ---------------------------------------------------------------------------------------------
# The knowledge base's documented codes (tests/documented.py, written by hand from the headers)


def test_thirty_documented_codes() -> None:
    assert len(DOCUMENTED) == 30
    assert len({row[0] for row in DOCUMENTED}) == 30


def test_the_docs_list_the_names_the_documented_codes_show() -> None:
    text = (ROOT / "docs" / "error-tables.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| (0x[0-9A-F]{8}) \| (.+) \|$", text, re.M))
    assert len(listed) == 30
    for code, shown in listed.items():
        assert re.findall(r"`(\w+)`", shown.split(" (")[0]) == expected_names(int(code, 16))


@pytest.mark.parametrize(
    ("code", "facility", "symbol", "sl_name", "hresult_names", "listed"),
    DOCUMENTED,
    ids=[f"0x{row[0]:08X}" for row in DOCUMENTED],
)
def test_documented_code(
    code: int,
    facility: str,
    symbol: str | None,
    sl_name: str | None,
    hresult_names: tuple[str, ...],
    listed: int | None,
) -> None:
    number = hresult_facility(code)
    assert FACILITIES[number] == facility
    if number == FACILITY_WIN32:
        assert WIN32_ERRORS[hresult_code(code)] == symbol
    else:
        assert symbol is None
    assert LICENSING_NAMES.get(code) == sl_name
    assert HRESULT_NAMES.get(code, ()) == hresult_names
    if listed is not None:  # the listing's signed 32-bit value is the same number
        assert code - (1 << 32) == listed


def test_facility_and_code_as_winerror_h_reads_them() -> None:
    # HRESULT_FACILITY(hr) (((hr) >> 16) & 0x1fff) and HRESULT_CODE(hr) ((hr) & 0xFFFF),
    # winerror.h lines 2239 and 2237: 13 bits of facility, so 0x887A is 2170, not 0x7A.
    assert hresult_facility(0x887A0005) == 0x87A == 2170
    assert hresult_code(0x887A0005) == 5
    assert hresult_facility(0xC004F074) == 4
    assert hresult_code(0xC004F074) == 0xF074
    assert hresult_facility(-1073418124) == 4  # the same code as a signed 32-bit number


def test_facilities_named_in_the_issue() -> None:
    # winapi winerror.rs: "pub const FACILITY_DXGI: HRESULT = 2170;" (line 99),
    # FACILITY_DIRECT2D 2201 (107), FACILITY_WINDOWSUPDATE 36 (24), FACILITY_WINDOWS_STORE 63
    # (25), FACILITY_SPP 256 (14); FACILITY_USERMODE_LICENSING 234 is in the SDK 10.0.26100
    # listing only ("#define FACILITY_USERMODE_LICENSING 234").
    assert FACILITIES[2170] == "FACILITY_DXGI"
    assert FACILITIES[2201] == "FACILITY_DIRECT2D"
    assert FACILITIES[36] == "FACILITY_WINDOWSUPDATE"
    assert FACILITIES[63] == "FACILITY_WINDOWS_STORE"
    assert FACILITIES[234] == "FACILITY_USERMODE_LICENSING"
    assert FACILITIES[256] == "FACILITY_SPP"
    assert FACILITY_ALIASES[256] == ("FACILITY_RESTORE", "FACILITY_DMSERVER")
    # winerror.h defines FACILITY_SSPI (line 19) before FACILITY_SECURITY (line 22).
    assert FACILITIES[9] == "FACILITY_SSPI"
    assert FACILITY_ALIASES[9] == ("FACILITY_SECURITY",)
    assert all(0 <= number < 0x2000 for number in FACILITIES)  # FACILITY_NT_BIT is left out


def test_win32_symbols_and_aliases() -> None:
    # winerror.h 43-44: ERROR_SUCCESS then NO_ERROR, both __MSABI_LONG(0); 1569:
    # "#define DNS_ERROR_INVALID_NAME ERROR_INVALID_NAME"; 1653 and 1660: WSABASEERR 10000,
    # "#define WSAEWOULDBLOCK (WSABASEERR + 35)".
    assert WIN32_ERRORS[0] == "ERROR_SUCCESS"
    assert WIN32_ALIASES[0][0] == "NO_ERROR"
    assert WIN32_ERRORS[123] == "ERROR_INVALID_NAME"
    assert "DNS_ERROR_INVALID_NAME" in WIN32_ALIASES[123]
    assert WIN32_ERRORS[10035] == "WSAEWOULDBLOCK"
    assert 10000 not in WIN32_ERRORS  # WSABASEERR is a base, not an error
    assert all(0 <= number <= 0xFFFF for number in WIN32_ERRORS)


def test_hresult_names() -> None:
    # winerror.h 2276: "#define E_FAIL _HRESULT_TYPEDEF_(0x80004005)"; 3502:
    # "#define DXGI_ERROR_DEVICE_REMOVED _HRESULT_TYPEDEF_(0x887A0005)"; 45 and 2322:
    # SEC_E_OK and S_OK, both ((HRESULT)0x00000000).
    assert HRESULT_NAMES[0x80004005] == ("E_FAIL",)
    assert HRESULT_NAMES[0x887A0005] == ("DXGI_ERROR_DEVICE_REMOVED",)
    assert HRESULT_NAMES[0x00000000] == ("SEC_E_OK", "S_OK")
    # "#define E_NOT_SUFFICIENT_BUFFER HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER)" (122)
    assert "E_NOT_SUFFICIENT_BUFFER" in HRESULT_NAMES[0x8007007A]


def test_licensing_names() -> None:
    # Listing: "pub const SL_I_NONGENUINE_GRACE_PERIOD: ... = 1074065509i32;" (0x4004F065).
    assert LICENSING_NAMES[0x4004F065] == "SL_I_NONGENUINE_GRACE_PERIOD"
    # mingw-w64 slerror.h: "#define SL_E_DEPENDENT_PROPERTY_NOT_SET 0xC004F066".
    assert LICENSING_NAMES[0xC004F066] == "SL_E_DEPENDENT_PROPERTY_NOT_SET"
    assert all(name.startswith(("SL_E_", "SL_I_", "SL_S_")) for name in LICENSING_NAMES.values())


# ---------------------------------------------------------------------------------------------
# The modules as written


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_module_says_where_it_came_from(module) -> None:
    doc = module.__doc__
    assert re.search(r"Generated by scripts/error_tables\.py on \d{4}-\d{2}-\d{2} from:", doc)
    assert "Do not edit by hand" in doc
    for what, where in module.SOURCES:
        assert what in doc
        assert where in doc
        assert what.startswith("Debian ") or what.startswith("tables/sources/")


@pytest.mark.parametrize(
    "table",
    [FACILITIES, FACILITY_ALIASES, WIN32_ERRORS, WIN32_ALIASES, HRESULT_NAMES, LICENSING_NAMES],
)
def test_tables_are_sorted_unsigned(table: dict) -> None:
    assert list(table) == sorted(table)
    assert all(0 <= key <= 0xFFFFFFFF for key in table)


def test_package_docstring_only() -> None:
    init = ROOT / "activation_kb" / "domain" / "tables" / "__init__.py"
    text = init.read_text(encoding="utf-8")
    assert text.startswith('"""') and text.rstrip().endswith('"""')
    assert text.count('"""') == 2


# ---------------------------------------------------------------------------------------------
# Against the installed headers and the listings, read here with regular expressions of the
# test's own (not the script's parser)


def test_winerror_h_defines_are_in_the_tables() -> None:
    text = _installed(MINGW_INCLUDE / "winerror.h", "mingw-w64-common").read_text(
        encoding="utf-8", errors="replace"
    )
    win32_lines = re.findall(
        r"^#define ((?:ERROR|RPC_S|DNS_ERROR)_\w+) __MSABI_LONG\((\d+)\)$", text, re.M
    )
    hresult_lines = re.findall(
        r"^#define (\w+)\s+_HRESULT_TYPEDEF_\((0x[0-9A-Fa-f]{8})L?\)\s*$", text, re.M
    )
    facility_lines = re.findall(r"^#define (FACILITY_\w+) (\d+)$", text, re.M)
    assert len(win32_lines) > 1900
    assert len(hresult_lines) > 1300
    assert len(facility_lines) > 30
    for name, number in win32_lines:
        number = int(number)
        assert name in (WIN32_ERRORS[number], *WIN32_ALIASES.get(number, ())), name
    for name, value in hresult_lines:
        assert name in HRESULT_NAMES[int(value, 16)], name
    for name, number in facility_lines:
        number = int(number)
        assert name in (FACILITIES[number], *FACILITY_ALIASES.get(number, ())), name


def test_slerror_h_defines_are_in_the_table() -> None:
    text = _installed(MINGW_INCLUDE / "slerror.h", "mingw-w64-common").read_text(encoding="utf-8")
    lines = re.findall(r"^#define (SL_E_\w+) (0x[0-9A-Fa-f]{8})$", text, re.M)
    assert len(lines) == 6
    for name, value in lines:
        assert LICENSING_NAMES[int(value, 16)] == name


def test_winapi_winerror_rs_facilities_and_errors_are_in_the_tables() -> None:
    text = _installed(WINAPI_WINERROR, "librust-winapi-dev").read_text(encoding="utf-8")
    for name, number in re.findall(r"^pub const (FACILITY_\w+): HRESULT = (\d+);$", text, re.M):
        number = int(number)
        assert name in (FACILITIES[number], *FACILITY_ALIASES.get(number, ())), name
    errors = re.findall(r"^pub const (ERROR_\w+): DWORD = (\d+);$", text, re.M)
    assert len(errors) > 2000
    for name, number in errors:
        number = int(number)
        assert name in (WIN32_ERRORS[number], *WIN32_ALIASES.get(number, ())), name


def _listing(name: str) -> list[tuple[str, int]]:
    text = (ROOT / "tables" / "sources" / name).read_text(encoding="utf-8")
    assert re.search(r"^# origin: https://github\.com/\S+$", text, re.M)
    assert re.search(r"^# read: \d{4}-\d{2}-\d{2}", text, re.M)
    return [
        (row[0], int(row[1], 0))
        for row in (line.split("\t") for line in text.splitlines() if not line.startswith("#"))
    ]


def test_facility_listing_is_in_the_table() -> None:
    rows = _listing("facility-names.tsv")
    assert len(rows) == 155
    for name, number in rows:
        assert name in (FACILITIES[number], *FACILITY_ALIASES.get(number, ())), name


def test_sl_listing_is_the_table() -> None:
    rows = _listing("slerror-names.tsv")
    assert len(rows) == 292
    assert [name for name, _ in rows] == sorted(name for name, _ in rows)
    assert {value: name for name, value in rows} == LICENSING_NAMES


def test_modules_are_what_the_script_writes() -> None:
    """scripts/error_tables.py --check: the committed modules are its output for the installed
    packages (skipped where their versions differ from the ones the modules name)."""
    if shutil.which("dpkg-query") is None:
        pytest.skip("no dpkg-query: not a Debian machine")
    for module in MODULES:
        for what, _ in module.SOURCES:
            if not what.startswith("Debian "):
                continue
            _, package, version = what.split(" ")
            found = subprocess.run(
                ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True
            )
            if found.returncode != 0:
                pytest.skip(f"{package} is not installed: `make tables` installs it")
            if found.stdout.strip() != version:
                pytest.skip(
                    f"{package} {found.stdout.strip()} installed, the tables name {version}"
                )
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "error_tables.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------------------------------------
# The script's reading of headers, on made-up text (runs without any package installed)


@functools.cache
def _script():
    """scripts/error_tables.py as a module (scripts/ is not a package)."""
    name = "scripts_error_tables"
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "error_tables.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


HEADER = """\
#define FACILITY_NT_BIT 0x10000000
#define FACILITY_ITF 4
#define FACILITY_WIN32 7
#define ERROR_SUCCESS __MSABI_LONG(0)
#define NO_ERROR __MSABI_LONG(0)
#define ERROR_INSUFFICIENT_BUFFER __MSABI_LONG(122)   /* a comment */
/*#define ERROR_COMMENTED_OUT __MSABI_LONG(13884)*/
#define DNS_ERROR_MASK 0x00002328
#define DRAGDROP_E_FIRST __MSABI_LONG(0x80040100)
#define WSABASEERR 10000
#define WSAEWOULDBLOCK (WSABASEERR + 35)
#define DNS_ERROR_NO_MEMORY ERROR_INSUFFICIENT_BUFFER
#define HRESULT_CODE(hr) ((hr) & 0xFFFF)
#define S_OK ((HRESULT)0x00000000L)
#define E_FAIL _HRESULT_TYPEDEF_(0x80004005L)
#define E_NOT_SUFFICIENT_BUFFER HRESULT_FROM_WIN32(ERROR_INSUFFICIENT_BUFFER)
#define SEC_E_NOT_SUPPORTED E_FAIL
#define NOERROR 0
"""


def test_script_reads_defines_as_winerror_h_writes_them() -> None:
    script = _script()
    defines = script.read_defines(HEADER)
    assert "HRESULT_CODE" not in defines  # function-like
    assert "ERROR_COMMENTED_OUT" not in defines
    kinds = script.classify_defines(defines)
    assert kinds == {
        "FACILITY_NT_BIT": "facility",  # a number; build_tables drops it (>= 0x2000)
        "FACILITY_ITF": "facility",
        "FACILITY_WIN32": "facility",
        "ERROR_SUCCESS": "win32",
        "NO_ERROR": "win32",
        "ERROR_INSUFFICIENT_BUFFER": "win32",
        "WSAEWOULDBLOCK": "win32",
        "DNS_ERROR_NO_MEMORY": "win32",
        "S_OK": "hresult",
        "E_FAIL": "hresult",
        "E_NOT_SUFFICIENT_BUFFER": "hresult",
        "SEC_E_NOT_SUPPORTED": "hresult",
    }
    value = script.Evaluator(defines).value
    assert value("WSAEWOULDBLOCK") == 10035
    assert value("DNS_ERROR_NO_MEMORY") == 122
    assert value("E_FAIL") == value("SEC_E_NOT_SUPPORTED") == 0x80004005
    assert value("E_NOT_SUFFICIENT_BUFFER") == 0x8007007A
    assert value("S_OK") == 0


def test_script_reads_winapi_constants() -> None:
    script = _script()
    text = (
        "pub const FACILITY_DXGI: HRESULT = 2170;\n"
        "pub const ERROR_ACCESS_DENIED: DWORD = 5;\n"
        "pub const DNS_ERROR_NO_MEMORY: DWORD = ERROR_ACCESS_DENIED;\n"
        "pub const E_ACCESSDENIED: HRESULT = 0x80070005;\n"
        "pub const SCARD_S_SUCCESS: HRESULT = NO_SUCH_NAME as i32;\n"
        "pub fn SUCCEEDED(hr: HRESULT) -> bool {\n"
    )
    consts = script.read_rust_consts(text)
    assert consts == [
        ("FACILITY_DXGI", "HRESULT", 2170),
        ("ERROR_ACCESS_DENIED", "DWORD", 5),
        ("DNS_ERROR_NO_MEMORY", "DWORD", 5),
        ("E_ACCESSDENIED", "HRESULT", 0x80070005),
    ]
    assert [script.classify_rust(*c) for c in consts] == ["facility", "win32", "win32", "hresult"]


def test_script_writes_modules_that_hold_the_tables(tmp_path: Path) -> None:
    script = _script()
    (tmp_path / "winerror.h").write_text(HEADER, encoding="utf-8")
    (tmp_path / "slerror.h").write_text("#define SL_E_NOT_SUPPORTED 0xC004F016\n", "utf-8")
    (tmp_path / "winerror.rs").write_text(
        "pub const FACILITY_SECURITY: HRESULT = 9;\npub const FACILITY_SSPI: HRESULT = 9;\n"
        "pub const E_FAIL: HRESULT = 0x80004006;\n",  # disagrees with the header: header wins
        "utf-8",
    )
    origin = "# origin: https://github.com/example/example/blob/0/file\n"
    (tmp_path / "facility-names.tsv").write_text(origin + "FACILITY_DXGI\t2170\n", "utf-8")
    (tmp_path / "slerror-names.tsv").write_text(
        origin + "SL_E_VL_BINDING_SERVICE_UNAVAILABLE\t0xC004F074\n", "utf-8"
    )

    def debian(name: str) -> object:
        return script.Source("Debian test-package 1.0", f"/x/{name}", tmp_path / name)

    inputs = script.Inputs(
        winerror=debian("winerror.h"),
        slerror=debian("slerror.h"),
        winapi=debian("winerror.rs"),
        facility_listing=script.listing_source(tmp_path / "facility-names.tsv"),
        sl_listing=script.listing_source(tmp_path / "slerror-names.tsv"),
    )
    tables = script.build_tables(inputs)
    assert tables["hresult"].conflicts  # E_FAIL 0x80004005 against 0x80004006
    modules = script.render_all(tables, "2000-01-02")
    names: dict[str, dict] = {}
    for file, text in modules.items():
        assert "2000-01-02" in text or file == "__init__.py"
        namespace: dict = {}
        exec(compile(text, file, "exec"), namespace)
        names[file] = namespace
    assert names["facilities.py"]["FACILITIES"] == {
        4: "FACILITY_ITF",
        7: "FACILITY_WIN32",
        9: "FACILITY_SECURITY",
        2170: "FACILITY_DXGI",
    }
    assert names["facilities.py"]["FACILITY_ALIASES"] == {9: ("FACILITY_SSPI",)}
    assert names["win32.py"]["WIN32_ERRORS"] == {
        0: "ERROR_SUCCESS",
        122: "ERROR_INSUFFICIENT_BUFFER",
        10035: "WSAEWOULDBLOCK",
    }
    assert names["win32.py"]["WIN32_ALIASES"] == {
        0: ("NO_ERROR",),
        122: ("DNS_ERROR_NO_MEMORY",),
    }
    assert names["hresults.py"]["HRESULT_NAMES"] == {
        0x00000000: ("S_OK",),
        0x80004005: ("E_FAIL", "SEC_E_NOT_SUPPORTED"),
        0x8007007A: ("E_NOT_SUFFICIENT_BUFFER",),
    }
    assert names["licensing.py"]["LICENSING_NAMES"] == {
        0xC004F016: "SL_E_NOT_SUPPORTED",
        0xC004F074: "SL_E_VL_BINDING_SERVICE_UNAVAILABLE",
    }
    assert names["facilities.py"]["hresult_facility"](0x887A0005) == 2170
