"""The 30 codes the knowledge base documents, with the facts Windows' headers give them,
written by hand from the header lines cited below (not from the tables or the code that
reads them): tests/test_error_tables.py checks the tables against them, tests/test_hresult.py
and the tests of the pages, codes.json and ``kb lookup`` what those show.
"""

from __future__ import annotations

# The knowledge base's documented codes: facility, Win32 symbol, SL name, HRESULT names.
#
# winerror.h (mingw-w64-common 10.0.0-3) lines used below:
#   19  #define FACILITY_SSPI 9            22  #define FACILITY_SECURITY 9
#   24  #define FACILITY_WIN32 7           31  #define FACILITY_ITF 4
#   50  #define ERROR_ACCESS_DENIED __MSABI_LONG(5)
#   136 #define ERROR_INVALID_NAME __MSABI_LONG(123)
#   382 #define ERROR_NOT_FOUND __MSABI_LONG(1168)
#   719 #define RPC_S_SERVER_UNAVAILABLE __MSABI_LONG(1722)
#   1548 #define DNS_ERROR_RCODE_SERVER_FAILURE __MSABI_LONG(9002)
#   1549 #define DNS_ERROR_RCODE_NAME_ERROR __MSABI_LONG(9003)
#   1562 #define DNS_INFO_NO_RECORDS __MSABI_LONG(9501)
#   2277 #define E_ACCESSDENIED _HRESULT_TYPEDEF_(0x80070005)
# The SL names: windows-rs crates/libs/sys/src/Windows/Win32/Security/Authentication/Identity/
# mod.rs (commit 00193112ab5f), lines "pub const NAME: ::windows_sys::core::HRESULT = <i32>;";
# the signed value it gives is the last column, and the test checks it is the same number.
# The 0xC004B... and 0xC004C... ones also read, in a copy of the SDK's slerror.h, as
# "#define SL_E_CHPA_PRODUCT_KEY_BLOCKED ((HRESULT)0xC004C003L)" and so on.

DOCUMENTED = [
    # code, facility name, Win32 symbol, SL name, HRESULT names, SL value as the listing gives it
    (0x8004FE21, "FACILITY_ITF", None, None, (), None),  # 31
    (0x80070005, "FACILITY_WIN32", "ERROR_ACCESS_DENIED", None, ("E_ACCESSDENIED",), None),  # 50
    (0x8007007B, "FACILITY_WIN32", "ERROR_INVALID_NAME", None, (), None),  # 136
    (0x80070490, "FACILITY_WIN32", "ERROR_NOT_FOUND", None, (), None),  # 382
    (0x800706BA, "FACILITY_WIN32", "RPC_S_SERVER_UNAVAILABLE", None, (), None),  # 719
    (0x8007232A, "FACILITY_WIN32", "DNS_ERROR_RCODE_SERVER_FAILURE", None, (), None),  # 1548
    (0x8007232B, "FACILITY_WIN32", "DNS_ERROR_RCODE_NAME_ERROR", None, (), None),  # 1549
    (0x8007251D, "FACILITY_WIN32", "DNS_INFO_NO_RECORDS", None, (), None),  # 1562
    (0x80092328, "FACILITY_SSPI", None, None, (), None),  # 19 (and 22: FACILITY_SECURITY)
    (0xC004B100, "FACILITY_ITF", None, "SL_E_SRV_GENERAL_ERROR", (), -1073434368),
    (0xC004C001, "FACILITY_ITF", None, "SL_E_CHPA_PRODUCT_KEY_OUT_OF_RANGE", (), -1073430527),
    (0xC004C003, "FACILITY_ITF", None, "SL_E_CHPA_PRODUCT_KEY_BLOCKED", (), -1073430525),
    (0xC004C008, "FACILITY_ITF", None, "SL_E_CHPA_MAXIMUM_UNLOCK_EXCEEDED", (), -1073430520),
    (0xC004C020, "FACILITY_ITF", None, "SL_E_CHPA_DMAK_LIMIT_EXCEEDED", (), -1073430496),
    (0xC004C021, "FACILITY_ITF", None, "SL_E_CHPA_DMAK_EXTENSION_LIMIT_EXCEEDED", (), -1073430495),
    (0xC004F009, "FACILITY_ITF", None, "SL_E_GRACE_TIME_EXPIRED", (), -1073418231),
    (0xC004F00F, "FACILITY_ITF", None, "SL_E_OUT_OF_TOLERANCE", (), -1073418225),
    (0xC004F014, "FACILITY_ITF", None, "SL_E_PKEY_NOT_INSTALLED", (), -1073418220),
    (0xC004F02C, "FACILITY_ITF", None, "SL_E_CIDIID_INVALID_DATA", (), -1073418196),
    (0xC004F035, "FACILITY_ITF", None, "SL_E_VL_NOT_WINDOWS_SLP", (), -1073418187),
    (0xC004F038, "FACILITY_ITF", None, "SL_E_VL_NOT_ENOUGH_COUNT", (), -1073418184),
    (0xC004F039, "FACILITY_ITF", None, "SL_E_VL_BINDING_SERVICE_NOT_ENABLED", (), -1073418183),
    (
        0xC004F041,
        "FACILITY_ITF",
        None,
        "SL_E_VL_KEY_MANAGEMENT_SERVICE_NOT_ACTIVATED",
        (),
        -1073418175,
    ),
    (
        0xC004F042,
        "FACILITY_ITF",
        None,
        "SL_E_VL_KEY_MANAGEMENT_SERVICE_ID_MISMATCH",
        (),
        -1073418174,
    ),
    (0xC004F050, "FACILITY_ITF", None, "SL_E_INVALID_PRODUCT_KEY", (), -1073418160),
    (0xC004F051, "FACILITY_ITF", None, "SL_E_BLOCKED_PRODUCT_KEY", (), -1073418159),
    (0xC004F064, "FACILITY_ITF", None, "SL_E_NONGENUINE_GRACE_TIME_EXPIRED", (), -1073418140),
    # No SL name has 0xC004F065; SL_I_NONGENUINE_GRACE_PERIOD is 0x4004F065 (1074065509).
    (0xC004F065, "FACILITY_ITF", None, None, (), None),
    (0xC004F06C, "FACILITY_ITF", None, "SL_E_VL_INVALID_TIMESTAMP", (), -1073418132),
    (0xC004F074, "FACILITY_ITF", None, "SL_E_VL_BINDING_SERVICE_UNAVAILABLE", (), -1073418124),
]

WIN32_ALIASES = {123: ("DNS_ERROR_INVALID_NAME",)}
"""The other names of the documented Win32 errors: winerror.h line 1569,
"#define DNS_ERROR_INVALID_NAME ERROR_INVALID_NAME"; the other six have none (lines 50, 382,
719, 1548, 1549, 1562 are their only defines in winerror.h and winapi's winerror.rs)."""


def expected_names(code: int) -> list[str]:
    """The names a documented code must show, in the order the pages give them: its SL name,
    its HRESULT names, then for 0x8007xxxx the Win32 symbol and its aliases."""
    (row,) = [row for row in DOCUMENTED if row[0] == code]
    _, _, symbol, sl_name, hresult_names, _ = row
    names = [sl_name] if sl_name else []
    names += [name for name in hresult_names if name not in names]
    if symbol:
        names += [symbol, *WIN32_ALIASES.get(code & 0xFFFF, ())]
    return names

