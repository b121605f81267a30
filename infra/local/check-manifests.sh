#!/usr/bin/env bash
# Validates the deployment files offline (DESIGN.md §8): every Kubernetes overlay rendered by kustomize against the
# Kubernetes 1.32 schemas, unknown fields refused (the operators' resources, whose schemas are not bundled, are
# only warned about); the compose file against the compose specification. Part of `make test`.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
venv=$root/.venv/bin
command -v kubectl > /dev/null || { echo "kubectl (kustomize) is missing: it comes with the base image" >&2; exit 1; }
for overlay in "$root"/infra/k8s/overlays/*/; do
    rendered=$(mktemp)
    kubectl kustomize "$overlay" > "$rendered"
    output=$("$venv/kubernetes-validate" --strict -k 1.32.0 "$rendered" 2>&1) || { echo "$output" >&2; rm -f "$rendered"; exit 1; }
    rm -f "$rendered"
    unexpected=$(echo "$output" | grep '^WARN' | grep -v -e 'kind Cluster with api version postgresql.cnpg.io' \
        -e 'kind ScheduledBackup with api version postgresql.cnpg.io' -e 'kind RabbitmqCluster with api version rabbitmq.com' || true)
    [ -z "$unexpected" ] || { echo "$unexpected" >&2; exit 1; }
    echo "k8s $(basename "$overlay"): $(echo "$output" | grep -c '^INFO.*passed') resources valid"
done
"$venv/check-jsonschema" --builtin-schema vendor.compose-spec "$root/compose/compose.yaml"
