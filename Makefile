# The portal's commands. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
MANAGE := $(PY) manage.py
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := centre.settings

.DEFAULT_GOAL := help
.PHONY: help install install-test run test e2e worker beat bench lint format messages superuser lock migrate seed

help: ## List the commands
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | sed 's/$$(PORT)/$(PORT)/' | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@test -x $(UV) || $(VENV)/bin/pip install --quiet "uv>=0.9,<1"
	$(UV) pip sync --quiet --python $(PY) requirements.lock
	@touch $@

install: $(VENV)/.installed ## Install the Debian packages and the locked Python dependencies
	@scripts/system-packages.sh run
	@$(MANAGE) compilemessages --ignore "$(VENV)/*" -v 0

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install-test: install node_modules/.installed
	@scripts/system-packages.sh test

migrate: install
	@mkdir -p var
	$(MANAGE) migrate --no-input -v 1

seed: migrate ## Load the facts of the IPU's source documents (safe to repeat)
	$(MANAGE) seed_centre

run: seed ## Install, migrate, seed and serve the portal on http://127.0.0.1:$(PORT)
	@echo ""
	@echo "  The portal:  http://127.0.0.1:$(PORT)/"
	@echo "  The admin:   http://127.0.0.1:$(PORT)/admin/  (create your account first: make superuser)"
	@echo "  E-mails are printed here, in this console."
	@echo ""
	SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" $(MANAGE) runserver 127.0.0.1:$(PORT)

superuser: migrate ## Create a secretariat account for the admin (asks for e-mail and password)
	$(MANAGE) createsuperuser

test: install-test ## Install what the tests need and run the whole suite
	$(PY) -m pytest $(PYTEST_ARGS)

e2e: install-test ## Run only the browser tests (Playwright + Chromium)
	$(PY) -m pytest -m e2e $(PYTEST_ARGS)

worker: install ## Run a Celery worker (needs REDIS_URL)
	$(VENV)/bin/celery -A centre worker --loglevel=INFO --concurrency=2

beat: install ## Run Celery beat, the scheduler of periodic tasks (needs REDIS_URL)
	@mkdir -p var
	$(VENV)/bin/celery -A centre beat --loglevel=INFO --schedule=var/celerybeat-schedule

bench: install ## Measure throughput and latency against a bare-Django baseline
	@scripts/system-packages.sh bench
	$(PY) benchmarks/run.py
	$(PY) benchmarks/registration.py
	$(PY) benchmarks/letters.py
	$(PY) benchmarks/bulletin_dispatch.py

lint: install ## Check the code with ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install ## Refresh the translation catalogues in locale/ and compile them
	$(MANAGE) makemessages --no-obsolete -l fr -l es -l ar --ignore "$(VENV)/*" --ignore "node_modules/*" --ignore "var/*" --ignore "tests/*" --ignore "benchmarks/*"
	$(MANAGE) compilemessages --ignore "$(VENV)/*"

lock: ## Re-resolve the dependencies of pyproject.toml into requirements.lock
	@test -x $(UV) || (test -x $(PY) || $(PYTHON) -m venv $(VENV); $(VENV)/bin/pip install --quiet uv)
	$(UV) pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes --quiet -o requirements.lock
