#!/usr/bin/env bash
# `make bench`: release build, throwaway servers under .run/bench, the five services started as processes,
# then Tests/Bench measures raw limits and system figures in the same run. Last line: one JSON object.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
infra/local/install.sh test > /dev/null
run=$root/.run/bench
export POSTGRES_PORT=15433 AMQP_PORT=5674 SMTP_PORT=2526 CLAMD_PORT=3312 POSTGRES_SUPERUSER_PASSWORD=postgres-dev-password
infra/local/servers.sh stop "$run" > /dev/null 2>&1 || true
rm -rf "$run"
mkdir -p "$run/logs"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2> /dev/null || true; done
    wait 2> /dev/null || true
    infra/local/servers.sh stop "$run" > /dev/null 2>&1 || true
}
trap cleanup EXIT

infra/local/servers.sh start "$run" > "$run/logs/servers.log" 2>&1 &
servers=$!
build() { swift build -c release --product "$1" >> "$run/logs/build.log" 2>&1 || { tail -30 "$run/logs/build.log" >&2; exit 1; }; }
for product in mij-bench intake documents instruction liaison notification; do build "$product"; done
wait "$servers" || { cat "$run/logs/servers.log" >&2; exit 1; }
bin=$(swift build -c release --show-bin-path)

export AMQP_URL="amqp://guest:guest@127.0.0.1:$AMQP_PORT/" LOG_LEVEL=warning DOCUMENTS_STORAGE_PATH=$run/blobs
# Each claim's PDF receipt costs ~110 ms of WeasyPrint; thousands of bench claims would keep a core busy for
# minutes and skew every other figure, so they are requested but not rendered here.
export DOCUMENTS_RECEIPTS_PAUSED=true
INTAKE_BANK_DETAILS_KEY=$(head -c 32 /dev/urandom | base64)
DOCUMENTS_GRANT_KEY=$(head -c 32 /dev/urandom | base64)
INTAKE_API_TOKEN=$(head -c 32 /dev/urandom | base64)
PAYMENT_DETAILS_KEY=$(head -c 32 /dev/urandom | base64)
export INTAKE_BANK_DETAILS_KEY DOCUMENTS_GRANT_KEY INTAKE_API_TOKEN PAYMENT_DETAILS_KEY
port=18081
for service in intake documents instruction liaison notification; do
    "$bin/$service" migrate > /dev/null
    env "${service^^}_HTTP_PORT=$port" setsid "$bin/$service" serve > "$run/logs/$service.log" 2>&1 < /dev/null &
    pids+=($!)
    until curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2> /dev/null; do sleep 0.2; done
    port=$((port + 1))
done
credentials=$("$bin/instruction" seed-demo | awk '/redacteur@/ { print $2 ":" $3 }')
sleep 5  # let start-up settle before the idle memory reading

BENCH_SERVICE_PIDS="${pids[*]}" BENCH_AGENT_CREDENTIALS=$credentials \
    BENCH_SERVICE_URLS="$(printf 'http://127.0.0.1:%s ' 18081 18082 18083 18084 18085)" \
    BENCH_INTAKE_URL=http://127.0.0.1:18081 BENCH_INSTRUCTION_URL=http://127.0.0.1:18083 \
    "$bin/mij-bench"
