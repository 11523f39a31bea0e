# The README names two targets: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared/research-data
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in printed log-ins and messages point where the site is actually served (not for tests).
setup serve: export AREASEND_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test install assets setup reset-demo demo serve lint typecheck check pytest bench clean

$(BIN)/python:
	$(shell command -v $(PYTHON) || command -v python3) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'

assets:
	npm ci --no-audit --no-fund --loglevel=error

## Install everything, migrate, load the 153 areas and history, build the demo, serve on localhost.
run: install assets setup serve

setup:
	$(BIN)/areasend migrate --no-input
	$(BIN)/areasend load_areas
	@if [ -d "$(SHARED)/inspections" ]; then \
	  $(BIN)/areasend import_inspections --source ofsted-2016-2022 $(SHARED)/inspections/ofsted_area_send_2016_2022_official.csv; \
	  $(BIN)/areasend import_inspections --source area-send-2023 $(SHARED)/inspections/area_send_2023_framework_full_inspections.csv; \
	  $(BIN)/areasend import_inspections --source adcs-2016-2022 $(SHARED)/inspections/adcs_send_outcomes_summary_2016_2022_raw.csv; \
	  $(BIN)/areasend import_send_stats $(SHARED)/send_stats; \
	else echo "No shared research data at $(SHARED): history not imported."; fi
	$(BIN)/areasend demo

## Start the demo again from an empty database (the embedded default: deletes db.sqlite3).
reset-demo:
	rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm
	$(MAKE) setup

serve:
	$(BIN)/areasend runserver $(HOST):$(PORT)

## The test command: lint, types, Django checks, migrations check, then the whole suite.
test: install assets lint typecheck check pytest

lint:
	$(BIN)/ruff check areasend tests bench

typecheck:
	$(BIN)/mypy areasend

check:
	$(BIN)/areasend check --fail-level WARNING
	$(BIN)/areasend makemigrations --check --dry-run

pytest:
	$(BIN)/pytest -n 2 --dist loadfile

bench: install assets
	$(BIN)/python bench/pages.py --database-url sqlite $(if $(BENCH_POSTGRES),--database-url $(BENCH_POSTGRES))

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3*
