# Entry points: `make run` serves the demo, `make test` runs the suite. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench bench-inprocess wrk setup chromium fonts services clean vendor messages

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(PY) manage.py seed_demo
	@echo "Serving on http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)"
	DJANGO_SETTINGS_MODULE=portal.settings.dev PORT=$(PORT) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Debian's chromium for the browser tests (Playwright downloads no browser here), and the Noto fonts
# the compilations' PDF is set in (the tests check that Arabic and Chinese use them).
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

fonts:
	@fc-list | grep -q "Noto Sans CJK SC" && fc-list | grep -q "Noto Naskh Arabic" || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-core fonts-noto-cjk >/dev/null; }

# pytest on 2 processes (pytest-xdist; `make test PYTEST_PARALLEL=` runs it in one). Each worker has its own
# test database and Redis databases (portal/settings/test.py). loadgroup keeps the tests sharing a loaded demo
# on one worker; without reordering, each worker runs its tests in the suite's order (transactional ones last).
PYTEST_PARALLEL ?= -n 2 --dist loadgroup --no-loadscope-reorder

test: $(STAMP) chromium fonts wrk
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest $(PYTEST_PARALLEL) --durations=20

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The public reading under load (bench/load.py): BENCH_SIZE published inputs (100,000) generated in the PostgreSQL
# database BENCH_DATABASE_URL (dropped and created again), gunicorn under production settings, wrk on loopback.
# `make bench-inprocess` runs the in-process benchmarks (BENCH_ONLY=public_reading,pages to choose).
wrk:
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

bench: $(STAMP) wrk chromium
	$(PY) -m bench load
	$(PY) -m bench throughput
	$(PY) -m bench workbench

bench-inprocess: $(STAMP)
	$(PY) -m bench inprocess

# Resilience drills on the real stack, loopback only: a PostgreSQL cluster, redis-servers, gunicorn, a worker and
# beat of their own, never the machine's (README: Drills). DRILLS_ONLY=replays,cache_outage runs some of them.
.PHONY: drills
drills: $(STAMP)
	$(PY) -m drills

# Backups (README, "Backups and restore"): the database of DATABASE_URL (pg_dump, custom format), PRIVATE_MEDIA_ROOT
# and MEDIA_ROOT, into a timestamped folder under BACKUP_DIR with a manifest of SHA-256s. `make restore BACKUP=folder`
# checks the parts, restores into the empty database of DATABASE_URL and empty file directories, then verifies
# every stored fingerprint and the receipt chain there. Both run under DJANGO_SETTINGS_MODULE (manage.py's default).
.PHONY: backup restore
backup: $(STAMP)
	$(PY) manage.py backup

restore: $(STAMP)
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/portal-YYYYMMDDTHHMMSSZ"; exit 2; }
	$(PY) manage.py restore "$(BACKUP)"
	$(PY) -m drills.backup_restore verify

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache

# Refresh the vendored front-end libraries from the npm registry (the copies are committed, so
# `make run` and `make test` need no Node.js). axe-core goes to tests/vendor, outside STATICFILES_DIRS:
# only the browser tests inject it, and collectstatic never serves it to readers.
vendor:
	npm install --no-audit --no-fund --ignore-scripts
	sed '/^\/\/# sourceMappingURL=/d' node_modules/chart.js/dist/chart.umd.min.js > static/vendor/chartjs/chart.umd.min.js
	cp node_modules/chart.js/LICENSE.md static/vendor/chartjs/
	mkdir -p tests/vendor/axe-core
	cp node_modules/axe-core/axe.min.js node_modules/axe-core/LICENSE node_modules/axe-core/LICENSE-3RD-PARTY.txt tests/vendor/axe-core/

# Refresh the interface's catalogues from the code and templates (needs GNU gettext), compile them (the
# compiled files are committed, so `make run` needs no gettext), and the demo's from the loaded demo.
LOCALES := -l ar -l zh_Hans -l fr -l ru -l es
messages: $(STAMP)
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(PY) manage.py makemessages $(LOCALES) --no-obsolete \
		--ignore node_modules --ignore staticfiles --ignore tests --ignore bench --ignore "*/migrations/*"
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(PY) manage.py compilemessages $(LOCALES) --ignore .venv
	DJANGO_SETTINGS_MODULE=portal.settings.dev $(PY) manage.py demo_messages
