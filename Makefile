# make run  : fresh clone -> running server with demo data (SQLite unless DATABASE_URL)
# make test : the whole suite on PostgreSQL (DATABASE_URL, default the local server)

PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/operator

.PHONY: install run test lint bench bench-admin bench-commands

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

.env:
	cp .env.example .env

run: install .env
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	@echo "Serving on http://127.0.0.1:8000  (admin: http://127.0.0.1:8000/admin/, admin / admin)"
	@echo "SMS worker (send_sms) runs beside it; SMS print here (console backend)."
	@echo "Provider traffic for a demo, from another shell:"
	@echo "  .venv/bin/python manage.py simulate_traffic --url http://127.0.0.1:8000 --rate 5 --duration 60"
	$(BIN)/python manage.py send_sms & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} CONN_MAX_AGE=0 $(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench-admin: install
	$(BIN)/python -m tests.benchmarks.admin_pages

bench-commands: install
	$(BIN)/python -m tests.benchmarks.commands

bench: install
	$(BIN)/python -m tests.benchmarks.webhook_load
