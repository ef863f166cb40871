# axe-core for the accessibility tests (tests/site/test_accessibility.py), fetched from the
# npm registry by npm (which checks the tarball's integrity) into build/npm/, git-ignored.
# The tests put build/npm/node_modules/axe-core/axe.min.js into the pages from that file;
# nothing is loaded from a CDN. To merge into the Makefile: `include scripts/a11y.mk`, and
# `axe` among the prerequisites of `test` (test: $(STAMP) chromium nginx axe).
AXE_CORE := 4.10.3
AXE_JS   := build/npm/node_modules/axe-core/axe.min.js

.PHONY: axe

# npm from Debian when missing (as chromium and nginx are); axe-core installed again only
# when the installed version is not the pinned one.
axe:
	@command -v npm >/dev/null 2>&1 || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }
	@installed=$$(node -p 'require("./build/npm/node_modules/axe-core/package.json").version' 2>/dev/null); \
	if [ "$$installed" != "$(AXE_CORE)" ] || [ ! -f $(AXE_JS) ]; then \
	  mkdir -p build/npm && \
	  npm install --silent --save-exact --no-audit --no-fund --prefix build/npm axe-core@$(AXE_CORE) && \
	  echo "build/npm: axe-core $(AXE_CORE)"; \
	fi
