# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTHON_VERSION := $(shell cat .python-version)
# pyenv provides the interpreter named by .python-version; a system python3.12 works too.
BASE_PYTHON := $(shell command -v python$(PYTHON_VERSION) 2>/dev/null || pyenv which python$(PYTHON_VERSION) 2>/dev/null)
CHROMIUM := /usr/bin/chromium

.PHONY: run test bench install-run install-test install-node chromium migrate demo serve

$(PY):
	@test -n "$(BASE_PYTHON)" || { echo "Python $(PYTHON_VERSION) introuvable (installez-le, par exemple avec pyenv)"; exit 1; }
	$(BASE_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=25.1"

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --group run
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --group test
	touch $@ $(VENV)/.installed-run

install-run: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test

# The accessibility audit engine (axe-core) comes from npm, pinned by package-lock.json;
# `npm ci` reinstalls it exactly whenever the lock file changes.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install-node: node_modules/.installed

# Browser tests drive Debian's Chromium (Playwright's own download is not used).
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; \
	fi

migrate: install-run
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

serve:
	$(PY) manage.py runserver 127.0.0.1:8000

run: demo serve

test: install-test install-node chromium
	$(PY) -m pytest $(PYTEST_ARGS)

# Benchmarks print figures (never asserted in tests): every bench/bench_*.py in turn.
bench: install-test
	@for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done
