# coitrack: `make run` starts the app with demo data, `make test` runs the whole suite.
# Both create the virtualenv (.venv) and install what they need on first use.

PYTHON ?= $(shell for v in 3.13 3.12; do \
	for p in $$HOME/.pyenv/versions/$$v*/bin/python$$v $$(command -v python$$v); do \
	[ -x "$$p" ] && echo "$$p" && exit 0; done; done; command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint bench bench-vendors browsers clean

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
	$(BIN)/ruff check src tests bench

bench: bench-vendors

bench-vendors: $(STAMP)
	$(BIN)/python bench/vendor_list.py

clean:
	rm -rf $(VENV) coitrack-data .pytest_cache
