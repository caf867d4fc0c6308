# SIRHP — one target per task. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
# Offline install: every pinned wheel in $(WHEELHOUSE) (make wheelhouse); pip
# then reads no index when the wheelhouse is present or with OFFLINE=1.
WHEELHOUSE ?= wheelhouse
OFFLINE ?= $(if $(wildcard $(WHEELHOUSE)/*.whl),1,)
PIP_FROM := $(if $(filter 1,$(OFFLINE)),--no-index --find-links $(WHEELHOUSE),)
# pip installs uv (pinned like the rest), uv installs the ~310 pinned packages
# into the virtualenv: the same pins, in seconds instead of minutes. Modules
# are compiled on first import (uv does not byte-compile unless asked).
UV = $(BIN)/uv pip
PORT ?= 8080
N ?= 20000
USERS ?= 50
DURATION ?= 10m
INSTANCE := var/instance
PG_PORT ?= 5433
SOURCE ?= var/instance
BENCH := var/bench
STAMP := $(VENV)/.installed
# Test processes (pytest-xdist): one per core. A test file stays in one process
# (its layer is set up once there), in the order of tests/conftest.py (the
# longest files first: xdist's own order, by number of tests, would leave the
# long system tests to the end). TEST_JOBS=3 was faster on two warm cores but
# made a system test's Zope start miss its time on a fresh clone
# (docs/benchmarks.md). TEST_JOBS=0 runs everything in one process.
TEST_JOBS ?= auto
PYTEST := $(BIN)/pytest -n $(TEST_JOBS) --dist loadfile --no-loadscope-reorder
export zope_i18n_compile_mo_files := true
# Python keeps the bytecode of what it imports (__pycache__/, ignored by
# git) even where the environment sets PYTHONDONTWRITEBYTECODE: each Zope
# start, test process and script then reads it instead of compiling Plone
# again (a Zope start: about 5 s instead of 10; docs/benchmarks.md).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help install wheelhouse debs instance site site-production start serve daily text-worker start-zeo postgres start-relstorage to-relstorage backup restore verify-backup test test-fast lint format i18n demo bench load lighthouse buildout-check system-deps clean

help: ## This list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(STAMP): constraints.txt src/sirhp.content/pyproject.toml src/sirhp.policy/pyproject.toml
	@if [ "$(OFFLINE)" = 1 ] && ! ls $(WHEELHOUSE)/*.whl >/dev/null 2>&1; then \
	  echo "OFFLINE=1: no wheel in $(WHEELHOUSE)/ (make wheelhouse on a connected machine)" >&2; exit 1; fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q $(PIP_FROM) -c constraints.txt pip setuptools wheel uv
	$(UV) install --no-config --python $(BIN)/python -q $(PIP_FROM) -c constraints.txt -r requirements.txt
	$(UV) install --no-config --python $(BIN)/python -q $(PIP_FROM) -c constraints.txt --no-deps -e src/sirhp.content -e src/sirhp.policy
	@touch $(STAMP)

install: $(STAMP) ## Create the virtualenv and install every pinned package (from wheelhouse/ with no index if present, or OFFLINE=1)

wheelhouse: install ## Every pinned distribution as a wheel in wheelhouse/ (offline install; make debs for the Debian packages)
	bash scripts/wheelhouse.sh

debs: ## The Debian packages (scripts/debian_packages.txt) and their dependencies as .deb files in debs/
	bash scripts/download_debs.sh

instance: install ## Write the Zope instance (var/instance, port $(PORT))
	$(BIN)/python scripts/make_instance.py instance --port $(PORT)

site: instance ## Create the site "sirhp" with demo data (only if missing)
	SIRHP_PUBLIC_URL=http://localhost:$(PORT)/sirhp $(BIN)/zconsole run $(INSTANCE)/etc/zope.conf scripts/create_site.py --demo

site-production: instance ## A production site: SIRHP_ADMIN_USER/SIRHP_ADMIN_PASSWORD, agencies only, no demo data
	$(BIN)/zconsole run $(INSTANCE)/etc/zope.conf scripts/create_site.py --production

start: site ## Install if needed, create the demo site, serve http://localhost:$(PORT)/sirhp (+ text worker)
	@$(BIN)/python scripts/print_accounts.py
	@echo "Serving http://localhost:$(PORT)/sirhp (Ctrl+C to stop); text worker log: $(INSTANCE)/log/text-worker.log"
	@mkdir -p $(INSTANCE)/log
	$(BIN)/python -m sirhp.content.documents.worker --url http://localhost:$(PORT)/sirhp --parent-pid $$$$ >>$(INSTANCE)/log/text-worker.log 2>&1 & \
	worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(BIN)/runwsgi $(INSTANCE)/etc/zope.ini

serve: install ## Serve the existing site (production or demo) on http://localhost:$(PORT)/sirhp with the text worker; creates nothing
	@test -f $(INSTANCE)/etc/zope.ini || { echo "No instance in $(INSTANCE): make site-production (or make site) first" >&2; exit 1; }
	@mkdir -p $(INSTANCE)/log
	$(BIN)/python -m sirhp.content.documents.worker --url http://localhost:$(PORT)/sirhp --parent-pid $$$$ >>$(INSTANCE)/log/text-worker.log 2>&1 & \
	worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	$(BIN)/runwsgi $(INSTANCE)/etc/zope.ini

daily: ## The daily tasks once (référentiels, career acts, retirements, expired badges; TODAY=AAAA-MM-JJ replays a past day; cron: etc/crontab.example)
	$(BIN)/zconsole run $(INSTANCE)/etc/zope.conf scripts/daily.py $(if $(TODAY),--today $(TODAY))

text-worker: install ## Run the text worker alone (OCR / pdftotext) against http://localhost:$(PORT)/sirhp
	$(BIN)/python -m sirhp.content.documents.worker --url http://localhost:$(PORT)/sirhp

start-zeo: install ## One ZEO server, two Zope clients on ports 8081 and 8082
	bash scripts/start_zeo.sh

postgres: install ## Only the PostgreSQL of RelStorage: var/postgres on 127.0.0.1:$(PG_PORT) (default 5433); prints the DSN
	$(BIN)/python scripts/postgres.py start --port $(PG_PORT)

start-relstorage: install ## PostgreSQL + two Zope clients on RelStorage (8081, 8082), blobs in the database (several hosts)
	PG_PORT=$(PG_PORT) bash scripts/start_relstorage.sh

to-relstorage: install ## Copy SOURCE=var/instance (var/zeo for ZEO; clients stopped) into RelStorage DSN=... and compare (CLEAR=1 empties it first)
	@test -n "$(DSN)" || { echo "DSN=... requis / required (python scripts/postgres.py dsn)"; exit 2; }
	$(BIN)/python scripts/to_relstorage.py "$(DSN)" --source $(SOURCE) $(if $(filter 1,$(CLEAR)),--clear)

backup: install ## Back up var/instance (INSTANCE=var/zeo for ZEO) into backups/<date>/ or BACKUP=folder (scripts/backup.py)
	$(BIN)/python scripts/backup.py backup --instance $(INSTANCE) $(if $(BACKUP),--dest $(BACKUP))

restore: install ## Restore BACKUP=folder into a fresh var/instance, or TARGET=folder (manifest checked first)
	@test -n "$(BACKUP)" || { echo "BACKUP=dossier requis / BACKUP=folder required"; exit 2; }
	$(BIN)/python scripts/backup.py restore $(BACKUP) $(if $(TARGET),--target $(TARGET))

verify-backup: install ## Restore BACKUP=folder into a temporary folder and check it (counts, blobs, journal)
	@test -n "$(BACKUP)" || { echo "BACKUP=dossier requis / BACKUP=folder required"; exit 2; }
	$(BIN)/python scripts/backup.py verify $(BACKUP)

test: install system-deps ## Install what is missing and run every test (one process per core)
	$(PYTEST)

test-fast: install ## The quick tier: no browser, system or slow tests (pytest.ini markers)
	$(PYTEST) -m "not browser and not system and not slow"

system-deps: ## Debian packages the tests need (Chromium for Playwright)
	@bash scripts/system_deps.sh

lint: install ## ruff + zpretty checks
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/zpretty --check $$(find src -name '*.zcml' -o -name '*.xml' | grep -v locales)

format: install ## Format the code
	$(BIN)/ruff format src tests benchmarks scripts
	$(BIN)/zpretty -i $$(find src -name '*.zcml' -o -name '*.xml' | grep -v locales)

i18n: install ## Rebuild the translation catalogues (i18ndude)
	bash scripts/i18n.sh

demo: install ## A benchmark site with N files (default 20000) in var/bench
	$(BIN)/python scripts/make_instance.py bench --port 8090
	SIRHP_DEMO_COUNT=$(N) $(BIN)/zconsole run $(BENCH)/etc/zope.conf scripts/create_site.py --demo --count $(N) --no-accounts --bulk

bench: install ## Run the benchmarks against var/bench (make demo first) and update docs/benchmarks.md
	$(BIN)/python benchmarks/run_all.py --instance $(BENCH)

load: install system-deps ## Load run (Locust in var/locust-venv): 1 then 2 Zope clients behind nginx, USERS=50 DURATION=10m [COUNT=200 THINK=1 FRESH=1]; report in var/load/report.md
	$(BIN)/python benchmarks/load_run.py --users $(USERS) --duration $(DURATION) $(if $(COUNT),--count $(COUNT)) $(if $(THINK),--think-scale $(THINK)) $(if $(filter 1,$(FRESH)),--fresh)

lighthouse: system-deps ## Lighthouse (mobile + desktop) on URL=http://localhost:8080/sirhp as each role -> test-results/lighthouse/
	@test -n "$(URL)" || { echo "URL=... requis / required (make start serves http://localhost:8080/sirhp)"; exit 2; }
	python3 scripts/lighthouse.py $(URL) $(if $(PAGES),--pages "$(PAGES)")

buildout-check: ## Build the instance with zc.buildout (offline alternative) and check it serves
	bash scripts/check_buildout.sh

clean: ## Remove the virtualenv and generated instances (keeps nothing!)
	rm -rf $(VENV) var bin parts develop-eggs .installed.cfg
