# Everyday tasks. The two you need: `make run` and `make test`.
# Each target first creates the local virtual environment .venv/ from the pinned
# requirements (+ constraints.txt) if it is missing or out of date; nothing else
# needs installing by hand.
#
#   make run                                   all notebooks on data/raw -> data/processed/, figures/
#   make run CORPUS=../shared/corpora/indosum/articles.jsonl
#                                              -> data/processed/runs/indosum-articles/, figures/runs/indosum-articles/
#   make run ONLY=01,02 PARAMS="SCOPE=paragraph FREQ=W" HTML=1
#   make run CORPUS=my/articles OUTPUT_NAME=default   (deliberately replace the seed results)
#   make run PRUNE=1                           also delete tables/figures the run no longer writes
#   make report                                make run HTML=1: HTML reports (no code) + .code.html copies

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null || echo python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
CORPUS ?= data/raw
SIDECAR ?=
ACTORS ?=
ONLY ?=
PARAMS ?=
OUTPUT_NAME ?=
HTML ?=
PRUNE ?=
RUN_ARGS ?=
PYTEST_ARGS ?=
LAB_ARGS ?=
LINT_PATHS = $(wildcard utils tests benchmarks scripts notebooks)

.PHONY: help setup setup-dev run report test bench lab lint clean

help:
	@echo "make run     set up .venv, run every notebook headless on CORPUS (default data/raw), write data/processed/ and figures/"
	@echo "             options: CORPUS=... SIDECAR=... ACTORS=... ONLY=01,02 PARAMS=\"SCOPE=paragraph FREQ=W\" OUTPUT_NAME=... HTML=1 PRUNE=1"
	@echo "make report  make run HTML=1: also HTML copies of the executed notebooks in build/notebooks/<name>/,"
	@echo "             <notebook>.html without the code cells (a report), <notebook>.code.html with them"
	@echo "make test    set up .venv with the test tools, run the whole test suite (offline), ruff and the import-linter layers contract"
	@echo "             e.g. make test PYTEST_ARGS=\"-m 'not slow'\" to skip the notebook runs"
	@echo "make bench   throughput / memory benchmark on the shared IndoSum corpus"
	@echo "make lab     start JupyterLab at the repository root, opening notebooks/00-overview.ipynb"
	@echo "make lint    ruff over utils/, tests/, benchmarks/, scripts/ and the notebooks"
	@echo "make clean   remove build/ and data/interim/ (executed notebooks and the cache)"

$(VENV)/.runtime-installed: requirements.txt constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 11) else "Python 3.11+ is needed; run: make PYTHON=/path/to/python3.11 ...")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "could not create $(VENV): install the venv module (e.g. apt install python3-venv)"; exit 1; }
	$(PIP) install -q -r requirements.txt -c constraints.txt
	$(PIP) install -q --no-deps -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.runtime-installed requirements-dev.txt requirements-dask.txt
	$(PIP) install -q -r requirements-dev.txt -c constraints.txt
	touch $@

setup: $(VENV)/.runtime-installed
setup-dev: $(VENV)/.dev-installed

run: setup
	$(PY) -m utils.runner --corpus "$(CORPUS)" \
		$(if $(SIDECAR),--sidecar "$(SIDECAR)") \
		$(if $(ACTORS),--actors "$(ACTORS)") \
		$(if $(ONLY),--only "$(ONLY)") \
		$(if $(OUTPUT_NAME),--output-name "$(OUTPUT_NAME)") \
		$(if $(HTML),--html) \
		$(if $(PRUNE),--prune) \
		$(foreach param,$(PARAMS),--param "$(param)") \
		$(RUN_ARGS)

report:
	$(MAKE) run HTML=1

# pytest exits 5 when it collects no tests; that is not a failure here.
test: setup-dev
	$(PY) -m pytest -q $(PYTEST_ARGS); status=$$?; \
		if [ $$status -eq 5 ]; then echo "pytest: no tests collected"; status=0; fi; \
		exit $$status
	$(if $(LINT_PATHS),$(PY) -m ruff check $(LINT_PATHS))
	$(VENV)/bin/lint-imports --no-cache

bench: setup-dev
	$(PY) benchmarks/bench.py

lab: setup
	$(VENV)/bin/jupyter lab $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root) --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks/00-overview.ipynb $(LAB_ARGS)

lint: setup-dev
	$(if $(LINT_PATHS),$(PY) -m ruff check $(LINT_PATHS))

clean:
	rm -rf build data/interim
