#!/usr/bin/env bash
# JUnit and SARIF of a plain `scan` list only the rules the run evaluated
# (issue 11 case 12): port/scan rules, service rules only when probes ran,
# never leak.* / origin.* (no leak audit) nor ipv6.parity (one family).
# Loopback only, one listener; no root needed.
set -euo pipefail
: "${EXPOSCAN:?set EXPOSCAN to the exposcan binary}"
PY=/usr/bin/python3

tmp=$(mktemp -d /tmp/exposcan-junit.XXXXXX)
listener_pid=""
cleanup() {
    [[ -n "$listener_pid" ]] && kill "$listener_pid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# A listener on a free port, alive at most 60 s even if the trap never runs.
"$PY" - "$tmp/port" <<'PYEOF' &
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(16)
open(sys.argv[1], "w").write(f"{s.getsockname()[1]}\n")
time.sleep(60)
PYEOF
listener_pid=$!
for _ in $(seq 50); do [[ -s "$tmp/port" ]] && break; sleep 0.1; done
port=$(cat "$tmp/port")

# cases NAME: the JUnit test case names (but the run's own run.* checks) and the SARIF rule
# ids of run NAME, sorted, one line each.
cases() {
    "$PY" - "$tmp/$1.xml" "$tmp/$1.sarif" <<'PYEOF'
import json, sys, xml.etree.ElementTree as ET
cases = sorted(c.get("name") for c in ET.parse(sys.argv[1]).iter("testcase") if not c.get("name").startswith("run."))
rules = sorted(r["id"] for r in json.load(open(sys.argv[2]))["runs"][0]["tool"]["driver"]["rules"])
print(" ".join(cases)); print(" ".join(rules))
PYEOF
}

run() {  # run NAME ARGS...: scan with JUnit and SARIF outputs; exit 1 expected (the open port)
    local name=$1 rc=0; shift
    "$EXPOSCAN" scan 127.0.0.1 -p "$port" -q --format "junit=$tmp/$name.xml" --format "sarif=$tmp/$name.sarif" "$@" \
        >/dev/null 2>"$tmp/$name.err" || rc=$?
    [[ $rc == 1 ]] || { cat "$tmp/$name.err"; echo "FAIL $name: exit $rc, want 1"; exit 1; }
}

ports_rules="port.unexpected-closed port.unexpected-filtered port.unexpected-open scan.incomplete scan.suspect-middlebox"
service_rules="service.info-leak service.no-auth tls.certificate tls.expired tls.self-signed"  # tls.*: the probes read certificates

run no-probe --no-probe
mapfile -t got < <(cases no-probe)
[[ ${got[0]} == "$ports_rules" ]] || { echo "FAIL no-probe junit: ${got[0]}"; exit 1; }
[[ ${got[1]} == "$ports_rules" ]] || { echo "FAIL no-probe sarif rules: ${got[1]}"; exit 1; }
echo "ok --no-probe: port and scan rules only"

run probed
mapfile -t got < <(cases probed)
[[ ${got[0]} == "$ports_rules $service_rules" ]] || { echo "FAIL probed junit: ${got[0]}"; exit 1; }
[[ ${got[1]} == "$ports_rules $service_rules" ]] || { echo "FAIL probed sarif rules: ${got[1]}"; exit 1; }
grep -q "type=\"high\"" "$tmp/probed.xml" || { echo "FAIL probed: no type=high failure for the open port"; exit 1; }
echo "ok probed: port, scan and service rules; no leak.*, origin.*, ipv6.parity"
echo PASS
