# Two commands for a fresh Debian machine with Python 3.11:
#   make build   installs everything and builds the site into site/ (--strict)
#   make test    installs everything (Debian's chromium included) and runs every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: build serve test install system-deps node-tools lint lint-js check schema bench clean properdocs

build: install
	$(BIN)/mkdocs build --strict

serve: install
	$(BIN)/mkdocs serve

test: install system-deps lint-js
	$(BIN)/ruff check .
	$(BIN)/python -m kb_build schema --check
	$(BIN)/python -m kb_build check
	$(BIN)/python -m pytest

# node_modules: Pagefind, which `mkdocs build` runs to index the site, and eslint.
install: $(VENV)/.installed node_modules/.package-lock.json

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade "pip>=24"
	$(BIN)/python -m pip install -q -r requirements.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

# The exit path off MkDocs 1.x: build with ProperDocs (the maintained 1.x fork) in its own venv,
# run the build checks on its output, and compare it file by file with MkDocs' build.
# Not part of `make test` (which stays on the pinned MkDocs); the PR workflow runs it.
PD_VENV := .venv-properdocs
properdocs: system-deps node_modules/.package-lock.json
	test -x $(PD_VENV)/bin/python || $(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/python -m pip install -q --upgrade "pip>=24"
	$(PD_VENV)/bin/python -m pip install -q -r requirements.lock -r requirements-properdocs.txt
	$(PD_VENV)/bin/python -m pip install -q --no-deps -e .
	KB_BUILDER=properdocs $(PD_VENV)/bin/python -m pytest -q -p no:cacheprovider \
	  tests/test_engine_parity.py tests/test_site_build.py tests/test_determinism.py tests/test_escaping_built_site.py

# Browser tests drive Debian's Chromium (never a downloaded browser); node runs the JS test vectors.
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! command -v node >/dev/null || ! fc-list 2>/dev/null | grep -qi "wenquanyi"; then \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-wqy-zenhei nodejs; \
	fi
	@# Debian packages npm apart from nodejs (a nodejs that bundles npm needs nothing more).
	@if ! command -v npm >/dev/null; then \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq npm; \
	fi

# Only node and npm (no browser), for `make build`: Pagefind and eslint come from npm.
node-tools:
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm; \
	fi

# npm packages (eslint; pagefind with its extended binary for Chinese), pinned in package.json /
# package-lock.json; npm ci runs again only when the lock changes.
node_modules/.package-lock.json: package-lock.json package.json | node-tools
	npm ci --no-audit --no-fund
	touch $@

lint-js: system-deps node_modules/.package-lock.json
	npx --no-install eslint docs/javascripts tests/js eslint.config.js

check: install
	$(BIN)/python -m kb_build check

schema: install
	$(BIN)/python -m kb_build schema

lint: install
	$(BIN)/ruff check .

bench: install system-deps
	$(BIN)/python benchmarks/build_bench.py

clean:
	rm -rf site .cache $(VENV) $(PD_VENV) docs/violations docs/strategies docs/warnings docs/poa docs/glossary
