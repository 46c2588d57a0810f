# Réseau PVD: `make run` sets everything up and serves; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PVD_PORT ?= 5000
PVD_DEMO ?= 1
export FLASK_APP := wsgi
export PVD_PORT

VENDOR_STAMP := static/vendor/.stamp
NODE_STAMP := node_modules/.stamp
PY_STAMP := $(VENV)/.stamp-runtime
DEV_STAMP := $(VENV)/.stamp-dev
PO_FILES := $(wildcard pvd_network/translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test lint bench install install-dev translations-extract browser java clean

run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask geo import
	@if [ "$(PVD_DEMO)" != "0" ]; then $(BIN)/flask demo seed; fi
	$(BIN)/flask search sync
	@echo "Réseau PVD: http://127.0.0.1:$(PVD_PORT)"
	exec $(BIN)/gunicorn --workers 2 --bind 127.0.0.1:$(PVD_PORT) --access-logfile - wsgi:app

install: $(PY_STAMP) $(VENDOR_STAMP) $(MO_FILES)

install-dev: install $(DEV_STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(PY_STAMP): setup.cfg pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[postgres]'
	touch $@

$(DEV_STAMP): $(PY_STAMP) setup.cfg
	$(BIN)/pip install --quiet -e '.[dev,postgres]'
	touch $@

$(NODE_STAMP): package.json package-lock.json .dsfr.yml
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The DSFR files the pages use are copied (never committed) under static/vendor/.
$(VENDOR_STAMP): $(NODE_STAMP)
	rm -rf static/vendor
	mkdir -p static/vendor/dsfr
	cp -R node_modules/@gouvfr/dsfr/dist/. static/vendor/dsfr/
	find static/vendor -name '*.map' -delete
	rm -rf static/vendor/dsfr/legacy static/vendor/dsfr/*.legacy*
	touch $@

%.mo: %.po | $(PY_STAMP)
	$(BIN)/pybabel compile --use-fuzzy -i $< -o $@

translations-extract: $(PY_STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l --ignore-dirs=".* node_modules static" -o pvd_network/translations/messages.pot .
	$(BIN)/pybabel update -i pvd_network/translations/messages.pot -d pvd_network/translations --no-fuzzy-matching

# Browser tests drive Debian's Chromium; the HTML validator (vnu.jar) needs a Java runtime.
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	  else echo "Chromium is missing: run 'sudo apt-get install chromium' (Debian), then 'make test' again." >&2; exit 1; fi; }

java:
	@command -v java >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q default-jre-headless; \
	  else echo "Java is missing (needed by the HTML validator): run 'sudo apt-get install default-jre-headless'." >&2; exit 1; fi; }

test: install-dev browser java
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .

bench: install-dev
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) node_modules static/vendor .pytest_cache
