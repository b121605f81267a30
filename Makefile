# The single list of developer commands. DESIGN.md §6 fixes up, down, test and bench.
.PHONY: up down test bench chaos build build-release format lint db-bootstrap migrate-all \
	run-intake run-documents run-instruction run-liaison run-notification

up: ## install, start, migrate, seed and run everything; prints the URLs
	infra/local/up.sh

down: ## stop everything `make up` started, by PID
	infra/local/down.sh

test: ## every test layer against real servers started for the run
	infra/local/test.sh

bench: ## benchmarks on a release build; last line is one JSON object (BENCH_SOAK_MINUTES=10 adds a soak)
	infra/local/bench.sh

chaos: ## the long fault schedule (1,000 claims at 5/s, every fault injected twice); prints the counts
	CHAOS_CLAIMS=$${CHAOS_CLAIMS:-1000} CHAOS_RATE=$${CHAOS_RATE:-5} CHAOS_ROUNDS=$${CHAOS_ROUNDS:-2} \
		TEST_FILTER=claimsSubmittedThroughKills infra/local/test.sh

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
