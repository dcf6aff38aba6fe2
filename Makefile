# coitrack: `make run` starts the app with demo data, `make test` runs the whole suite.
# Both create the virtualenv (.venv) and install what they need on first use.
#
#   make run             the app on http://127.0.0.1:8000/ (HOST=, PORT= to change), demo data
#   make test            every test (PYTEST_ARGS="-k vendor -x" to narrow it down)
#   make lint            ruff
#   make bench-vendors   vendor list at 20,000 vendors (BENCH_ARGS="--keep /tmp/bench" to reuse)
#   make bench-reading   reader accuracy and speed on generated certificates, per variant
#   make bench-rules     the pure compliance engine, vendors per second
#   make bench-reevaluate  re-evaluating 50,000 vendors after a template change
#   make bench-outreach  the outreach tick over 50,000 vendors with 5,000 requests due
#   make bench-dashboard  the dashboard page and each default widget at 50,000 vendors
#   make bench-import    importing 10,000 vendor rows from CSV (and the same file again)
#   make bench-export    exporting 50,000 vendors as CSV and XLSX: time and peak memory
#   make clean           remove .venv and ./coitrack-data (the demo's data!)
#
# Python >= 3.12 is found in pyenv or on PATH; PYTHON=/path/to/python3.13 overrides.

PYTHON ?= $(shell for v in 3.13 3.12; do \
	for p in $$HOME/.pyenv/versions/$$v*/bin/python$$v $$(command -v python$$v); do \
	[ -x "$$p" ] && "$$p" -c '' 2>/dev/null && echo "$$p" && exit 0; done; done; command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Lint only the folders that exist (a fresh checkout may have no tests/ or bench/ yet).
LINT_PATHS := $(wildcard src tests bench)

.PHONY: run test lint bench bench-vendors bench-reading bench-rules bench-reevaluate bench-outreach bench-dashboard bench-import bench-export clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || \
		{ echo "coitrack needs Python >= 3.12 (found $$($(PYTHON) --version)); set PYTHON=/path/to/python3.12+"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/coitrack run --demo --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check $(LINT_PATHS)

bench: bench-vendors bench-reading bench-rules bench-reevaluate bench-outreach bench-dashboard bench-import bench-export

bench-vendors: $(STAMP)
	$(BIN)/python bench/vendor_list.py $(BENCH_ARGS)

bench-reading: $(STAMP)
	$(BIN)/python bench/reading_accuracy.py $(BENCH_ARGS)

bench-rules: $(STAMP)
	$(BIN)/python bench/rules_evaluate.py $(BENCH_ARGS)

bench-outreach: $(STAMP)
	$(BIN)/python bench/outreach_tick.py $(BENCH_ARGS)

bench-reevaluate: $(STAMP)
	$(BIN)/python bench/reevaluate.py $(BENCH_ARGS)

bench-dashboard: $(STAMP)
	$(BIN)/python bench/dashboard.py $(BENCH_ARGS)

bench-import: $(STAMP)
	$(BIN)/python bench/import_vendors.py $(BENCH_ARGS)

bench-export: $(STAMP)
	$(BIN)/python bench/export_vendors.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) coitrack-data .pytest_cache
