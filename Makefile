# The two commands: `make run` (the app on SQLite with demo data) and `make test` (every test, SQLite and PostgreSQL).
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEV_ENV := DEBUG=1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-sqlite test-postgres lint messages system-packages clean

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

run: install system-packages messages
	$(DEV_ENV) $(PY) manage.py migrate --noinput -v0
	$(DEV_ENV) $(PY) manage.py load_demo
	$(DEV_ENV) $(PY) manage.py demo_login
	$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .

test-sqlite: install
	$(PY) -m pytest

test-postgres: install
	.ci/with-postgres $(PY) -m pytest

test: install system-packages messages lint
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

clean:
	rm -rf $(VENV) db.sqlite3 var staticfiles
