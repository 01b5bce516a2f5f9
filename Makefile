# The two commands of the README. Both install first (idempotent), so a fresh clone needs nothing else.
.PHONY: install demo test lint

install:
	bash scripts/install.sh

demo: install
	.venv/bin/pseudonym demo

test: install
	.venv/bin/ruff check .
	.venv/bin/python -m pytest -q

lint:
	.venv/bin/ruff check .
