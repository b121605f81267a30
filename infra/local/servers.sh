#!/usr/bin/env bash
# Throwaway PostgreSQL, RabbitMQ, SMTP sink and clamd on loopback, all state under one directory, stopped by PID.
#   servers.sh start DIR   |   servers.sh stop DIR   |   servers.sh rabbitmqctl DIR ARGS… (fault tests)
#   servers.sh clamd-start|clamd-stop DIR (antivirus outage tests) | servers.sh postgres-restart DIR (fault tests)
# Ports come from the environment (POSTGRES_PORT, AMQP_PORT, AMQPS_PORT, AMQP_MANAGEMENT_PORT, SMTP_PORT,
# MAIL_WEB_PORT, CLAMD_PORT).
# PostgreSQL and RabbitMQ also accept TLS (TLS 1.2 and 1.3 only; RabbitMQ on AMQPS_PORT), with a certificate for
# localhost and 127.0.0.1 signed by a throwaway CA made at first start: DIR/tls/ca.crt, what services name in
# POSTGRES_SSLROOTCERT and AMQP_CACERT to check the servers as production does (sslmode=verify-full, amqps).
# With MAIL_WEB_PORT set the sink is maildump (web UI for people), otherwise aiosmtpd writing a Maildir (tests).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
RMQBIN=${RMQBIN:-/usr/lib/rabbitmq/bin}
: "${POSTGRES_PORT:=5432}" "${AMQP_PORT:=5672}" "${SMTP_PORT:=1025}" "${CLAMD_PORT:=3310}"
: "${AMQPS_PORT:=$((AMQP_PORT + 30000))}"
: "${POSTGRES_SUPERUSER_PASSWORD:=postgres-dev-password}"

rmq_env() {  # the server and its CLI must see the same variables
    export HOME=$1/rabbitmq RABBITMQ_NODENAME=rmq$AMQP_PORT@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
    export RABBITMQ_NODE_PORT=$AMQP_PORT RABBITMQ_DIST_PORT=${AMQP_DIST_PORT:-$((AMQP_PORT + 20000))}
    export RABBITMQ_MNESIA_BASE=$1/rabbitmq/mnesia RABBITMQ_LOG_BASE=$1/rabbitmq/log
    export RABBITMQ_PID_FILE=$1/rabbitmq/rabbit.pid RABBITMQ_ENABLED_PLUGINS_FILE=$1/rabbitmq/enabled_plugins
    export RABBITMQ_CONFIG_FILE=$1/rabbitmq/rabbitmq RABBITMQ_ADVANCED_CONFIG_FILE=$1/rabbitmq/advanced.config
}

# A CA and a server certificate for localhost and 127.0.0.1, made once per directory.
make_certificates() {
    local tls=$1/tls
    [ -f "$tls/server.crt" ] && return
    mkdir -p "$tls"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=MIJ test CA" -keyout "$tls/ca.key" \
        -out "$tls/ca.crt" 2> /dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$tls/server.key" -out "$tls/server.csr" \
        2> /dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > "$tls/server.ext"
    openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 3650 \
        -extfile "$tls/server.ext" -out "$tls/server.crt" 2> /dev/null
    chmod 644 "$tls/server.key"  # throwaway; RabbitMQ reads it as is, PostgreSQL gets its own 0600 copy
}

start_postgres() {
    local dir=$1/postgres
    mkdir -p "$dir"; chown postgres: "$dir"
    install -o postgres -m 600 "$1/tls/server.key" "$dir/server.key"
    install -o postgres -m 644 "$1/tls/server.crt" "$dir/server.crt"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        echo "$POSTGRES_SUPERUSER_PASSWORD" > "$dir/pwfile"; chown postgres: "$dir/pwfile"; chmod 600 "$dir/pwfile"
        runuser -u postgres -- "$PGBIN/initdb" -D "$dir/data" -U postgres -A scram-sha-256 --pwfile="$dir/pwfile" \
            -E UTF8 --locale=C.UTF-8 --no-sync > "$dir/initdb.log"
        rm -f "$dir/pwfile"
    fi
    if ! runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" status > /dev/null 2>&1; then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o \
            "-p $POSTGRES_PORT -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c ssl=on \
             -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key -c ssl_min_protocol_version=TLSv1.2 \
             ${POSTGRES_EXTRA_OPTIONS:-}" \
            start > /dev/null
    fi
    PGPASSWORD=$POSTGRES_SUPERUSER_PASSWORD "$here/bootstrap-db.sh"
}

