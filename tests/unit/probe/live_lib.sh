# Helpers for tests/servers/test_probe_*.sh (sourced, not run). Every server
# a test starts gets a temp dir and is killed by the caller's trap.
set -euo pipefail

LIVE_BIN="${EXPOSCAN_BUILD_DIR:-}/tests/test_probe"

live_require() {  # live_require CMD... : skip (77) when a tool is missing
    for c in "$@"; do command -v "$c" >/dev/null 2>&1 || { echo "SKIP: $c not installed"; exit 77; }; done
    [ -x "$LIVE_BIN" ] || { echo "SKIP: $LIVE_BIN not built"; exit 77; }
}

free_port() {  # a free loopback TCP port, picked by the kernel
    /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_port() {  # wait_port ADDR PORT [netns]: until something listens (WAIT_PORT_SECONDS, 10 s by default)
    local i
    for i in $(seq 1 $((${WAIT_PORT_SECONDS:-10} * 10))); do
        if ${3:+ip netns exec "$3"} /usr/bin/python3 -c "import socket,sys; socket.create_connection(('$1',$2),0.2)" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "FAIL: nothing listens on $1:$2"; return 1
}

live_check() {  # live_check "PORT=SERVICE:EXPOSURE[+tls],..." [address] [netns]
    local ns_exec=()
    [ -n "${3:-}" ] && ns_exec=(ip netns exec "$3")
    EXPOSCAN_LIVE_EXPECT="$1" EXPOSCAN_LIVE_ADDRESS="${2:-127.0.0.1}" EXPOSCAN_LIVE_TIMEOUT_MS="${LIVE_TIMEOUT_MS:-3000}" \
        "${ns_exec[@]}" "$LIVE_BIN" --gtest_filter='Live.*' --gtest_brief=0 2>&1 | grep -E '^port |Failure|Expected|Which is|not classified|PASSED|FAILED'
    return "${PIPESTATUS[0]}"
}

live_setup() {  # live_setup NAME: $dir (temp), $pids, and a trap that stops them and removes $dir on any exit
    dir=$(mktemp -d "/tmp/exposcan-$1-XXXXXX")
    pids=()
    trap live_cleanup EXIT
}

live_cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$dir"
}

live_bg() {  # live_bg CMD ARGS... (redirect the call): start in the background, stopped by live_cleanup
    "$@" &
    pids+=($!)
}

# live_cli_finding OPEN_PORT LOCKED_PORT RULE SEVERITY FIX_PART EVIDENCE_PART: end to end through the
# CLI, OPEN_PORT has RULE at SEVERITY with the catalog fix and the evidence named, LOCKED_PORT has no
# service finding. Skipped without $EXPOSCAN (the CLI binary).
live_cli_finding() {
    [ -n "${EXPOSCAN:-}" ] || return 0
    "$EXPOSCAN" scan 127.0.0.1 -q -p "$1,$2" --expect-open "$1,$2" --format json="$dir/scan.json" >/dev/null || true
    /usr/bin/python3 - "$dir/scan.json" "$@" <<'PY'
import json, sys
path, open_port, locked_port, rule, severity, fix, evidence = sys.argv[1:8]
d = json.load(open(path))
found = {(f["rule"], f["port"]): f for f in d["findings"] if f["rule"].startswith("service.")}
open_port, locked_port = int(open_port), int(locked_port)
f = found.get((rule, open_port))
assert f, f"no {rule} on {open_port}: {sorted(found)}"
assert f["severity"] == severity and fix in f["fix"] and evidence in f["evidence"], f
assert not [k for k in found if k[1] == locked_port], f"locked port has a service finding: {sorted(found)}"
print(f"cli: ok: {f['rule']} {f['severity']} on {open_port}; none on {locked_port}")
PY
}
