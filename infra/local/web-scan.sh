#!/usr/bin/env bash
# Release check of the public portals (reliability.md §4.C 33 and 38, §5 "web findings"): wapiti crawls what
# `make up` serves on the gateway (anonymous pages and forms of the three portals) and attacks every parameter it
# finds (injections, XSS, redirects, file and command execution, CRLF, SSRF…), then sqlmap tries SQL injection on
# every form it crawls. Reports under .run/scan; exits 1 on any finding wapiti rates medium or above or any
# injection sqlmap confirms. Not part of `make test`: a scan takes tens of minutes. Usage: make up; this script.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
target=${SCAN_TARGET:-http://127.0.0.1:${GATEWAY_PORT:-8080}}
out=$root/.run/scan
venv=$root/.run/scan-venv
curl -fsS -o /dev/null "$target/" || { echo "nothing answers on $target: run make up first" >&2; exit 2; }
[ -x "$venv/bin/wapiti" ] || {
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check wapiti3==3.2.3 sqlmap==1.10.10
}
rm -rf "$out"
mkdir -p "$out"

echo "▸ wapiti on $target (at most ${SCAN_MINUTES:-20} minutes)"
# The folder only: the local OpenID Connect stand-in on another port is not ours to scan.
"$venv/bin/wapiti" -u "$target/" --scope folder --flush-session --max-scan-time $((${SCAN_MINUTES:-20} * 60)) \
    --max-attack-time 300 -x "$target/deconnexion" -x "$target/agents/deconnexion" -x "$target/fdo/deconnexion" \
    -f json -o "$out/wapiti.json" > "$out/wapiti.log" 2>&1 || { tail -20 "$out/wapiti.log" >&2; exit 2; }

echo "▸ sqlmap on every form and link found from $target (at most ${SCAN_MINUTES:-20} minutes a pass; the sign-in forms' rate limits
  slow it down: --smart leaves the parameters whose first heuristic test shows nothing)"
timeout $((${SCAN_MINUTES:-20} * 60)) "$venv/bin/sqlmap" -u "$target/" --forms --crawl=3 --batch --smart --level=1 \
    --risk=1 --csrf-token=csrfToken --random-agent --output-dir="$out/sqlmap" > "$out/sqlmap.log" 2>&1 || true
# The links' query parameters (`retour`, filters…) in a second pass: with --csrf-token sqlmap skips every target
# that carries no token, which GET links never do.
timeout $((${SCAN_MINUTES:-20} * 60)) "$venv/bin/sqlmap" -u "$target/" --crawl=3 --batch --smart --level=1 --risk=1 \
    --random-agent --output-dir="$out/sqlmap" >> "$out/sqlmap.log" 2>&1 || true

"$venv/bin/python" - "$out" <<'PY'
import json
import pathlib
import sys

out = pathlib.Path(sys.argv[1])
report = json.loads((out / "wapiti.json").read_text())
names = {0: "info", 1: "low", 2: "medium", 3: "high", 4: "critical"}
serious = 0
for section in ("vulnerabilities", "anomalies"):
    for category, findings in report.get(section, {}).items():
        for finding in findings:
            level = finding.get("level", 0)
            serious += level >= 2
            print(f"wapiti {section[:-1]}: {category} [{names.get(level, level)}] {finding.get('method')} "
                  f"{finding.get('path')} {finding.get('parameter') or ''} {finding.get('info', '')[:120]}")
crawled = report.get("infos", {}).get("crawled_pages_nbr", "?")
log = (out / "sqlmap.log").read_text(errors="replace").splitlines()
injections = sum(1 for line in log if "is vulnerable" in line or ("appears to be" in line and "injectable" in line))
print(f"wapiti: {crawled} pages crawled, {serious} finding(s) rated medium or above; "
      f"sqlmap: {sum('testing URL' in line for line in log)} form(s) tested, {injections} injection(s) confirmed")
sys.exit(1 if serious or injections else 0)
PY
