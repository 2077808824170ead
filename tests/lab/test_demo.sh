#!/usr/bin/env bash
# `exposcan demo` end to end (on fewer ports): the Docker-published
# Elasticsearch on 9200 is found open on v4 and v6 past the ufw-like firewall,
# 25 is closed as expected, 80/443 (CDN only) are filtered; exit code 1.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_cmd nft
lab_require_exposcan
out=$(mktemp /tmp/xs-demo-test.XXXXXX)
trap 'rm -f "$out"' EXIT
rc=0
DEMO_PORTS=20-30,79-81,442-444,9190-9210 "$EXPOSCAN" demo --format json -q >"$out" || rc=$?
[[ $rc -eq 1 ]] || { cat "$out"; lab_fail "demo exit code $rc, expected 1"; }
"$LAB_PY" - "$out" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
doc = json.loads(text)
for scan in doc["scans"]:
    got = {p["port"]: (p["state"], p["reason"]) for p in scan["ports"]}
    want = {25: ("closed", "conn-refused"), 9200: ("open", "syn-ack")}
    assert got == want, f'{scan["address"]}: {got} != {want}'
rules = {(f["rule"], f["port"]) for f in doc["findings"]}
assert ("port.unexpected-open", 9200) in rules, rules
assert not any(r == "port.unexpected-closed" for r, _ in rules), rules
print("demo findings:", sorted(rules, key=str))
PY
echo "test_demo: PASS"
