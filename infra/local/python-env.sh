#!/usr/bin/env bash
# Creates the project's Python virtualenv (.venv) with the test and dev tools from PyPI. Idempotent.
#   python-env.sh test   -> aiosmtpd (SMTP sink for tests), WeasyPrint and segno (the documents service's PDF renderer and its QR codes),
#                           oidc-provider-mock (the OpenID Connect provider of the sign-in tests and of `make up`),
#                           kubernetes-validate and check-jsonschema (the deployment files' offline checks),
#                           moto's server (the S3-compatible store of the S3 blob store's tests, infra/local/s3-stand-in.py),
#                           detect-secrets (infra/local/check-secrets.sh)
#   python-env.sh dev    -> also maildump (SMTP sink with a web UI for people)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
venv=$root/.venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
want=("aiosmtpd==1.4.6" "weasyprint==70.0" "segno==1.6.6" "oidc-provider-mock==0.3.4" "kubernetes-validate==1.37.0"
      "check-jsonschema==0.39.0" "moto[server]==5.2.1"
      "detect-secrets==1.5.0")
[ "${1:-test}" = dev ] && want+=("maildump==1.0")
missing=()
for requirement in "${want[@]}"; do
    name=${requirement%%==*}
    "$venv/bin/python" -m pip show "${name%%\[*}" > /dev/null 2>&1 || missing+=("$requirement")
done
if [ ${#missing[@]} -gt 0 ]; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${missing[@]}"
fi
