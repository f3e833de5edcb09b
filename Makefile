# The verbs a maintainer types. `make help` lists them.
# With DATABASE_URL unset, a project-local PostgreSQL in .pgdata/ is created and started.

# .env gives defaults (`make run` writes one with development values), as in the settings: a
# variable already set in the environment wins over it.
ENV_FROM_SHELL := $(foreach var,$(shell sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/\1/p' .env 2>/dev/null),$(if $(filter environment,$(origin $(var))),$(var)))
$(foreach var,$(ENV_FROM_SHELL),$(eval SHELL_VALUE_$(var) := $$(value $(var))))
-include .env
$(foreach var,$(ENV_FROM_SHELL),$(eval $(var) := $$(SHELL_VALUE_$(var))))
export

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help install lock upgrade dotenv db-start db-stop migrate fixtures load-initial-content run serve test wheel-check chromium bench bench-ratio lint format superuser loadtest backup restore clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-21s %s\n", $$1, $$2}'

# requirements/dev.txt: the exact versions, with their hashes, of everything pyproject.toml asks
# for (make lock writes it); the project itself then goes in editable, without dependencies.
$(STAMP): pyproject.toml setup.py requirements/lock.txt requirements/dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install the locked versions of requirements/dev.txt, then the project

UV_COMPILE = $(VENV)/bin/uv pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11 --python-platform linux \
	--custom-compile-command "make lock"

lock: install ## After editing pyproject.toml: write requirements/*.txt again, other versions kept
	$(UV_COMPILE) $(UV_ARGS) --output-file requirements/lock.txt
	$(UV_COMPILE) $(UV_ARGS) --extra dev --constraint requirements/lock.txt --output-file requirements/dev.txt

upgrade: UV_ARGS = --upgrade
upgrade: lock ## Lock the newest versions pyproject.toml allows (UV_ARGS='--upgrade-package django': that one only)

dotenv: ## Write .env with development values (DEBUG=1, a random SECRET_KEY) if there is none
	@$(PYTHON) scripts/localenv.py

db-start: ## Start the project-local PostgreSQL (nothing when DATABASE_URL is set)
ifeq ($(strip $(DATABASE_URL)),)
	@$(PYTHON) scripts/localdb.py start
else
	@echo "DATABASE_URL is set: using that server."
endif

db-stop: ## Stop the project-local PostgreSQL
	@$(PYTHON) scripts/localdb.py stop

migrate: install db-start ## Apply the database migrations
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --no-input

fixtures: migrate ## Load the content of fixtures/ into an empty database only (never over staff edits)
	DEBUG=$${DEBUG:-1} $(PY) manage.py load_initial_content --if-empty

load-initial-content: migrate ## Load the content of fixtures/ again (asks first when records exist)
	DEBUG=$${DEBUG:-1} $(PY) manage.py load_initial_content

run: dotenv fixtures ## Serve on http://127.0.0.1:$(PORT)/ with Django's development server
	@echo "Creating an admin account: make superuser"
	@DEBUG=$${DEBUG:-1} $(PY) manage.py runserver 127.0.0.1:$(PORT) & pid=$$!; \
	  trap 'kill $$pid 2>/dev/null' INT TERM EXIT; \
	  $(PY) scripts/wait_for_server.py http://127.0.0.1:$(PORT)/healthz && \
	  echo "The portal is up: http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/$${ADMIN_URL:-admin/})"; \
	  wait $$pid

serve: fixtures ## Production-like: DEBUG off, collectstatic, gunicorn on 127.0.0.1:$(PORT)
	@set -e; \
	  if [ -z "$$DATABASE_URL" ]; then export DATABASE_URL=$$($(PYTHON) scripts/localdb.py url); fi; \
	  if [ -z "$$SECRET_KEY" ]; then export SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))'); fi; \
	  export DEBUG=0 ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} HTTPS=$${HTTPS:-0}; \
	  $(PY) manage.py collectstatic --no-input --verbosity 0; \
	  echo "The portal (gunicorn, DEBUG off): http://127.0.0.1:$(PORT)/"; \
	  exec $(VENV)/bin/gunicorn oimhaiti.wsgi --bind 127.0.0.1:$(PORT) --workers 3 --access-logfile -

lint: install ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Reformat the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: install db-start lint chromium ## Lint, check migrations and the import contracts, install the wheel (wheel-check), run the test suite
	DEBUG=$${DEBUG:-1} $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports --no-cache
	$(PY) scripts/wheel_check.py
	$(VENV)/bin/pytest

wheel-check: install db-start ## Build the wheel, install it in a new virtualenv, check, migrate and serve pages from a temp folder
	$(PY) scripts/wheel_check.py

chromium: ## Install Debian's Chromium for the browser tests (root only; without it they are skipped)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "Installing chromium failed: the browser tests will be skipped."; \
	  else \
	    echo "chromium is missing and only root can install it (apt-get install chromium): the browser tests will be skipped."; \
	  fi; }

bench: install db-start ## Measure queries and server time of the main pages at 100 and 10 000 projects
	DEBUG=$${DEBUG:-1} $(PY) scripts/bench.py

bench-ratio: install db-start ## req/s of every public page beside the raw-Django reference app, same gunicorn, wrk (BENCH_PROJECTS=500 BENCH_SECONDS=3: quick)
	DEBUG=$${DEBUG:-1} $(PY) scripts/bench_ratio.py

loadtest: fixtures ## gunicorn (DEBUG off) on a free port, 64 connections with locust: req/s, latencies, errors
	$(PY) scripts/loadtest.py

backup: db-start ## pg_dump the database to backups/oimhaiti-YYYYMMDD-HHMMSS.dump
	@$(PYTHON) scripts/backup.py backup

restore: db-start ## Restore FILE=backups/....dump into the database, if empty (FORCE=1 to overwrite)
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/oimhaiti-....dump [FORCE=1]"; exit 1; }
	@$(PYTHON) scripts/backup.py restore "$(FILE)"

superuser: dotenv migrate ## Create an admin account
	DEBUG=$${DEBUG:-1} $(PY) manage.py createsuperuser

clean: db-stop ## Stop the database and remove .venv, static files, stored exports and caches (keeps .pgdata)
	rm -rf $(VENV) staticfiles var .pytest_cache .ruff_cache *.egg-info build
