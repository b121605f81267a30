#!/usr/bin/env bash
# Fetches the French state design system (DSFR 1.14.4) from the hash-pinned django-dsfr wheel on PyPI and
# unpacks only its dist/ folder into .run/dsfr (ignored by git: third-party assets are never committed).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
target=$root/.run/dsfr
version=3.6.1
sha=c59bb7db779d7a605f5be26c9d9f0dfe4a44073f861148df5a22c85bdb250067
[ -f "$target/.django-dsfr-$version" ] && exit 0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "django-dsfr==$version --hash=sha256:$sha" > "$work/requirements.txt"
"$root/.venv/bin/python" -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
    --require-hashes -r "$work/requirements.txt" -d "$work"
rm -rf "$target" && mkdir -p "$target"
"$root/.venv/bin/python" - "$work"/django_dsfr-*.whl "$target" <<'PY'
import sys, zipfile, os
wheel, target = sys.argv[1], sys.argv[2]
prefix = "dsfr/static/dsfr/dist/"
with zipfile.ZipFile(wheel) as archive:
    for name in archive.namelist():
        if name.startswith(prefix) and not name.endswith("/"):
            destination = os.path.join(target, name[len(prefix):])
            os.makedirs(os.path.dirname(destination), exist_ok=True)
            with archive.open(name) as source, open(destination, "wb") as out:
                out.write(source.read())
PY
touch "$target/.django-dsfr-$version"
