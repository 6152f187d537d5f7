# Sistem Kerja — the two commands of the quick start are `make run` and `make test`.
#   make run   creates .venv (if missing), installs requirements.lock, migrates, loads the demo
#              data (prints the URL and the demo logins) and serves http://127.0.0.1:8000
#              (SQLite and in-process Celery unless DATABASE_URL / REDIS_URL are set).
#   make test  runs the whole pytest suite (SQLite; PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set).
#   make lock  re-pins requirements.lock from requirements.txt (pip-tools; keeps existing pins
#              that still fit, so only what changed moves; `make lock UPGRADE=1` moves all).
#   make audit pip-audit of requirements.lock; says how many packages it could really check and
#              fails on known vulnerabilities, and on unchecked packages only when CI=true.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CHROMIUM ?= $(or $(CHROMIUM_PATH),/usr/bin/chromium)
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test venv migrate demo clean lock audit

# Installs the pinned versions CI tested (requirements.lock, made by `make lock` from the human
# list requirements.txt). Re-installs only when the lock is newer than the stamp.
$(STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

# pip-compile resolves against the configured index (pip.conf: may be a local mirror, no network
# needed beyond it); the existing lock is its starting point, so unchanged pins stay.
lock: $(STAMP)
	$(PY) -m piptools compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
	  $(if $(UPGRADE),--upgrade) --output-file requirements.lock requirements.txt

audit: $(STAMP)
	$(PY) tools/audit.py requirements.lock

venv: $(STAMP)

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py muat_demo

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

# The suite runs in two phases, with coverage measured over both and printed at the end:
#   1. the fast tests (not browser, integration or slow) in parallel with pytest-xdist ($(XDIST) workers);
#   2. the browser, integration and slow tests, one at a time (they start servers, a real Celery
#      worker and Chromium, or rebuild the whole demo).
# With PYTEST_ARGS (a subset, e.g. PYTEST_ARGS="surat -x") one plain pytest run, no coverage.
# pytest exit code 5 means "no test collected": that is a broken suite, not a success.
XDIST  ?= 2
FAST   := not browser and not integration and not slow
test: $(STAMP)
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "NOTE: $(CHROMIUM) not found: the browser tests (tests/browser, marker 'browser') will be SKIPPED."; \
	  echo "      Install Debian's Chromium to run them: apt-get install chromium"; \
	fi
	@export CHROMIUM_PATH=$(CHROMIUM); \
	if [ -n "$(PYTEST_ARGS)" ]; then \
	  $(PY) -m pytest -rs $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "ERROR: pytest collected no tests"; exit 1; fi; exit $$rc; \
	fi; \
	rm -f .coverage .coverage.*; \
	echo "=== 1/2: fast tests, $(XDIST) workers"; \
	$(PY) -m pytest -rs -n $(XDIST) -m "$(FAST)" --cov --cov-report= ; rc1=$$?; \
	if [ $$rc1 -eq 5 ]; then echo "ERROR: pytest collected no fast tests"; rc1=1; fi; \
	echo "=== 2/2: browser, integration and slow tests"; \
	$(PY) -m pytest -rs -m "not ($(FAST))" --cov --cov-append --cov-report= ; rc2=$$?; \
	if [ $$rc2 -eq 5 ]; then echo "ERROR: pytest collected no browser/integration/slow tests"; rc2=1; fi; \
	echo "=== coverage (lines), whole product"; \
	$(PY) -m coverage report | grep -E "^TOTAL"; \
	echo "=== coverage (lines), the risky modules: route engine, importer, numbering, outbox (goal >= 90 %)"; \
	$(PY) -m coverage report --include="$(RISKY)"; \
	$(PY) -m coverage html -q -d test-artifacts/coverage >/dev/null 2>&1 || true; \
	echo "make test: fast phase exit $$rc1, second phase exit $$rc2 (HTML coverage in test-artifacts/coverage/)"; \
	[ $$rc1 -eq 0 ] && [ $$rc2 -eq 0 ]

RISKY := penugasan/services*,penugasan/rute*,penugasan/rencana*,organisasi/importer*,surat/numbering.py,notifikasi/services.py,notifikasi/tasks.py

clean:
	rm -rf $(VENV) db.sqlite3 media .test-media ekspor-privat .test-ekspor staticfiles
