# heltidnett: `make run` serves the demo, `make test` runs the whole suite, `make test-fast`
# all but the browser tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
# Test processes (pytest-xdist). One: on the shared two-core machine two were no faster
# (measured for issue 13); PYTEST_WORKERS=2 runs two, each on its own databases.
PYTEST_WORKERS ?= 0
FLASK := $(BIN)/flask --app heltidnett

.PHONY: run test test-fast lint format translations translations-update vendor migrate demo clean node-modules

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

translations: $(VENV)/.installed
	@$(FLASK) translate compile > /dev/null

# Alembic's log goes to instance/migrate.log, and is shown only when the upgrade fails.
migrate: translations
	@mkdir -p instance
	@$(FLASK) db upgrade > instance/migrate.log 2>&1 || (cat instance/migrate.log; exit 1)
	@echo "Database migrated: $$($(FLASK) db current 2>/dev/null | tail -1)"

demo: migrate
	@$(FLASK) demo

run: demo
	@echo "heltidnett serves http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)."
	@HELTIDNETT_ENV=$${HELTIDNETT_ENV:-development} $(FLASK) run --host 127.0.0.1 --port $(PORT)

# The real OpenID provider of the login tests (tests/oidc_provider.mjs) runs on Node.js 20+ with
# the npm packages of package-lock.json; without node its tests skip (or fail under
# REQUIRE_BROWSER, as in CI).
node_modules/.package-lock.json: package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the OpenID provider tests will skip (apt-get install nodejs npm)"; fi

node-modules: node_modules/.package-lock.json

test: translations node-modules
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

test-fast: translations
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -m "not browser" $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

translations-update: $(VENV)/.installed
	$(FLASK) translate update

# Refresh the vendored front-end files from the npm registry (needs node and npm).
vendor:
	npm install --no-save --no-audit --no-fund
	cp node_modules/@digdir/designsystemet-css/dist/src/index.css static/vendor/designsystemet/designsystemet.css
	cp node_modules/@digdir/designsystemet-css/dist/theme/designsystemet.css static/vendor/designsystemet/theme.css
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/htmx.min.js
	cp node_modules/axe-core/axe.min.js tests/vendor/axe.min.js

clean:
	rm -rf $(VENV) instance/heltidnett.db instance/test*.db .pytest_cache
