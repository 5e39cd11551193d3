# vizkit: two commands on a fresh machine (Python 3.11+, package registries only).
#   make demo   create .venv, install vizkit with everything the demos need, write the demo pages
#   make test   the same install, then the whole test suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
# CPU build of torch: pinned so that pip never pulls a multi-GB CUDA build.
TORCH  ?= torch==2.13.0
STAMP  := $(VENV)/.vizkit-installed

.PHONY: install demo test bench clean

$(STAMP): pyproject.toml Makefile
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "vizkit needs Python 3.11+; run: make PYTHON=python3.11 ...")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet "$(TORCH)"
	$(PY) -m pip install --quiet -e ".[all,test]"
	@touch $(STAMP)

install: $(STAMP)

demo: install
	$(PY) -m vizkit demo --out out

test: install
	$(PY) -m pytest

bench: install
	$(PY) benchmarks/core.py

clean:
	rm -rf out .pytest_cache .cache-test
