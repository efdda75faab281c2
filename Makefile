# Legal Basics XBlocks — `make demo` runs the workbench, `make test` runs everything CI checks.
.DEFAULT_GOAL := help
SHELL := /bin/bash

# Open edX runs Python 3.12; use it when the machine has it, else the default python3 (3.11 works too).
PYTHON ?= $(shell for p in python3.12 $$HOME/.pyenv/versions/3.12*/bin/python3 python3; do \
	$$p -c 'import sys; assert sys.version_info >= (3, 11)' >/dev/null 2>&1 && { echo $$p; break; }; done)
PYTHON311 ?= $(shell for p in python3.11 $$HOME/.pyenv/versions/3.11*/bin/python3; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 11)' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
PKG := legal_basics_xblock
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := devserver.settings
export PYTHONPATH := $(CURDIR)
export PYTHONHASHSEED := 0

.PHONY: help demo test test-unit test-browser test-py311 quality translations check_translations courses \
	extract_translations compile_translations requirements upgrade benchmark clean norms-report knowledge-gain-sample \
	assets release

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-22s %s\n", $$1, $$2}'

$(BIN)/activate: requirements/test.txt setup.py
	@test -n "$(PYTHON)" || { echo "Python 3.11+ is needed"; exit 1; }
	@echo "Creating $(VENV) with $(PYTHON) and installing the pinned requirements (a few minutes the first time)…"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements/test.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $(BIN)/activate

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

assets: node_modules/axe-core/axe.min.js ## minify public/*.js|css into public/min/ (what learner pages load)
	node scripts/minify.mjs

var/workbench.db: $(BIN)/activate
	@echo "Preparing the workbench database (var/workbench.db)…"
	mkdir -p var
	$(BIN)/python -m django migrate --run-syncdb --noinput -v 0

demo: $(BIN)/activate var/workbench.db ## serve the workbench with every block and course unit on http://127.0.0.1:8000
	@echo "Workbench: http://$(HOST):$(PORT)/  (add ?student=NAME to act as another learner; staff… ids are staff)"
	$(BIN)/python -m django runserver $(HOST):$(PORT) --noreload

test: $(BIN)/activate node_modules/axe-core/axe.min.js ## everything CI checks: unit, workbench, browser + axe, translations, quality, py3.11
	mkdir -p var
	$(BIN)/pytest tests -q
	$(BIN)/python scripts/norms_report.py --check --write var/norms-report.md
	$(MAKE) check_translations
	$(MAKE) quality
	$(MAKE) test-py311

test-unit: $(BIN)/activate ## unit and workbench tests without the browser
	mkdir -p var
	$(BIN)/pytest tests -q --ignore=tests/browser

test-browser: $(BIN)/activate node_modules/axe-core/axe.min.js ## browser, keyboard and axe tests in Chromium
	mkdir -p var
	$(BIN)/pytest tests/browser -q

test-py311: ## the unit and workbench tests again on Python 3.11 (XBlock 6.1), when 3.11 is installed
	@if [ -z "$(PYTHON311)" ]; then echo "Python 3.11 not found: skipping the 3.11 run"; exit 0; fi; \
	test -x .venv311/bin/pytest || { $(PYTHON311) -m venv .venv311 && .venv311/bin/pip install -q -r requirements/test.txt \
		&& .venv311/bin/pip install -q --no-deps -e .; }; \
	mkdir -p var && .venv311/bin/pytest tests -q --ignore=tests/browser

quality: $(BIN)/activate ## linters and size budgets
	$(BIN)/ruff check $(PKG) tests scripts devserver course_tools
	$(BIN)/pycodestyle --max-line-length=120 $(PKG) tests scripts devserver course_tools
	$(BIN)/python scripts/check_sizes.py

extract_translations: $(BIN)/activate ## update conf/locale/*/LC_MESSAGES/text.po from the code and templates
	$(BIN)/python scripts/i18n.py extract

compile_translations: $(BIN)/activate ## compile text.po → text.mo
	$(BIN)/python scripts/i18n.py compile

check_translations: $(BIN)/activate ## catalogs are complete, compiled and up to date
	$(BIN)/python scripts/i18n.py check

requirements: $(BIN)/activate ## install the pinned requirements into .venv
	$(BIN)/pip install -q -r requirements/test.txt

upgrade: ## re-pin requirements/*.txt for Python 3.11 and 3.12 at once (needs uv)
	for f in base test ci; do uv pip compile --universal --python-version 3.11 -q requirements/$$f.in -o requirements/$$f.txt; done

knowledge-gain-sample: $(BIN)/activate ## the sample knowledge-gain report in docs/knowledge-gain/ from simulated learners in the workbench
	$(BIN)/python scripts/simulate_cohort.py --learners 40 --seed 7 --out docs/knowledge-gain/problem-responses.csv
	$(BIN)/python scripts/knowledge_gain.py docs/knowledge-gain/problem-responses.csv --out docs/knowledge-gain --lang kk
	$(BIN)/python scripts/knowledge_gain.py docs/knowledge-gain/problem-responses.csv --out docs/knowledge-gain --lang ru

release: $(BIN)/activate ## rebuild the four course archives into release/ with SHA256SUMS and a README
	$(BIN)/python scripts/release.py

norms-report: $(BIN)/activate ## the law-currency report of the norm registry → docs/norms-report.md (exit 1 on a defect)
	$(BIN)/python scripts/norms_report.py --check --write docs/norms-report.md

courses: $(BIN)/activate ## build and validate the four course tarballs in dist/ (elective/trainer × kk/ru)
	$(BIN)/python scripts/build_course.py

benchmark: ## measure render/handler time and bytes beside peer blocks (not a test)
	$(PYTHON) scripts/benchmark.py --write-docs

clean: ## remove virtualenvs, databases and build output
	rm -rf $(VENV) .venv311 var dist build *.egg-info node_modules
