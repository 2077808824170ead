#!/usr/bin/env bash
# Real redis-server in protected mode (no password, the default), reached from
# a non-loopback source: reachable-denied. Protected mode only denies
# non-loopback clients, so both ends use 198.51.100.7 on the lo of a private
# netns (the client is then not loopback). Needs root for the netns: without
# it the case is skipped (exit 77), never passed.
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require redis-server ip
dir=$(mktemp -d /tmp/exposcan-redis-pm-XXXXXX)
ns="xp-redis-$$"
pids=()
made_ns=0
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    ((made_ns)) && ip netns del "$ns" 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
ip netns add "$ns" 2>/dev/null || { echo "SKIP: cannot create a network namespace (needs root)"; exit 77; }
made_ns=1
ip netns exec "$ns" ip link set lo up
ip netns exec "$ns" ip addr add 198.51.100.7/32 dev lo
ip netns exec "$ns" redis-server --port 6379 --bind 198.51.100.7 --protected-mode yes --save '' \
    --appendonly no --dir "$dir" --logfile "$dir/redis-ns.log" &
pids+=($!)
wait_port 198.51.100.7 6379 "$ns"
live_check "6379=redis:reachable-denied" 198.51.100.7 "$ns"
