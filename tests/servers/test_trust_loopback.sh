#!/usr/bin/env bash
# Issue 11, cases 1 and 2 on loopback (no root):
#  1. scan --policy with several targets judges each address by the target
#     that names it (before: the first match judged every address, exit 0);
#     an address no target names is a usage error (3).
#  2. an address this runner cannot send to (127.255.255.255 is loopback's
#     broadcast address) is inconclusive (2) with the cause, never "filtered"
#     and clean; a canary that cannot be reached makes the run inconclusive.
set -uo pipefail
: "${EXPOSCAN:?set EXPOSCAN to the exposcan binary}"
PY=/usr/bin/python3
tmp=$(mktemp -d)
listener_pid=""
cleanup() {
    [[ -n "$listener_pid" ]] && kill "$listener_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
failed=0
check_rc() {  # check_rc WANT WHAT CMD...
    local want=$1 what=$2 got
    shift 2
    "$@" >"$tmp/stdout" 2>"$tmp/stderr"
    got=$?
    if [[ $got == "$want" ]]; then echo "ok: $what (exit $got)"; else
        echo "FAIL: $what: exit $got, expected $want"; sed 's/^/  stderr: /' "$tmp/stderr" | head -5; failed=1; fi
}

port=$((20000 + RANDOM % 8000))
"$PY" - "$port" "$tmp/ready" <<'PYEOF' &
import socket, sys, time
port, ready = int(sys.argv[1]), sys.argv[2]
socks = []
for addr in ("127.0.0.1", "127.0.0.3"):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(64)
    socks.append(s)
open(ready, "w").write("ok\n")
time.sleep(120)
PYEOF
listener_pid=$!
for _ in $(seq 50); do [[ -s "$tmp/ready" ]] && break; sleep 0.1; done
[[ -s "$tmp/ready" ]] || { echo "FAIL: listeners did not start"; exit 1; }

cat >"$tmp/mix.yaml" <<YAML
targets:
  - name: a
    addresses: [127.0.0.1]
    ports: "$port"
    expect: {open: [$port]}
  - name: b
    addresses: [127.0.0.3]
    ports: "$port"
    expect: {default: filtered}
YAML
base=(scan -p "$port" --no-probe -q --policy "$tmp/mix.yaml")
check_rc 1 "b alone: its own expectations" "$EXPOSCAN" "${base[@]}" 127.0.0.3
check_rc 1 "a then b: b judged by b" "$EXPOSCAN" "${base[@]}" 127.0.0.1 127.0.0.3
check_rc 1 "b then a: b judged by b" "$EXPOSCAN" "${base[@]}" 127.0.0.3 127.0.0.1
check_rc 0 "a alone: its own expectations" "$EXPOSCAN" "${base[@]}" 127.0.0.1
"$EXPOSCAN" "${base[@]}" 127.0.0.1 127.0.0.3 --format "json=$tmp/mix.json"
"$PY" - "$tmp/mix.json" <<'PY' || { echo "FAIL: findings not per target"; failed=1; }
import json, sys
d = json.load(open(sys.argv[1]))
rules = {(f["target"], f["address"], f["rule"]) for f in d["findings"]}
assert rules == {("b", "127.0.0.3", "port.unexpected-open")}, rules
assert [s["target"] for s in d["scans"]] == ["a", "b"], d["scans"]
PY
check_rc 3 "an address no target names" "$EXPOSCAN" "${base[@]}" 127.0.0.1 127.0.0.4
grep -q "no target names 127.0.0.4" "$tmp/stderr" || { echo "FAIL: message: $(cat "$tmp/stderr")"; failed=1; }
check_rc 1 "check mix.yaml agrees" "$EXPOSCAN" check "$tmp/mix.yaml" --no-probe -q

# --- case 2: a broadcast address is not "filtered" ----------------------------
check_rc 2 "broadcast address, no policy" "$EXPOSCAN" scan 127.255.255.255 -p 80-81 --no-probe -v
grep -q "broadcast" "$tmp/stdout" || { echo "FAIL: cause not named: $(cat "$tmp/stdout")"; failed=1; }
grep -q "filtered *net-unreach" "$tmp/stdout" && { echo "FAIL: ports reported as net-unreach"; failed=1; }
cat >"$tmp/bcast.yaml" <<YAML
targets:
  - name: bcast
    addresses: [127.255.255.255]
    ports: all
    expect: {default: filtered, closed: [25]}
YAML
check_rc 2 "broadcast address, policy expects 25 closed" "$EXPOSCAN" check "$tmp/bcast.yaml" --no-probe -q
sed -i 's/, closed: \[25\]//' "$tmp/bcast.yaml"
check_rc 2 "broadcast address, policy all filtered" "$EXPOSCAN" check "$tmp/bcast.yaml" --no-probe -q

# --- canaries ------------------------------------------------------------------
check_rc 0 "canary answers (open)" "$EXPOSCAN" scan 127.0.0.1 -p "$port" --expect-open "$port" --no-probe -q \
    --canary "127.0.0.1:$port"
check_rc 2 "canary cannot be reached" "$EXPOSCAN" scan 127.0.0.1 -p "$port" --expect-open "$port" --no-probe -q \
    --canary "127.255.255.255:$port"
for bad in "127.0.0.1" "127.0.0.1:0" "127.0.0.1:70000" "::1:80" "[::1]" ":80"; do
    check_rc 3 "bad --canary '$bad'" "$EXPOSCAN" scan 127.0.0.1 -p "$port" --no-probe -q --canary "$bad"
done
exit $failed
