# Development shortcuts; the README's quick start needs only python3.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: app test lint format docs

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

# Regenerate docs/cli.md from the CLI's help and re-execute the example notebooks (commit both).
docs: $(VENV)/bin/activate
	$(VENV)/bin/pip install -e ".[test]"
	$(PY) docs/generate_cli_reference.py
	$(PY) examples/execute.py
