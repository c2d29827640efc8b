# The one entry point: make run, make test, make bench, make lint.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# pip on these machines prints a harmless warning per configured local index; hide them.
QUIET_PIP := sed -u '/^WARNING: Location/d'

.PHONY: help install run setup test test-fast lint graph format messages bench backup restore clean

help:
	@echo "make run    set up everything (venv, npm, database, demo data) and serve on http://$(HOST):$(PORT)"
	@echo "make test   run the whole test suite (uses DATABASE_URL / REDIS_URL when set)"
	@echo "make lint   ruff check, the import layers (lint-imports, docs/architecture.md), migrations in step with the models"
	@echo "make graph  the import graph between the packages (Mermaid), with upward arrows and circles counted"

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt 2>&1 | $(QUIET_PIP)
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(BIN)/.installed node_modules/.installed messages

messages: $(BIN)/.installed
	@if ! ls locale/*/LC_MESSAGES/*.po >/dev/null 2>&1; then echo "no translation catalogues yet"; \
	elif command -v msgfmt >/dev/null; then DEBUG=true $(MANAGE) compilemessages -v0 --ignore=.venv --ignore=node_modules; \
	else echo "msgfmt not found (apt-get install gettext): English translations are not compiled"; fi

# The quick start: SQLite, eager Celery, emails on the console (the seed's go to var/mail/).
# Links in emails point at the server `make run` starts, unless SITE_URL is set.
# The seed prints the demo logins last.
setup: export DEBUG ?= true
setup: export SITE_URL ?= http://$(HOST):$(PORT)
setup: install
	mkdir -p var
	@if ldconfig -p >/dev/null 2>&1 && ! ldconfig -p | grep harfbuzz-subset >/dev/null; then \
		echo "hint: libharfbuzz-subset0 is missing, so WeasyPrint warns \"Using fontTools instead of HarfBuzz-Subset\": PDFs are right, only slower (apt-get install libharfbuzz-subset0)"; fi
	$(MANAGE) migrate -v0
	$(MANAGE) import_municipalities
	$(MANAGE) seed_demo

run: export DEBUG ?= true
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: setup
	$(MANAGE) runserver $(HOST):$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	DEBUG=true $(MANAGE) makemigrations --check --dry-run -v0

# The import graph between the packages, as Mermaid, with the count of upward arrows and circles (both 0).
graph: $(BIN)/.installed
	$(BIN)/python -m tests.architecture.import_graph

# The benchmark runs on its own PostgreSQL database, made fresh for each part, and its own Redis databases
# (broker 9, cache 10, as docker-compose splits them); nothing else is touched.
# BENCH_ARGS="--large 2000 --seconds 10" for a shorter run.
BENCH_DATABASE_URL ?= postgres://nettverk:nettverk@127.0.0.1:5432/nettverksadmin_bench
BENCH_ADMIN_URL = $(shell echo $(BENCH_DATABASE_URL) | sed 's#/[^/]*$$#/postgres#')
BENCH_ENV = DEBUG=true SECRET_KEY=bench-only-0123456789abcdefghijklmnopqrstuvwxyz0123456789 \
	DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/9} \
	CACHE_URL=$${BENCH_CACHE_URL:-rediscache://127.0.0.1:6379/10}
bench: install
	@command -v wrk >/dev/null || { echo "installing wrk (the load tool)"; apt-get install -y -qq wrk >/dev/null; }
	DEBUG=true $(MANAGE) collectstatic --noinput -v0
	psql "$(BENCH_ADMIN_URL)" -qc "DROP DATABASE IF EXISTS nettverksadmin_bench" -c "CREATE DATABASE nettverksadmin_bench"
	$(BENCH_ENV) $(MANAGE) bench --part dues $(BENCH_ARGS)
	psql "$(BENCH_ADMIN_URL)" -qc "DROP DATABASE IF EXISTS nettverksadmin_bench" -c "CREATE DATABASE nettverksadmin_bench"
	$(BENCH_ENV) $(MANAGE) bench --part pages $(BENCH_ARGS)

# Browser tests (Playwright + Debian's Chromium at /usr/bin/chromium): end-to-end scenarios, axe-core
# WCAG 2.1 AA checks at nb and en, keyboard and 375 px reflow. Skipped with a reason without Chromium.
.PHONY: e2e screenshots
e2e: install
	$(BIN)/python -m pytest -m e2e tests/e2e $(PYTEST_ARGS)

# Screenshots of the main pages at 1280 and 375 px into docs/screenshots/ (shown in the README),
# from the configured database (seed it first: make setup); SCREENSHOT_ARGS="--base-url http://…" for a running server.
screenshots: export DEBUG ?= true
screenshots: install
	$(MANAGE) screenshots $(SCREENSHOT_ARGS)

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf var staticfiles .pytest_cache

# Database (pg_dump -Fc, or a SQLite copy) and media files into one archive in BACKUP_DIR (var/backups/).
backup: export DEBUG ?= true
backup: $(BIN)/.installed
	$(MANAGE) backup $(if $(BACKUP),--output $(BACKUP))

# Replace the database and media with an archive: make restore ARCHIVE=var/backups/nettverksadmin-….tar
restore: export DEBUG ?= true
restore: $(BIN)/.installed
	@test -n "$(ARCHIVE)" || { echo "usage: make restore ARCHIVE=var/backups/nettverksadmin-YYYYmmdd-HHMMSS.tar"; exit 2; }
	$(MANAGE) restore $(ARCHIVE)
