# The two commands: `make run` (the app on SQLite with demo data, and the outbox worker) and `make test` (every test, SQLite and PostgreSQL).
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEV_ENV := DEBUG=1
HOST ?= 127.0.0.1
PORT ?= 8000
# pip-audit has an environment of its own: it imports PyPI's `requests`, which ropa's `requests` would shadow.
AUDIT_VENV := $(VENV)/pip-audit
# schemathesis too (tests/api/test_schemathesis.py runs its CLI against a live server), for the same reason.
SCHEMATHESIS_VENV := $(VENV)/schemathesis

.PHONY: install run test test-sqlite test-postgres lint audit messages extract-messages system-packages schemathesis clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -c 'import tomllib; p = tomllib.load(open("pyproject.toml", "rb"))["project"]; print("\n".join(p["dependencies"] + p["optional-dependencies"]["test"]))' > $(VENV)/requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements.txt
	touch $(STAMP)

system-packages:
	.ci/system-packages $(if $(filter test,$(MAKECMDGOALS)),test,run)

messages: install system-packages
	$(DEV_ENV) $(PY) manage.py compilemessages --ignore=.venv -v0

# New strings into locale/nb and locale/sv, without line numbers so that parallel branches merge; then translate.
extract-messages: install
	$(DEV_ENV) $(PY) manage.py makemessages -l nb -l sv --ignore=.venv --ignore=tests --ignore=bench --no-location -v0

run: install system-packages messages
	$(DEV_ENV) $(PY) manage.py migrate --noinput -v0
	$(DEV_ENV) $(PY) manage.py load_demo
	$(DEV_ENV) $(PY) manage.py demo_login --url http://$(HOST):$(PORT)/admin/
	@# The worker (outbox and background jobs such as imports) runs beside the server; Ctrl-C or the server's exit
	@# stops both: the trap sends the worker SIGTERM, which it answers by finishing the message in hand.
	$(DEV_ENV) $(PY) manage.py worker --watch & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .

$(AUDIT_VENV)/bin/pip-audit:
	python3 -m venv $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/python -m pip install --quiet --disable-pip-version-check 'pip-audit>=2.7,<3'

schemathesis: $(SCHEMATHESIS_VENV)/bin/schemathesis

$(SCHEMATHESIS_VENV)/bin/schemathesis:
	python3 -m venv $(SCHEMATHESIS_VENV)
	$(SCHEMATHESIS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check 'schemathesis>=4,<5'

# Dependency audit of every installed package against PyPI's or OSV's advisories, explained exceptions in
# .ci/pip-audit-allowlist.txt. Exits 2 when no advisory service can be reached; `make test` then says so.
audit: install $(AUDIT_VENV)/bin/pip-audit
	$(AUDIT_VENV)/bin/python .ci/audit-dependencies --pip-audit $(AUDIT_VENV)/bin/pip-audit \
		--site-packages "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" $(AUDIT_FLAGS)

# Tests run on every core (pytest-xdist; each worker has its own test database): the suite took 31 min one test
# at a time on a loaded 2-core CI machine. A worker that runs out of tests takes half of the other's queue (worksteal),
# so neither waits idle for a slow file at the end. PYTEST_FLAGS= runs them one by one, for a clean traceback.
PYTEST_FLAGS ?= -n auto --dist worksteal

test-sqlite: install messages schemathesis
	$(PY) -m pytest $(PYTEST_FLAGS)

test-postgres: install messages schemathesis
	.ci/with-postgres $(PY) -m pytest $(PYTEST_FLAGS)

# One database after the other: side by side on two cores (make -j2) took 35 min for SQLite alone, against 13–15.
test: install system-packages messages lint schemathesis
	$(MAKE) --no-print-directory audit AUDIT_FLAGS=--offline-ok
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

clean:
	rm -rf $(VENV) db.sqlite3 var staticfiles
