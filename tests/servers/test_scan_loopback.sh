#!/usr/bin/env bash
# exposcan scan vs nmap -sT -Pn (the oracle) on loopback, v4 and v6, over a
# random block of 2000 ports with a few listeners; then the same scan under
# `ulimit -n 256` must give identical results (the fd budget adapts).
# Loopback only: no namespaces, no root needed.
set -euo pipefail
: "${EXPOSCAN:?set EXPOSCAN to the exposcan binary}"
PY=/usr/bin/python3
command -v nmap >/dev/null || { echo "skip: nmap not installed (apt-get install nmap)"; exit 77; }

tmp=$(mktemp -d)
listener_pid=""
cleanup() {
    [[ -n "$listener_pid" ]] && kill "$listener_pid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# Below the ephemeral range (no self-connects), away from fixed service ports.
first=$((20000 + RANDOM % 8000))
last=$((first + 1999))
spec="$first-$last"

# Listeners: bounded lifetime even if the trap never runs.
"$PY" - "$first" "$tmp/ready" <<'PYEOF' &
import socket, sys, time
first, ready = int(sys.argv[1]), sys.argv[2]
socks = []
for fam, addr, offs in ((socket.AF_INET, "127.0.0.1", (0, 1, 7, 500, 1999)), (socket.AF_INET6, "::1", (3, 1999))):
    for o in offs:
        s = socket.socket(fam)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((addr, first + o))
        s.listen(64)
        socks.append(s)
open(ready, "w").write("ok\n")
time.sleep(120)
PYEOF
listener_pid=$!
for _ in $(seq 50); do [[ -s "$tmp/ready" ]] && break; sleep 0.1; done
[[ -s "$tmp/ready" ]] || { echo "FAIL: listeners did not start (port in use?)"; exit 1; }

run_scan() {  # exit 1 = findings (open/closed ports vs the default policy): expected here
    local out=$1; shift
    local rc=0
    "$@" scan 127.0.0.1 ::1 -p "$spec" --no-probe --format json -q >"$out" || rc=$?
    [[ $rc -le 1 ]] || { echo "FAIL: exposcan exited $rc"; exit 1; }
}
run_scan "$tmp/a.json" "$EXPOSCAN"
run_scan "$tmp/b.json" bash -c 'ulimit -n 256 && exec "$0" "$@"' "$EXPOSCAN"
nmap -sT -Pn -n --reason -p "$spec" -oX "$tmp/n4.xml" 127.0.0.1 >/dev/null
nmap -6 -sT -Pn -n --reason -p "$spec" -oX "$tmp/n6.xml" ::1 >/dev/null

"$PY" - "$tmp" <<'PYEOF'
import json, sys, xml.etree.ElementTree as ET
tmp = sys.argv[1]

def from_exposcan(path):
    out = {}
    for s in json.load(open(path))["scans"]:
        assert s["complete"], s
        listed = {p["port"]: (p["state"], p["reason"]) for p in s["ports"]}
        out[s["address"]] = (listed, s["counts"])
    return out

def from_nmap(path):
    host = ET.parse(path).getroot().find("host")
    addr = host.find("address").get("addr")
    ports = host.find("ports")
    listed = {int(p.get("portid")): (p.find("state").get("state"), p.find("state").get("reason"))
              for p in ports.findall("port")}
    counts = {"open": 0, "closed": 0, "filtered": 0}
    for st, _ in listed.values(): counts[st] += 1
    for e in ports.findall("extraports"):
        counts[e.get("state")] += int(e.get("count"))
        for r in e.findall("extrareasons"):
            assert r.get("reason") in ("conn-refused", "resets"), r.attrib
    return addr, listed, counts

a, b = from_exposcan(f"{tmp}/a.json"), from_exposcan(f"{tmp}/b.json")
assert a == b, "ulimit -n 256 changed the results"
fail = False
for f in ("n4.xml", "n6.xml"):
    addr, listed, counts = from_nmap(f"{tmp}/{f}")
    mine, my_counts = a[addr]
    want_open = {p for p, (st, _) in listed.items() if st == "open"}
    got_open = {p for p, (st, _) in mine.items() if st == "open"}
    if want_open != got_open or counts != my_counts:
        print(f"FAIL {addr}: nmap open {sorted(want_open)} {counts}; exposcan open {sorted(got_open)} {my_counts}")
        fail = True
    for p, (st, reason) in listed.items():  # ports nmap lists one by one: state and reason equal
        if mine.get(p, ("filtered", "no-response")) != (st, {"conn-refused": "conn-refused"}.get(reason, reason)):
            print(f"FAIL {addr}:{p}: nmap {st}/{reason}, exposcan {mine.get(p)}")
            fail = True
    print(f"{addr}: {len(want_open)} open, {counts['closed']} closed: exposcan == nmap")
sys.exit(1 if fail else 0)
PYEOF
echo "PASS: exposcan == nmap -sT on $spec (v4, v6), identical under ulimit -n 256"
