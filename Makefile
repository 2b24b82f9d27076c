# The README's two commands are `make run` and `make test`. `make check` is the quick loop while you work.
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
PUBLIC_DATA_DIR ?= ../shared/public
export PUBLIC_DATA_DIR
STORE := data/store.duckdb
# The store is rebuilt when any of its inputs is newer than it.
STORE_INPUTS := $(shell find data geo -type f \( -name '*.csv' -o -name '*.sql' -o -name '*.py' \) -not -path '*/__pycache__/*' 2>/dev/null) \
                $(shell find $(PUBLIC_DATA_DIR) -type f 2>/dev/null) \
                $(wildcard var/uploads/manifest.json)

.PHONY: run test check store venv dev-venv chromium lint bench clean static
# The charts' renderer: plotly.js partial bundles from the npm registry (pinned version and checksums in
# dashboard/ui/plotly_bundles.py), copied into static/ (git-ignored). Fails loudly without npm or on a
# checksum mismatch; the server refuses to start without them.
BUNDLES := static/plotly-basic.min.js static/plotly-geo.min.js

$(BIN)/.installed: requirements.txt
	@command -v $(PY) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PY) not found)"; exit 1; }
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	touch $@

$(BIN)/.dev-installed: $(BIN)/.installed requirements-dev.txt
	$(BIN)/pip install --disable-pip-version-check -q -r requirements-dev.txt
	touch $@

venv: $(BIN)/.installed
dev-venv: $(BIN)/.dev-installed

chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  echo "Installing Debian chromium (browser tests and image export need it)"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium poppler-utils >/dev/null; \
	fi
	@command -v pdftoppm >/dev/null 2>&1 || { export DEBIAN_FRONTEND=noninteractive; SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$SUDO apt-get install -y -qq poppler-utils >/dev/null; }

$(STORE): $(BIN)/.installed $(STORE_INPUTS)
	$(BIN)/python -m data.build

store: $(BIN)/.installed
	$(BIN)/python -m data.build

$(BUNDLES) &: dashboard/ui/plotly_bundles.py | $(BIN)/.installed
	@command -v npm >/dev/null 2>&1 || { echo "npm is required for the chart bundles (apt-get install npm)"; exit 1; }
	$(BIN)/python -m dashboard.ui.plotly_bundles
	@touch $(BUNDLES)

static: $(BUNDLES)

run: $(STORE) $(BUNDLES)
	$(BIN)/python -m dashboard.serve --server.headless true --server.port $(PORT)

test: dev-venv chromium $(STORE) $(BUNDLES)
	$(BIN)/python -m pytest -n 2 --dist loadfile -q

lint: dev-venv
	$(BIN)/ruff check .

# ruff (lint and format) and the tests that need neither a browser, nor AppTest, nor a store build of their
# own, and are not marked slow (those are in `make test`): under a minute.
check: dev-venv $(STORE) $(BUNDLES)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n 2 -q -m "not browser and not apptest and not store_build and not slow"

bench: dev-venv chromium $(STORE) $(BUNDLES)
	$(BIN)/python -m bench.run

clean:
	rm -rf $(STORE) build test-artifacts
