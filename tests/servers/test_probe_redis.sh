#!/usr/bin/env bash
# Real redis-server three ways: no password (unauthenticated), requirepass
# (auth-required), protected mode reached from a non-loopback source inside a
# private netns (reachable-denied).
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require redis-server ip
dir=$(mktemp -d /tmp/exposcan-redis-XXXXXX)
ns="xp-redis-$$"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
start() {  # start PORT ARGS...: loopback redis with no persistence
    local port=$1; shift
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" --logfile "$dir/redis-$port.log" "$@" &
    pids+=($!)
    wait_port 127.0.0.1 "$port"
}
open_port=$(free_port); start "$open_port" --protected-mode no
pass_port=$(free_port); start "$pass_port" --requirepass "exposcan-test-$$"
live_check "$open_port=redis:unauthenticated,$pass_port=redis:auth-required"

# Protected mode only denies non-loopback clients: a private netns where both
# ends use 198.51.100.7 (on that netns' lo) makes the client non-loopback.
if ip netns add "$ns" 2>/dev/null; then
    ip netns exec "$ns" ip link set lo up
    ip netns exec "$ns" ip addr add 198.51.100.7/32 dev lo
    ip netns exec "$ns" redis-server --port 6379 --bind 198.51.100.7 --protected-mode yes --save '' \
        --appendonly no --dir "$dir" --logfile "$dir/redis-ns.log" &
    pids+=($!)
    wait_port 198.51.100.7 6379 "$ns"
    live_check "6379=redis:reachable-denied" 198.51.100.7 "$ns"
else
    echo "NOTE: no netns (not root?): protected-mode case skipped"
fi
