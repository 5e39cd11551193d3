# vizkit: two commands on a fresh machine (Python 3.11+, package registries only).
#   make demo   create .venv, install vizkit with everything the demos need, write the demo pages
#               and the notebooks rendered as static classroom pages
#   make test   the same install, then the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
# CPU build of torch: pinned so that pip never pulls a multi-GB CUDA build.
TORCH  ?= torch==2.13.0
STAMP  := $(VENV)/.vizkit-installed

.PHONY: install browser fonts demo test bench check-js vendor-plotly vendor-js clean

$(STAMP): pyproject.toml Makefile
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "vizkit needs Python 3.11+; run: make PYTHON=python3.11 ...")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet "$(TORCH)"
	$(PY) -m pip install --quiet -e ".[all,test]"
	@touch $(STAMP)

install: $(STAMP)

demo: install
	$(PY) -m vizkit demo --out out
	$(PY) -m vizkit classroom notebooks --out out/classroom

# Browser tests drive Debian's Chromium with Playwright (never a downloaded browser).
# Installed here with apt-get when it is missing and we may (root, or sudo without a
# password); elsewhere the browser tests say why they are skipped (set VIZKIT_CHROMIUM
# to use another Chromium or Chrome).
browser:
	@if [ -n "$$VIZKIT_CHROMIUM" ] || command -v chromium >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && { [ "$$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then \
	  S=$$([ "$$(id -u)" = 0 ] || echo "sudo -n"); \
	  echo "installing Debian's chromium for the browser tests"; \
	  $$S apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$S apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else echo "note: no Chromium and no way to apt-get it here: browser tests will be skipped"; fi

# A CJK font, so that Chinese labels in matplotlib figures, GIFs and Chromium screenshots are drawn with
# real glyphs (tests/test_fonts.py checks it): Debian's small WenQuanYi Micro Hei, installed like Chromium.
fonts:
	@if fc-list :lang=zh 2>/dev/null | grep -q .; then :; \
	elif command -v apt-get >/dev/null 2>&1 && { [ "$$(id -u)" = 0 ] || sudo -n true 2>/dev/null; }; then \
	  S=$$([ "$$(id -u)" = 0 ] || echo "sudo -n"); \
	  echo "installing Debian's fonts-wqy-microhei (a CJK font) for the figure tests"; \
	  $$S apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$S apt-get install -y -qq fonts-wqy-microhei >/dev/null; \
	else echo "note: no CJK font and no way to apt-get one here: the CJK figure tests will be skipped"; fi

test: install browser fonts
	$(PY) -m pytest

bench: install
	$(PY) benchmarks/core.py

# The front end's // @ts-check files type-checked by TypeScript (fetched from the npm registry by npx), and its
# unit tests run by node's own runner (make test runs those too).
check-js:
	npx --yes -p typescript@5.9 tsc --noEmit --allowJs --checkJs --target es2022 --lib es2022,dom vizkit/render/js/*.js
	node --test tests/js

# Maintainers, after upgrading plotly.py: plotly's partial bundles (basic, cartesian, gl3d) packed again from
# the npm registry at plotly.py's plotly.js version, checked against their integrity (vizkit/render/vendor).
vendor-plotly: install
	$(PY) -m vizkit.render._vendor plotly

# Maintainers, after changing vendor-js/package.json (then `npm install` there to update its lock file): the
# front end's other libraries (regl-scatterplot) bundled again from the pinned packages (vizkit/render/vendor).
vendor-js: install
	$(PY) -m vizkit.render._vendor js

clean:
	rm -rf out .pytest_cache .cache-test
