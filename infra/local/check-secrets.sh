#!/usr/bin/env bash
# No secret in the repository (reliability.md §4.C 40), run by `make test`: detect-secrets scans every tracked file
# against .secrets.baseline, whose entries are audited non-secrets (test fixtures, the public example keys of
# AWS's signature examples, development defaults, Secret names in the manifests). A new finding fails the run until
# it is removed, or audited as harmless: `git ls-files -z | xargs -0 .venv/bin/detect-secrets scan --baseline
# .secrets.baseline`, then `.venv/bin/detect-secrets audit .secrets.baseline` (answer for each new entry).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
scratch=$(mktemp)
trap 'rm -f "$scratch"' EXIT
cp .secrets.baseline "$scratch"
git ls-files -z | xargs -0 .venv/bin/detect-secrets scan --exclude-files '^\.secrets\.baseline$' --baseline "$scratch"
# Entries scan adds are not audited (no is_secret): each is a finding.
.venv/bin/python - "$scratch" <<'PY'
import json
import sys

results = json.load(open(sys.argv[1]))["results"]
found = [f"{name}:{r['line_number']}: {r['type']}" for name, rs in results.items() for r in rs if r.get("is_secret") is not False]
if found:
    print("detect-secrets: possible secrets not audited in .secrets.baseline:\n  " + "\n  ".join(found), file=sys.stderr)
    sys.exit(1)
PY
echo "detect-secrets: no unaudited secret in $(git ls-files | wc -l) tracked files"
