# Two commands for a newcomer: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# make run is for a newcomer's machine: DEBUG on unless the environment says otherwise.
RUN_ENV := DEBUG=$${DEBUG:-1}

.PHONY: run test test-sqlite test-postgres install lint bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py collectstatic --noinput -v 0
	$(RUN_ENV) $(PY) manage.py ingest fixtures/seeds
	$(RUN_ENV) $(VENV)/bin/gunicorn briefs_site.wsgi --bind $(HOST):$(PORT) --workers 2

test: $(STAMP)
	scripts/install-system-deps.sh
	@echo "== Lint (ruff) and import contracts (import-linter, see pyproject.toml)"
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	@echo "== Test suite on SQLite"
	env -u DATABASE_URL $(PY) -m pytest -p no:cacheprovider
	@echo "== Test suite on PostgreSQL"
	scripts/with-postgres.sh $(PY) -m pytest -p no:cacheprovider

test-sqlite: $(STAMP)
	env -u DATABASE_URL $(PY) -m pytest

test-postgres: $(STAMP)
	scripts/with-postgres.sh $(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	$(PY) scripts/bench_ingest.py
	$(PY) scripts/bench_ingest_folder.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