start_rabbitmq() {
    rmq_env "$1"
    mkdir -p "$HOME"
    if [ -n "${AMQP_MANAGEMENT_PORT:-}" ]; then
        echo '[rabbitmq_management].' > "$RABBITMQ_ENABLED_PLUGINS_FILE"
    else
        echo '[].' > "$RABBITMQ_ENABLED_PLUGINS_FILE"
    fi
    {
        echo 'log.console = false'
        echo 'log.file.level = warning'
        echo "listeners.ssl.default = 127.0.0.1:$AMQPS_PORT"
        echo "ssl_options.cacertfile = $1/tls/ca.crt"
        echo "ssl_options.certfile = $1/tls/server.crt"
        echo "ssl_options.keyfile = $1/tls/server.key"
        echo 'ssl_options.versions.1 = tlsv1.3'
        echo 'ssl_options.versions.2 = tlsv1.2'
        echo 'ssl_options.verify = verify_none'
        echo 'ssl_options.fail_if_no_peer_cert = false'
        [ -n "${AMQP_MANAGEMENT_PORT:-}" ] && echo "management.tcp.port = $AMQP_MANAGEMENT_PORT" && echo 'management.tcp.ip = 127.0.0.1'
        true
    } > "$HOME/rabbitmq.conf"
    if [ -f "$HOME/wrapper.pid" ] && kill -0 "$(cat "$HOME/wrapper.pid")" 2> /dev/null; then return; fi
    setsid "$RMQBIN/rabbitmq-server" > "$HOME/stdout.log" 2>&1 < /dev/null &
    echo $! > "$HOME/wrapper.pid"
}

wait_rabbitmq() {
    rmq_env "$1"
    for _ in $(seq 1 30); do
        if ! kill -0 "$(cat "$HOME/wrapper.pid")" 2> /dev/null; then
            echo "RabbitMQ failed to start:" >&2; tail -5 "$HOME/stdout.log" >&2; return 1
        fi
        "$RMQBIN/rabbitmqctl" -q wait --timeout 5 "$RABBITMQ_PID_FILE" > /dev/null 2>&1 && return 0
    done
    echo "RabbitMQ did not become ready" >&2
    return 1
}

start_smtp() {
    local dir=$1/mail
    mkdir -p "$dir/maildir"/{cur,new,tmp}
    if [ -f "$dir/sink.pid" ] && kill -0 "$(cat "$dir/sink.pid")" 2> /dev/null; then return; fi
    if [ -n "${MAIL_WEB_PORT:-}" ]; then
        setsid "$root/.venv/bin/maildump" --smtp-ip 127.0.0.1 --smtp-port "$SMTP_PORT" --http-ip 127.0.0.1 \
            --http-port "$MAIL_WEB_PORT" --db "$dir/maildump.sqlite" -f > "$dir/sink.log" 2>&1 < /dev/null &
    else
        setsid "$root/.venv/bin/python" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox \
            "$dir/maildir" > "$dir/sink.log" 2>&1 < /dev/null &
    fi
    echo $! > "$dir/sink.pid"
    for _ in $(seq 1 100); do
        (exec 3<> "/dev/tcp/127.0.0.1/$SMTP_PORT") 2> /dev/null && return
        sleep 0.1
    done
    echo "SMTP sink did not start: $(cat "$dir/sink.log")" >&2
    return 1
}

# No signature database can be downloaded here: clamd gets the project's own test signatures, written at start
# from hex so that no file in the repository trips a developer's antivirus. EICAR's standard test string, and a
# marker any test PDF can carry. Production points DatabaseDirectory at a freshclam mirror instead.
eicar_hex=58354f2150254041505b345c505a58353428505e2937434329377d2445494341522d5354414e444152442d414e544956495255532d544553542d46494c452124482b482a
marker_hex=$(printf 'CLAIMS-AV-TEST-MARKER' | od -An -tx1 | tr -d ' \n')

