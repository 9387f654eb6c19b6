# Two commands for a fresh machine with Python 3.11:  make run   and   make test
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN = $(VENV)/bin
export FLASK_APP = portal

.PHONY: run test install install-test translations messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(MAKE) --no-print-directory translations

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	$(MAKE) --no-print-directory translations

translations:
	$(BIN)/pybabel -q compile -d translations

## run: install, upgrade the database, seed reference and demo data, serve on http://127.0.0.1:5000
run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask seed --demo
	@echo
	@echo "The portal: http://127.0.0.1:5000  (Arabic; add ?lang=en for English)"
	@if [ -f instance/demo-logins.txt ]; then cat instance/demo-logins.txt; \
	  echo "(These logins were made for this install; they are kept in instance/demo-logins.txt.)"; fi
	$(BIN)/flask run --host 127.0.0.1 --port 5000

## test: install the test dependencies and run the whole suite
test: install-test
	$(BIN)/python -m pytest

## messages: extract strings and update both catalogs (then translate, then make translations)
messages: $(BIN)/python
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --ignore-dirs='.* __pycache__ .venv' --no-location --sort-output --width=100 -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --width=100

clean:
	rm -rf $(VENV) *.egg-info
