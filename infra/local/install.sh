#!/usr/bin/env bash
# Installs what the project needs on a Debian 12 machine, only what is missing. Idempotent.
#   install.sh test  -> servers and libraries for `make test` (PostgreSQL 15, RabbitMQ, rabbitmq-c, aiosmtpd; nginx and
#                       testssl.sh for the gateway's TLS profile)
#   install.sh dev   -> also what `make up` and `make bench` use (maildump, wrk)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mode=${1:-test}
packages=(postgresql-15 rabbitmq-server librabbitmq-dev python3-venv chromium chromium-driver clamav-daemon poppler-utils openssl
          nginx-light testssl.sh)
[ "$mode" = dev ] && packages+=(wrk curl)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2> /dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "missing Debian packages: ${missing[*]} — run as root (or: sudo apt-get install ${missing[*]})" >&2
        exit 1
    fi
    echo "installing ${missing[*]}"
    apt-get update -qq
    # Debian's maintainer scripts must not start the servers: each run starts its own, under .run/.
    [ -e /usr/sbin/policy-rc.d ] || { printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi
"$here/python-env.sh" "$mode"
"$here/browser-env.sh"
