# The two commands of the README's quick start.
.PHONY: demo test setup lint bench

demo: ## set up, ingest the bundled sample corpus, show what mercato found
	@scripts/setup.sh
	@rm -f demo.db
	.venv/bin/mercato ingest samples/ --db demo.db
	.venv/bin/mercato facts --db demo.db

test: ## set up (Chromium included) and run the whole test suite
	@scripts/setup.sh --browser
	.venv/bin/ruff check src tests benchmarks
	.venv/bin/python -m pytest -q

setup:
	@scripts/setup.sh

lint:
	.venv/bin/ruff check src tests benchmarks

bench: ## run every benchmark (prints throughput and peak memory)
	@scripts/setup.sh
	for b in benchmarks/bench_*.py; do .venv/bin/python $$b; done
