#!/usr/bin/env bash
# `make down`: stops, by PID, everything `make up` started.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
run=$root/.run/dev
for pidfile in "$run"/pids/*.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill -TERM "$pid" 2> /dev/null; then
        for _ in $(seq 1 100); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    fi
    rm -f "$pidfile"
done
if [ -f "$run/nginx/nginx.pid" ]; then
    nginx -p "$run/nginx" -c "$run/nginx/nginx.conf" -s quit 2> /dev/null || true
fi
"$root/infra/local/servers.sh" stop "$run"
echo "stopped"
