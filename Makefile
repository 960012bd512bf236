# One entry point for people and CI. `make test` sets up and runs every check.
PYTHON ?= python3
DATA_DIR ?= data
STAMP := .make/installed

.PHONY: install lint typecheck test bench refresh scrape demo docs fixtures clean

$(STAMP): pyproject.toml
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@mkdir -p $(dir $@) && touch $@

install: $(STAMP)

lint: $(STAMP)
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .

typecheck: $(STAMP)
	$(PYTHON) -m mypy

test: lint typecheck
	$(PYTHON) -m pytest -n 2 -q

bench: $(STAMP)
	$(PYTHON) -m bench

refresh: $(STAMP)
	$(PYTHON) -m sendscrape refresh --data-dir $(DATA_DIR)

scrape: $(STAMP)
	$(PYTHON) -m sendscrape scrape --data-dir $(DATA_DIR)

demo: $(STAMP)
	$(PYTHON) -m fixtures.demo

docs: $(STAMP)
	$(PYTHON) -m sendscrape.docs

fixtures: $(STAMP)
	$(PYTHON) -m fixtures.build

clean:
	rm -rf .make .pytest_cache .mypy_cache .ruff_cache build *.egg-info
