# The two commands README starts with: `make run` (main job) and `make test` (the test suite).
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
OUT     := out

.PHONY: run test check lint typecheck clean score bench readme

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

## run: build the graph from corpus/ into the default store, write the HTML, print stats and a sample query
run: $(STAMP)
	$(BIN)/kg build corpus
	$(BIN)/kg view -o $(OUT)/graph.html
	$(BIN)/kg plot prices -o $(OUT)/prices.html
	$(BIN)/kg stats
	$(BIN)/kg query released

## test: the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check kg tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy

## check: lint, types and tests
check: lint typecheck test

## score: the extraction score on ../shared/eval (seed + dev articles) per language and per fact kind,
## then per rule: facts produced and how many fit gold (scripts/score.py; a scratch store)
score: $(STAMP)
	$(BIN)/python scripts/score.py

## bench: build throughput, memory, add time and store size (1k articles; BIG=10000 adds the 10k store),
## the same build through a local Dask scheduler and two workers (kg build --cluster) and its ratio,
## then every saved query (about the most mentioned entity, and its first page) on a store kg build made of
## gen_corpus articles (1k; BIG=10000: 10k), on the embedded store and (if installed) Virtuoso
BIG ?= 0
bench: $(STAMP)
	$(BIN)/python scripts/bench_build.py --articles 1000 --big $(BIG)
	$(BIN)/python scripts/bench_queries.py --articles $(if $(filter-out 0,$(BIG)),$(BIG),1000) --runs 5

## readme: rewrite README's example outputs from real runs on corpus/ (tests/test_readme.py checks them)
readme: $(STAMP)
	$(BIN)/python scripts/readme.py

clean:
	rm -rf .kg $(OUT)
