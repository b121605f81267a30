# The single list of developer commands. DESIGN.md §6 fixes up, down, test and bench.
.PHONY: up down test bench build build-release format lint db-bootstrap migrate-all \
	run-intake run-documents run-instruction run-liaison run-notification

up: ## install, start, migrate, seed and run everything; prints the URLs
	infra/local/up.sh

down: ## stop everything `make up` started, by PID
	infra/local/down.sh

test: ## every test layer against real servers started for the run
	infra/local/test.sh

bench: ## benchmarks on a release build; last line is one JSON object
	infra/local/bench.sh

build:
	swift build

build-release:
	swift build -c release

format:
	swift format --in-place --recursive Package.swift Services Shared Tests

lint:
	swift format lint --strict --recursive Package.swift Services Shared Tests

db-bootstrap: ## apply infra/postgres to the server at POSTGRES_HOST:POSTGRES_PORT (PGPASSWORD = superuser's)
	infra/local/bootstrap-db.sh

DEV_ENV = set -a && . compose/.env.example && { [ ! -f .run/dev/secrets.env ] || . .run/dev/secrets.env; } && set +a

run-%: ## run one service from the debug build with the local dev settings (see compose/.env.example)
	swift build --product $* && $(DEV_ENV) && MIGRATE_ON_START=true .build/debug/$* serve

migrate-%:
	swift build --product $* && $(DEV_ENV) && .build/debug/$* migrate
