# Two commands do all the set-up on a fresh machine:
#   make demo   runs kuma on the example article (output/mali-article/)
#   make test   runs the whole test suite
# Both create the virtual environment .venv/ when it is missing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.kuma-installed
# The CPU build of torch, pinned: a plain `torch` requirement pulls a multi-GB CUDA build.
TORCH := torch==2.13.0

.PHONY: demo test test-fast lint system-deps clean-output

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet '$(TORCH)'
	$(BIN)/python -m pip install --quiet -e '.[dev,mt,speech,arabic,review,cluster]'
	# gTTS pins click<8.2 for its own CLI only; Kuma uses its library, so skip its deps.
	$(BIN)/python -m pip install --quiet --no-deps 'gTTS>=2.5'
	$(BIN)/python -m pip install --quiet 'requests>=2.31'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/kuma run examples/mali-article.txt --lang fr,ar,bm \
		--translations examples/translations --out output

test: $(STAMP) system-deps lint
	$(BIN)/python -m pytest

# The tests a developer runs between changes (under a minute): no browser, no models, no
# whole runs of the example, a tenth of the Hypothesis examples.  `make test` runs all.
test-fast: $(STAMP)
	HYPOTHESIS_PROFILE=dev $(BIN)/python -m pytest -q -m "not browser and not models and not e2e"

# Debian packages the accessibility tests use (chromium, epubcheck, fonts); needs root.
# Without them those tests skip on a developer's machine (and fail in CI, where
# .ci/run installs them first).
system-deps:
	@bash scripts/install-system-deps.sh || \
		echo "make: system packages not installed; browser and EPUB checks will skip" >&2

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests
	$(BIN)/mypy pipeline

clean-output:
	find output -mindepth 1 ! -name README.md -exec rm -rf {} +
