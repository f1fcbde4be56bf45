# Development shortcuts; the README's quick start needs only python3.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: app test lint format reports docs

$(VENV)/bin/activate:
	python3 -m venv $(VENV)

app: $(VENV)/bin/activate
	$(VENV)/bin/pip install -e .
	$(VENV)/bin/streamlit run app.py

test: $(VENV)/bin/activate
	$(VENV)/bin/pip install -e ".[test]"
	$(PY) -m pytest

lint: $(VENV)/bin/activate
	$(VENV)/bin/pip install -e ".[dev]"
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format:
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The committed example reports, with a fixed date so that regenerating them gives the same HTML (see
# tests/test_report.py, which checks it).
reports: $(VENV)/bin/activate
	SOURCE_DATE_EPOCH=1795478400 $(VENV)/bin/brainflops report dettmers-2015@1.1.0 --out reports/

# Regenerate docs/cli.md from the CLI's help and re-execute the example notebooks (commit both).
docs: $(VENV)/bin/activate
	$(VENV)/bin/pip install -e ".[test]"
	$(PY) docs/generate_cli_reference.py
	$(PY) examples/execute.py
