#!/usr/bin/env bash
# Real redis-server two ways: no password (unauthenticated), requirepass
# (auth-required). Protected mode (reachable-denied) is test_probe_redis_protected.sh.
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require redis-server
dir=$(mktemp -d /tmp/exposcan-redis-XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
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
