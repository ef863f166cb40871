# The error tables (activation_kb/domain/tables/) and the Debian packages they are made from.
# To merge into the Makefile: add tables, tables-check and tables-deps to .PHONY, and
# tables-deps to the prerequisites of test (tests/test_error_tables.py reads the headers and
# skips those tests where the packages are missing).
#
#   make tables        install the packages if missing, write the modules
#   make tables-check  the same inputs, but only say whether the modules are up to date
#
# The script needs only Python's standard library, so it runs without the venv.

TABLES_PACKAGES := mingw-w64-common librust-winapi-dev

tables: tables-deps
	$(PYTHON) scripts/error_tables.py

tables-check: tables-deps
	$(PYTHON) scripts/error_tables.py --check

# mingw-w64-common: winerror.h and slerror.h; librust-winapi-dev: winapi's winerror.rs.
tables-deps:
	@missing=""; for p in $(TABLES_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed$$' \
	    || missing="$$missing $$p"; done; \
	test -z "$$missing" || { apt-get update -qq \
	  && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; }
