#!/usr/bin/env bash
# Real Docker registry (Debian's docker-registry, distribution 2.8) on loopback:
#   open: /v2/ 200 and /v2/_catalog 200 without credentials -> docker-registry:unauthenticated
#   locked: token auth (the "silly" access controller: any request without an
#           Authorization header gets 401 + Bearer challenge) -> docker-registry:auth-required
# Then end to end through the CLI: service.no-auth with the catalog's fix.
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require docker-registry
dir=$(mktemp -d /tmp/exposcan-registry-XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
open_port=$(free_port)
locked_port=$(free_port)
config() {  # config PORT [auth block]
    printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s/data\nhttp:\n  addr: 127.0.0.1:%s\n%s' \
        "$dir" "$1" "${2:-}"
}
config "$open_port" >"$dir/open.yml"
config "$locked_port" $'auth:\n  silly:\n    realm: exposcan-test\n    service: registry\n' >"$dir/locked.yml"
docker-registry serve "$dir/open.yml" >"$dir/open.log" 2>&1 &
pids+=($!)
docker-registry serve "$dir/locked.yml" >"$dir/locked.log" 2>&1 &
pids+=($!)
wait_port 127.0.0.1 "$open_port"
wait_port 127.0.0.1 "$locked_port"
live_check "$open_port=docker-registry:unauthenticated,$locked_port=docker-registry:auth-required"
if [ -n "${EXPOSCAN:-}" ]; then
    "$EXPOSCAN" scan 127.0.0.1 -q -p "$open_port,$locked_port" --expect-open "$open_port,$locked_port" \
        --format json="$dir/scan.json" >/dev/null || true
    /usr/bin/python3 - "$dir/scan.json" "$open_port" "$locked_port" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
found = {(f["rule"], f["port"]): f for f in d["findings"] if f["rule"].startswith("service.")}
open_port, locked_port = int(sys.argv[2]), int(sys.argv[3])
f = found.get(("service.no-auth", open_port))
assert f, f"no service.no-auth on {open_port}: {sorted(found)}"
assert f["severity"] == "high" and "htpasswd" in f["fix"] and "_catalog" in f["evidence"], f
assert not [k for k in found if k[1] == locked_port], f"locked registry has a service finding: {sorted(found)}"
print(f"cli: ok: {f['rule']} {f['severity']} on {open_port}; none on {locked_port}")
PY
fi
