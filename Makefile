# The two commands of the README's quick start.
.PHONY: demo test setup lint bench

demo: ## set up, ingest the bundled sample corpus, show what mercato found
	@scripts/setup.sh
	@rm -f demo.db
	.venv/bin/mercato ingest samples/ --db demo.db
	.venv/bin/mercato facts --db demo.db

test: ## set up (Chromium included), lint, and run the whole test suite
	@scripts/setup.sh --browser
	$(MAKE) --no-print-directory lint
	.venv/bin/python -m pytest -q

setup:
	@scripts/setup.sh

lint: ## ruff (rules and format), the import layers (pyproject's [tool.importlinter]) and mypy
	@scripts/setup.sh
	.venv/bin/ruff check src tests benchmarks scripts
	.venv/bin/ruff format --check src tests benchmarks scripts
	.venv/bin/lint-imports --no-logo
	.venv/bin/mypy

bench: ## run every benchmark (prints throughput and peak memory)
	@scripts/setup.sh
	for b in benchmarks/bench_*.py; do .venv/bin/python $$b; done
