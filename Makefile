# The two commands a newcomer needs: `make site` and `make test`.
# Everything runs inside .venv, created from the pinned lock when missing or stale.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
KB     := $(BIN)/kb
STAMP  := $(VENV)/.installed

# Material's and MkDocs' end-of-life banners, silenced by their documented variables.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: site test test-fast lint serve clean venv chromium nginx screenshots bench vendor tables tables-check tables-deps axe lighthouse

site: $(STAMP)
	$(KB) build
	$(KB) linkcheck site --report build/external-links.txt

# Tests run in one process per core, at most 4 (each may build sites and drive a browser);
# a module's tests stay together, sharing its browser and fixtures. TEST_WORKERS=0: one process.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ "$$n" -gt 4 ] && n=4; echo $$n)
PYTEST := $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

test: lint chromium nginx tables-deps axe
	$(PYTEST)

# The edit loop: every test that needs neither a browser nor a full build, in one process
# (starting more costs more than they save here), the fuzz tests with fewer examples.
test-fast: $(STAMP)
	KB_FUZZ_EXAMPLES=20 $(BIN)/pytest -q -m "not browser and not slow" --ignore=tests/site

# Style and the layers of activation_kb (pyproject.toml's [tool.importlinter] contracts).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

serve: $(STAMP)
	$(KB) serve

venv: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# The browser tests drive Debian's chromium; Playwright cannot download its own browser here.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }

# The README's pictures of a code page in each language (docs/screenshots/).
screenshots: site chromium
	$(BIN)/python -m tests.site.screenshots site docs/screenshots

# Synthetic catalogues built for real, timed stage by stage: bench/results/latest.json and
# docs/performance.md's table. N="30 300" chooses the sizes (default 30 300 3000); N=10000 takes
# a few minutes.
bench: $(STAMP) chromium
	$(BIN)/python -m bench.run $(if $(N),--n $(N))
	$(BIN)/python -m bench.report docs/performance.md

# The iframe-worker shim of the offline bundle (vendor/iframe-worker/), fetched again from
# the npm registry; npm checks the tarball's integrity.
IFRAME_WORKER := 1.0.4
vendor:
	@tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent iframe-worker@$(IFRAME_WORKER) >/dev/null \
	  && tar xzf iframe-worker-$(IFRAME_WORKER).tgz \
	  && cp package/shim/index.js $(CURDIR)/vendor/iframe-worker/shim.js \
	  && cp package/LICENSE $(CURDIR)/vendor/iframe-worker/LICENSE \
	  && rm -rf $$tmp && echo "vendor/iframe-worker: iframe-worker $(IFRAME_WORKER)"

clean:
	rm -rf site dist build

# The error tables (activation_kb/domain/tables/), written by scripts/error_tables.py from
# Debian's mingw-w64 and winapi headers; tests/test_error_tables.py reads them too.
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

# axe-core, from the npm registry, for the accessibility tests (tests/site/test_accessibility.py).
AXE_CORE := 4.10.3
AXE_JS   := .cache/npm/node_modules/axe-core/axe.min.js

.PHONY: axe

# npm from Debian when missing (as chromium and nginx are); axe-core installed again only
# when the installed version is not the pinned one.
axe:
	@command -v npm >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	@installed=$$(node -p 'require("./.cache/npm/node_modules/axe-core/package.json").version' 2>/dev/null); \
	if [ "$$installed" != "$(AXE_CORE)" ] || [ ! -f $(AXE_JS) ]; then \
	  mkdir -p .cache/npm && \
	  npm install --silent --save-exact --no-audit --no-fund --prefix .cache/npm axe-core@$(AXE_CORE) && \
	  echo ".cache/npm: axe-core $(AXE_CORE)"; \
	fi

# Lighthouse, from the npm registry, run with Debian's chromium on the reader's pages: their
# accessibility and SEO scores, written into docs/accessibility.md with the date; fails when
# the English landing page or code page scores under 100 (tests/site/lighthouse.py). Not
# part of `make test`: a minute of runs, and a score is a report, not a contract of ours.
LIGHTHOUSE := 12.2.3

lighthouse: $(STAMP) chromium
	@command -v npm >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	@installed=$$(node -p 'require("./.cache/npm/node_modules/lighthouse/package.json").version' 2>/dev/null); \
	if [ "$$installed" != "$(LIGHTHOUSE)" ]; then \
	  mkdir -p .cache/npm && \
	  npm install --silent --save-exact --no-audit --no-fund --prefix .cache/npm lighthouse@$(LIGHTHOUSE) && \
	  echo ".cache/npm: lighthouse $(LIGHTHOUSE)"; \
	fi
	$(BIN)/python -m tests.site.lighthouse docs/accessibility.md