start_clamd() {
    local dir=$1/clamd
    mkdir -p "$dir/db"
    printf 'Eicar-Test-Signature-Body:0:*:%s\nMIJ-Test-Marker:0:*:%s\n' "$eicar_hex" "$marker_hex" > "$dir/db/mij-test.ndb"
    cat > "$dir/clamd.conf" <<CONF
Foreground yes
DatabaseDirectory $dir/db
TCPAddr 127.0.0.1
TCPSocket $CLAMD_PORT
LogFile $dir/clamd.log
AlertEncrypted yes
AlertExceedsMax yes
StreamMaxLength 25M
MaxFileSize 25M
MaxScanSize 100M
CONF
    if [ -f "$dir/clamd.pid" ] && kill -0 "$(cat "$dir/clamd.pid")" 2> /dev/null; then return; fi
    setsid clamd --config-file="$dir/clamd.conf" > "$dir/stdout.log" 2>&1 < /dev/null &
    echo $! > "$dir/clamd.pid"
    for _ in $(seq 1 100); do
        (exec 3<> "/dev/tcp/127.0.0.1/$CLAMD_PORT") 2> /dev/null && return
        kill -0 "$(cat "$dir/clamd.pid")" 2> /dev/null || break
        sleep 0.1
    done
    echo "clamd did not start: $(tail -5 "$dir/stdout.log")" >&2
    return 1
}

stop_clamd() {
    local pidfile=$1/clamd/clamd.pid
    [ -f "$pidfile" ] || return 0
    local pid; pid=$(cat "$pidfile")
    kill -TERM "$pid" 2> /dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    rm -f "$pidfile"
}

stop_all() {
    local dir=$1
    stop_clamd "$dir"
    if [ -f "$dir/mail/sink.pid" ]; then kill "$(cat "$dir/mail/sink.pid")" 2> /dev/null || true; rm -f "$dir/mail/sink.pid"; fi
    if [ -f "$dir/rabbitmq/wrapper.pid" ]; then
        rmq_env "$dir"
        local pid; pid=$(cat "$HOME/wrapper.pid")
        kill -TERM "$pid" 2> /dev/null || true
        for _ in $(seq 1 100); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
        rm -f "$HOME/wrapper.pid"
        # epmd outlives the node; stop it only when no other node uses it.
        if ! pgrep -f "beam.smp" > /dev/null; then epmd -kill > /dev/null 2>&1 || true; fi
    fi
    if [ -f "$dir/postgres/data/postmaster.pid" ]; then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/postgres/data" -m fast -w stop > /dev/null 2>&1 || true
    fi
}

cmd=${1:?usage: servers.sh start|stop DIR}
dir=$(mkdir -p "${2:?DIR}" && cd "$2" && pwd)
# Later commands on the same directory reuse the ports it was started with.
if [ "$cmd" = start ]; then
    printf 'POSTGRES_PORT=%s\nAMQP_PORT=%s\nAMQPS_PORT=%s\nSMTP_PORT=%s\nCLAMD_PORT=%s\n' "$POSTGRES_PORT" \
        "$AMQP_PORT" "$AMQPS_PORT" "$SMTP_PORT" "$CLAMD_PORT" > "$dir/ports.env"
elif [ -f "$dir/ports.env" ]; then
    # shellcheck disable=SC1091
    . "$dir/ports.env"
fi
case $cmd in
    start)
        make_certificates "$dir"
        start_rabbitmq "$dir"  # boots in the background while the others start
        start_postgres "$dir"
        start_smtp "$dir"
        start_clamd "$dir"
        wait_rabbitmq "$dir"
        ;;
    stop) stop_all "$dir" ;;
    rabbitmqctl) rmq_env "$dir"; shift 2; "$RMQBIN/rabbitmqctl" -q "$@" ;;
    postgres-restart)  # fast: every open connection is cut, as a crash or failover would
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/postgres/data" -l "$dir/postgres/server.log" -m fast -w -t 60 \
            restart > /dev/null ;;
    clamd-start) start_clamd "$dir" ;;
    clamd-stop) stop_clamd "$dir" ;;
    *) echo "usage: servers.sh start|stop DIR" >&2; exit 2 ;;
esac
