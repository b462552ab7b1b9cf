# Everyday tasks. The two you need: `make run` and `make test`.
# Each target creates the local virtual environment .venv/ from the pinned
# requirements first if it is missing or out of date.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
CORPUS ?= data/raw
SIDECAR ?=
ACTORS ?=
RUN_ARGS ?=

.PHONY: help setup setup-dev run test bench lab lint clean

help:
	@echo "make run     set up .venv, run every notebook headless on CORPUS (default data/raw), write data/processed/ and figures/"
	@echo "make test    set up .venv with the test tools, run the whole test suite (offline)"
	@echo "make bench   throughput / memory benchmark on the shared IndoSum corpus"
	@echo "make lab     start JupyterLab on the notebooks"
	@echo "make lint    ruff over utils/, tests/, benchmarks/, scripts/ and the notebooks"

$(VENV)/.runtime-installed: requirements.txt constraints.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q -r requirements.txt -c constraints.txt
	$(PIP) install -q --no-deps -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.runtime-installed requirements-dev.txt requirements-dask.txt
	$(PIP) install -q -r requirements-dev.txt -c constraints.txt
	touch $@

setup: $(VENV)/.runtime-installed
setup-dev: $(VENV)/.dev-installed

run: setup
	$(PY) -m utils.runner --corpus "$(CORPUS)" $(if $(SIDECAR),--sidecar "$(SIDECAR)") $(if $(ACTORS),--actors "$(ACTORS)") $(RUN_ARGS)

test: setup-dev
	$(PY) -m pytest -q
	$(PY) -m ruff check utils tests benchmarks scripts notebooks

bench: setup-dev
	$(PY) benchmarks/bench.py

lab: setup
	$(VENV)/bin/jupyter lab notebooks/

lint: setup-dev
	$(PY) -m ruff check utils tests benchmarks scripts notebooks

clean:
	rm -rf build data/interim
