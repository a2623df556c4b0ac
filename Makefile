# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTHON_VERSION := $(shell cat .python-version)
# pyenv provides the interpreter named by .python-version; a system python3.12 works too.
BASE_PYTHON := $(shell command -v python$(PYTHON_VERSION) 2>/dev/null || pyenv which python$(PYTHON_VERSION) 2>/dev/null)
CHROMIUM := /usr/bin/chromium

.PHONY: run test bench install-run install-test install-node chromium migrate demo serve lock prod-check

$(PY):
	@test -n "$(BASE_PYTHON)" || { echo "Python $(PYTHON_VERSION) introuvable (installez-le, par exemple avec pyenv)"; exit 1; }
	$(BASE_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=25.1"

# Every machine installs the versions pinned, with their hashes, in requirements/*.txt.
$(VENV)/.installed-run: requirements/run.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/run.txt
	touch $@

$(VENV)/.installed-test: requirements/test.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/test.txt
	touch $@ $(VENV)/.installed-run

# After a change of the dependency groups in pyproject.toml: `make lock` pins the new set and
# keeps the other pins; `make lock UPGRADE=1` moves every package to its newest allowed version.
# The test group is resolved within the run pins, so both files agree.
UV_COMPILE = $(VENV)/bin/uv pip compile --quiet --universal --python-version $(PYTHON_VERSION) \
	--generate-hashes $(if $(UPGRADE),--upgrade)
lock: | $(PY)
	$(PY) -m pip install --quiet --group lock
	$(UV_COMPILE) --group pyproject.toml:run -o requirements/run.txt
	$(UV_COMPILE) --group pyproject.toml:test -c requirements/run.txt -o requirements/test.txt

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

# runserver, plus a task worker when tasks are queued in the database (PostgreSQL).
serve:
	$(PY) manage.py serve 127.0.0.1:8000

run: demo serve

test: install-test install-node chromium
	$(PY) -m pytest $(PYTEST_ARGS)

# The production stack (gunicorn, two task workers, PostgreSQL database ort_prodcheck, DEBUG=0)
# on 127.0.0.1, a smoke test through it, then everything stops; the exit code tells.
prod-check: install-run
	$(PY) deploy/prod_check.py

# Benchmarks print figures (never asserted in tests): every bench/bench_*.py in turn.
bench: install-test
	@for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done
