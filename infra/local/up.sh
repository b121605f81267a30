#!/usr/bin/env bash
# `make up`: on a fresh Debian 12 machine, installs what is missing, starts PostgreSQL, RabbitMQ, the mail sink,
# clamd (with test signatures only: see servers.sh) and the gateway under .run/dev, builds release binaries, migrates, seeds demo accounts, starts the five
# services, waits until every /health/ready answers 200 and prints the URLs. Idempotent; `make down` stops it all.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
run=$root/.run/dev
mkdir -p "$run/logs" "$run/pids" "$run/nginx"

infra/local/install.sh dev
infra/local/fetch-dsfr.sh

set -a
# shellcheck disable=SC1091
. compose/.env.example
# Development secrets: each generated once, kept out of git under .run/dev.
for secret in INTAKE_BANK_DETAILS_KEY DOCUMENTS_GRANT_KEY INTAKE_API_TOKEN PAYMENT_DETAILS_KEY; do
    grep -qs "^$secret=" "$run/secrets.env" || printf '%s=%s\n' "$secret" "$(head -c 32 /dev/urandom | base64)" >> "$run/secrets.env"
done
. "$run/secrets.env"
[ -f .env ] && . ./.env  # personal overrides, ignored by git
set +a
export AMQP_PORT=${AMQP_PORT:-5672} AMQP_MANAGEMENT_PORT=${AMQP_MANAGEMENT_PORT:-15672}
export SMTP_PORT MAIL_WEB_PORT=${MAIL_WEB_PORT:-1080} GATEWAY_PORT=${GATEWAY_PORT:-8080}
export GATEWAY_TLS_PORT=${GATEWAY_TLS_PORT:-8443}
export POSTGRES_SUPERUSER_PASSWORD=${POSTGRES_SUPERUSER_PASSWORD:-postgres-dev-password}
export DOCUMENTS_STORAGE_PATH=${DOCUMENTS_STORAGE_PATH/#.run/$root/.run}
export DOCUMENTS_PDF_PYTHON=${DOCUMENTS_PDF_PYTHON/#.venv/$root/.venv} DOCUMENTS_PDF_ASSETS=${DOCUMENTS_PDF_ASSETS/#.run/$root/.run}

echo "▸ servers (PostgreSQL $POSTGRES_PORT, RabbitMQ $AMQP_PORT, mail sink $SMTP_PORT, clamd $CLAMD_PORT) — building meanwhile"
infra/local/servers.sh start "$run" > "$run/logs/servers.log" 2>&1 &
servers=$!
swift build -c release
wait "$servers" || { cat "$run/logs/servers.log" >&2; exit 1; }
bin=$(swift build -c release --show-bin-path)

services=(intake documents instruction liaison notification)
for service in "${services[@]}"; do "$bin/$service" migrate > "$run/logs/$service-migrate.log"; done
accounts=$("$bin/instruction" seed-demo; "$bin/liaison" seed-demo)

# Starts a local OpenID Connect stand-in (oidc-provider-mock) named NAME on PORT for the person CLAIMS, unless it runs.
stand_in() {
    local name=$1 port=$2 claims=$3 pidfile=$run/pids/$1-mock.pid
    if ! { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2> /dev/null; }; then
        setsid .venv/bin/oidc-provider-mock -p "$port" -n true --user-claims "$claims" \
            >> "$run/logs/$name-mock.log" 2>&1 < /dev/null &
        echo $! > "$pidfile"
    fi
}
# Without a real FranceConnect, a stand-in plays it: sign in there as "fc-demo".
if [ -z "${FRANCECONNECT_ISSUER:-}" ]; then
    fc_port=${FRANCECONNECT_MOCK_PORT:-9400}
    stand_in franceconnect "$fc_port" \
        '{"sub":"fc-demo","email":"camille.demo@example.org","given_name":"Camille","family_name":"Démo"}'
    export FRANCECONNECT_ISSUER=http://127.0.0.1:$fc_port FRANCECONNECT_CLIENT_ID=mij-intake-dev
    export FRANCECONNECT_CLIENT_SECRET=dev-only FRANCECONNECT_ACR=
fi
# Without a real ProConnect, a stand-in plays it for the demo rédacteur: sign in there as "pc-demo".
if [ -z "${PROCONNECT_ISSUER:-}" ]; then
    pc_port=${PROCONNECT_MOCK_PORT:-9401}
    stand_in proconnect "$pc_port" \
        '{"sub":"pc-demo","email":"redacteur@agents.mij.test","given_name":"Agent","usual_name":"Rédacteur"}'
    export PROCONNECT_ISSUER=http://127.0.0.1:$pc_port PROCONNECT_CLIENT_ID=mij-agents-dev PROCONNECT_CLIENT_SECRET=dev-only
fi
# Without an SMS provider, text messages are written as files (never to the logs).
export SMS_GATEWAY_URL=${SMS_GATEWAY_URL:-file://$run/sms}

for service in "${services[@]}"; do
    pidfile=$run/pids/$service.pid
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2> /dev/null; then
        kill -TERM "$(cat "$pidfile")"  # restart on the new build
        while kill -0 "$(cat "$pidfile")" 2> /dev/null; do sleep 0.1; done
    fi
    setsid "$bin/$service" serve >> "$run/logs/$service.log" 2>&1 < /dev/null &
    echo $! > "$pidfile"
done

sed -e "s#@RUN@#$run#g" -e "s#@ROOT@#$root#g" -e "s#@GATEWAY_PORT@#$GATEWAY_PORT#g" \
    -e "s#@GATEWAY_TLS_PORT@#$GATEWAY_TLS_PORT#g" -e "s#@TLS_DIR@#$run/tls#g" \
    -e "s#@INTAKE_PORT@#$INTAKE_HTTP_PORT#g" -e "s#@DOCUMENTS_PORT@#$DOCUMENTS_HTTP_PORT#g" \
    -e "s#@INSTRUCTION_PORT@#$INSTRUCTION_HTTP_PORT#g" -e "s#@LIAISON_PORT@#$LIAISON_HTTP_PORT#g" \
    infra/local/gateway.conf.template > "$run/nginx/nginx.conf"
if [ -f "$run/nginx/nginx.pid" ] && kill -0 "$(cat "$run/nginx/nginx.pid")" 2> /dev/null; then
    nginx -p "$run/nginx" -c "$run/nginx/nginx.conf" -s reload
else
    nginx -p "$run/nginx" -c "$run/nginx/nginx.conf"
fi

echo "▸ waiting for every /health/ready"
ports=("$INTAKE_HTTP_PORT" "$DOCUMENTS_HTTP_PORT" "$INSTRUCTION_HTTP_PORT" "$LIAISON_HTTP_PORT" "$NOTIFICATION_HTTP_PORT")
for index in "${!services[@]}"; do
    for attempt in $(seq 1 120); do
        curl -fs -o /dev/null "http://127.0.0.1:${ports[$index]}/health/ready" && break
        [ "$attempt" = 120 ] && { echo "${services[$index]} is not ready; see $run/logs/${services[$index]}.log" >&2; exit 1; }
        sleep 0.5
    done
done

cat <<TXT

Mon Indemnisation Justice is running.
  Claimants (intake)         http://127.0.0.1:$GATEWAY_PORT/
  Agents (instruction)       http://127.0.0.1:$GATEWAY_PORT/agents/dossiers
  Police/gendarmerie         http://127.0.0.1:$GATEWAY_PORT/fdo
  The same over HTTPS        https://localhost:$GATEWAY_TLS_PORT/  (certificate of $run/tls/ca.crt)
  Mail sink (web)            http://127.0.0.1:$MAIL_WEB_PORT/
  Text messages (SMS)        $SMS_GATEWAY_URL
  FranceConnect              $FRANCECONNECT_ISSUER  (local stand-in unless configured: sign in as fc-demo)
  ProConnect (agents, FDO)   $PROCONNECT_ISSUER  (local stand-in unless configured: sign in as pc-demo)
  RabbitMQ management        http://127.0.0.1:$AMQP_MANAGEMENT_PORT/  (guest / guest)
  Health and metrics         http://127.0.0.1:808{1..5}/health/ready  /metrics
  Logs                       $run/logs/

Demo accounts (development only; new passwords at each make up):
$accounts

Stop everything with: make down
TXT
