#!/usr/bin/env bash
# Browser-test tools: Debian's chromium and chromium-driver, selenium in .venv, and axe-core 4.12 taken from the
# hash-pinned axe-playwright-python wheel into .run/axe (third-party code is fetched, never committed).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
venv=$root/.venv
"$venv/bin/python" -m pip show selenium > /dev/null 2>&1 \
    || "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "selenium==4.51.0"
target=$root/.run/axe
[ -f "$target/axe.min.js" ] && exit 0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "axe-playwright-python==0.1.8 --hash=sha256:fdd263c998388f1a8e67cad02677e612d946248bd44d163be5e8650ea31f95f8" \
    > "$work/requirements.txt"
"$venv/bin/python" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    --require-hashes -r "$work/requirements.txt" -d "$work"
mkdir -p "$target"
"$venv/bin/python" -c "import sys, zipfile; open(sys.argv[2], 'wb').write(zipfile.ZipFile(sys.argv[1]).read('axe_playwright_python/axe.min.js'))" \
    "$work"/axe_playwright_python-*.whl "$target/axe.min.js"
