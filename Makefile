# The two commands a newcomer needs (see README.md):
#   make site   build the site into site/  (installs everything it needs; Python only)
#   make test   run every test             (installs everything it needs, chromium included)

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# An empty SITE_URL (CI when no Pages address is known) means mkdocs.yml's default.
ifeq ($(strip $(SITE_URL)),)
unexport SITE_URL
endif

.PHONY: site test serve build lint eval eval-dev bench bench-search lighthouse clean deps test-deps \
	chromium names-data venv-new model golden

# STRICT=1 (CI on pull requests) fails on any bad article; otherwise bad articles are
# listed and skipped and the rest of the archive is built.
STRICT ?=

site: deps
	$(PY) -m builder site $(if $(filter-out 0 false no,$(STRICT)),--strict)

build: deps
	$(PY) -m builder build

serve: build
	$(PY) -m mkdocs serve

test: test-deps
	$(PY) -m ruff check .
	$(PY) -m pytest

# The expected docs/ of the golden test (tests/golden.py): run after a change of the output
# that is meant, then review `git diff tests/golden/`.
golden: deps
	$(PY) -m tests.golden

lint: test-deps
	$(PY) -m ruff check .

# Extraction quality: the five seeds (../shared/eval), then real news annotated in
# eval/real/ (eval/real/README.md): the dev split to develop on, the held-out split only to report.
eval: eval-dev
	@echo "== real news, held-out (eval/real/heldout.gold.yml)"
	$(PY) tools/eval_real.py heldout

eval-dev: deps
	mkdir -p .cache
	@echo "== seeds (../shared/eval/dev/seeds.gold.yml)"
	$(PY) -m builder extract --json ../shared/seeds/*.txt > .cache/seeds.extracted.json
	$(PY) ../shared/eval/score.py ../shared/eval/dev/seeds.gold.yml .cache/seeds.extracted.json
	@echo "== real news, dev (eval/real/dev.gold.yml)"
	$(PY) tools/eval_real.py dev

# Retrain the name recogniser on NewsFANE Gold (builder/extract/model/README.md); the same
# data give the same model.
model: deps
	nice -n 10 $(PY) tools/train_recogniser.py \
	  --newsfane ../shared/data/ner/newsfane/NewsFANE_Gold_2014_170K.txt

bench: deps
	$(PY) -m bench

# Name data derived from open data (builder/extract/data/README.md): name_words.tsv and
# world_cities.tsv from ../shared/data/open-names.
names-data: test-deps
	$(PY) -m tools.build_name_data

# What a search costs in the browser at 2,000 and 10,000 articles (guide/search.md, "At archive size").
bench-search: test-deps
	$(PY) -m bench.search

deps: $(VENV)/.deps-site

test-deps: deps $(VENV)/.deps-test chromium

# The virtual environment is (re)made whenever its pip does not run: a `python3 -m venv`
# that failed half-way (Debian without python3-venv) leaves .venv/bin/python behind, and
# a deleted or moved Python breaks it; the stamps below then install everything again.
VENV_NEW := $(if $(shell $(PY) -m pip --version 2>/dev/null),,venv-new)

venv-new:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "error: $(PYTHON) is not Python 3.11 or newer (README, \"The two commands\")" >&2; \
	  exit 1; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "error: '$(PYTHON) -m venv' failed; on Debian/Ubuntu: sudo apt-get install -y python3-venv" >&2; \
	  exit 1; }

$(VENV)/.deps-site: requirements.txt constraints.txt $(VENV_NEW)
	$(PIP) install -q -r requirements.txt -c constraints.txt
	mkdir -p .cache
	touch $@

$(VENV)/.deps-test: requirements-test.txt requirements.txt constraints.txt $(VENV_NEW)
	$(PIP) install -q -r requirements-test.txt -c constraints.txt
	touch $@

# Debian's chromium for the browser tests (Playwright drives it; it downloads no browser).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

clean:
	rm -rf site site.tmp-* site.old-* .cache docs/articles docs/tags docs/timeline docs/archive docs/quotes \
	  docs/index.md docs/index.en.md docs/assets/fonts

# Lighthouse scores of the built site (npm lighthouse + Debian chromium); see bench/lighthouse.py.
lighthouse: deps chromium tools/lighthouse/node_modules/.installed
	$(PY) -m bench.lighthouse

tools/lighthouse/node_modules/.installed: tools/lighthouse/package.json tools/lighthouse/package-lock.json
	npm ci --prefix tools/lighthouse --no-audit --no-fund
	touch $@
