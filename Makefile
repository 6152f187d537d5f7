# Sistem Kerja — the two commands of the quick start are `make run` and `make test`.
#   make run   creates .venv (if missing), installs requirements.txt, migrates, loads the demo
#              data (prints the URL and the demo logins) and serves http://127.0.0.1:8000
#              (SQLite and in-process Celery unless DATABASE_URL / REDIS_URL are set).
#   make test  runs the whole pytest suite (SQLite; PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CHROMIUM ?= $(or $(CHROMIUM_PATH),/usr/bin/chromium)
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test venv migrate demo clean

# Re-installs only when requirements.txt is newer than the stamp (or the venv is missing).
$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

venv: $(STAMP)

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py muat_demo

run: demo
	$(PY) manage.py runserver $(HOST):$(PORT)

# pytest exit code 5 means "no test collected": that is a broken suite, not a success.
test: $(STAMP)
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "NOTE: $(CHROMIUM) not found: the browser tests (tests/browser, marker 'browser') will be SKIPPED."; \
	  echo "      Install Debian's Chromium to run them: apt-get install chromium"; \
	fi
	@CHROMIUM_PATH=$(CHROMIUM) $(PY) -m pytest -rs $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "ERROR: pytest collected no tests"; exit 1; fi; exit $$rc

clean:
	rm -rf $(VENV) db.sqlite3 media .test-media staticfiles
