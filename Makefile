# Đưa Tin — development and CI entry points. GNU make.
#
#   make run     venv, migrate, compile messages, load demo data, then web + worker + beat
#   make test    pytest with branch coverage; fails below COVERAGE_FLOOR
#                (a subset: make test PYTEST_ARGS="-k health -x" runs without coverage)
#   make backup  database + media folder into var/backups/duatin-YYYYmmdd-HHMMSS.tar.gz
#   make restore ARCHIVE=var/backups/duatin-....tar.gz [FORCE=1]   into an empty database
#
# DATABASE_URL and CELERY_BROKER_URL pass through from the environment unchanged; without
# them the portal runs on SQLite and Celery's filesystem transport under var/.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.requirements-installed
PORT ?= 8000
PYTEST_ARGS ?=
# A marker expression that deselects tests (CI's SQLite leg: "not postgres and not redis").
# Unlike PYTEST_ARGS it keeps coverage and its floor: the rest of the suite still runs.
PYTEST_MARK ?=
# Branch coverage of our apps ([tool.coverage] in
# pyproject.toml) must not fall below COVERAGE_MIN on a full run: 93.02 % measured on
# SQLite with the postgres and redis tests deselected, rounded down; raise it when
# coverage grows. It is enforced under CI=true, where no test can skip; on a machine
# without Chromium or Redis the skipped tests lower the figure (92.7 %), so there it is
# only reported (COVERAGE_FLOOR=93 make test enforces it anyway).
COVERAGE_MIN := 93
ifeq ($(CI),true)
COVERAGE_FLOOR ?= $(COVERAGE_MIN)
else
COVERAGE_FLOOR ?= 0
endif
ifeq ($(strip $(PYTEST_ARGS)),)
COVERAGE_ARGS := --cov --cov-report=term:skip-covered --cov-fail-under=$(COVERAGE_FLOOR)
else
COVERAGE_ARGS :=
endif
# Folders of the Celery filesystem broker and the default media root (git-ignored), and
# LOCALE_PATHS (compilemessages refuses to run when no locale folder exists at all).
VAR_DIRS := var/celery/queue var/celery/processed var/celery/control var/media locale
# Directories that are not ours and may hold locale/ folders.
I18N_IGNORE := --ignore=.venv --ignore=var --ignore=staticfiles --ignore=node_modules
APPS := portal contacts events newsroom campaigns intake privacy
# Template folders that djLint checks (HTML only; see [tool.djlint] in pyproject.toml).
TEMPLATE_DIRS := templates $(addsuffix /templates,$(APPS))

export PORT

.PHONY: venv dirs migrate messages seed run test lint format check extract backup restore

venv: $(STAMP) .env dirs

$(PY):
	$(PYTHON) -m venv $(VENV)

# Re-install only when requirements.txt is newer than the stamp.
$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -r requirements.txt
	touch $@

# Local settings for development; never committed. Real deployments use the environment.
.env:
	printf 'DEBUG=1\n' > $@

dirs:
	mkdir -p $(VAR_DIRS)

migrate: venv
	$(MANAGE) migrate --noinput

# Django's compilemessages (which also checks placeholders) needs GNU gettext; on a machine
# without msgfmt the portal's pure-Python compile_translations command does the same job.
messages: venv
	@if command -v msgfmt >/dev/null 2>&1; then \
		echo "$(MANAGE) compilemessages $(I18N_IGNORE)"; \
		$(MANAGE) compilemessages $(I18N_IGNORE); \
	else \
		echo "msgfmt not found; $(MANAGE) compile_translations"; \
		$(MANAGE) compile_translations; \
	fi

seed: migrate
	$(MANAGE) seed_demo

run: venv migrate messages seed
	SITE_URL=$${SITE_URL:-http://localhost:$(PORT)} $(PY) scripts/devserver.py --port $(PORT)

test: venv messages
	$(PY) -m pytest $(COVERAGE_ARGS) $(if $(strip $(PYTEST_MARK)),-m "$(PYTEST_MARK)") $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint --lint $(TEMPLATE_DIRS)
	$(VENV)/bin/djlint --check $(TEMPLATE_DIRS)

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint --reformat --quiet $(TEMPLATE_DIRS)

check: venv
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Refresh the Vietnamese catalogues from the source (needs GNU gettext): one per app, plus
# the project catalogue in locale/ for the top-level templates. Then translate the new
# entries and run `make messages`; tests/portal/test_translations.py fails on any gap.
extract: venv
	for app in $(APPS); do (cd $$app && ../$(PY) ../manage.py makemessages -l vi --no-location) || exit 1; done
	$(MANAGE) makemessages -l vi --no-location $(I18N_IGNORE) $(foreach app,$(APPS),--ignore=$(app)) \
		--ignore=tests --ignore=static --ignore=scripts

# Backup and restore (portal/backup.py; README "Backup and restore"). PostgreSQL needs
# pg_dump / pg_restore of the server's major version (postgresql-client-15).
backup: venv
	$(MANAGE) backup

restore: venv
	@test -n "$(ARCHIVE)" || { echo "usage: make restore ARCHIVE=var/backups/duatin-YYYYmmdd-HHMMSS.tar.gz [FORCE=1]" >&2; exit 2; }
	$(MANAGE) restore "$(ARCHIVE)" $(if $(FORCE),--force)
