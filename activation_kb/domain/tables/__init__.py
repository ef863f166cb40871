"""Tables of facts about Windows error codes, generated from public headers.

- facilities: HRESULT facility numbers → FACILITY_* names, and the facility and code of an
  HRESULT as winerror.h's macros read them;
- win32: Win32 error numbers → ERROR_*, WSA*, DNS_*, RPC_S_* ... symbols;
- hresults: HRESULT values → their names (E_*, S_*, CO_E_*, ...);
- licensing: Software Licensing HRESULT values → SL_E_* and SL_I_* names.

Each module says which file of which package (or which public listing) it was generated
from, and when. They are written by scripts/error_tables.py: do not edit them by hand;
docs/error-tables.md tells how to regenerate them.
"""
