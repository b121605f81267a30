#!/usr/bin/env bash
# `make test`: installs what is missing, starts throwaway PostgreSQL, RabbitMQ and SMTP sink under .run/test
# (while the debug build runs), runs every test layer once on that build, then stops the servers by PID.
# With CI=true a missing server fails the run instead of skipping integration suites. TEST_FILTER runs only the
# tests it matches (`make chaos`).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
infra/local/install.sh test

export POSTGRES_PORT=${TEST_POSTGRES_PORT:-15432} AMQP_PORT=${TEST_AMQP_PORT:-5673} SMTP_PORT=${TEST_SMTP_PORT:-2525}
export CLAMD_PORT=${TEST_CLAMD_PORT:-3311}
export POSTGRES_SUPERUSER_PASSWORD=postgres-dev-password
servers=$root/.run/test
infra/local/servers.sh stop "$servers" > /dev/null 2>&1 || true  # leftovers of an interrupted run
rm -rf "$servers/mail"
stop_servers() { infra/local/servers.sh stop "$servers" || true; }
trap stop_servers EXIT

infra/local/servers.sh start "$servers" > "$root/.run/test-servers.log" 2>&1 &
servers_pid=$!
infra/local/check-manifests.sh
infra/local/check-secrets.sh
swift build --build-tests ${SWIFT_BUILD_FLAGS:-}
if ! wait "$servers_pid"; then
    echo "test servers failed to start:" >&2
    cat "$root/.run/test-servers.log" >&2
    exit 1
fi

export AMQP_URL="amqp://guest:guest@127.0.0.1:$AMQP_PORT/"
export TEST_SERVERS_DIR=$servers TEST_MAILDIR=$servers/mail/maildir
export MIJ_BIN_DIR
MIJ_BIN_DIR=$(swift build --show-bin-path)
export REQUIRE_INTEGRATION=1
# One test at a time: the fault tests restart the shared broker, and the machine has 2 cores.
set +e
swift test --skip-build --no-parallel ${TEST_FILTER:+--filter "$TEST_FILTER"} 2>&1 | tee "$root/.run/test.log" | grep -v -e '^\[[0-9]*/[0-9]*\]' -e '^{"'
status=${PIPESTATUS[0]}
exit "$status"
