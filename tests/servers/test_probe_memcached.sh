#!/usr/bin/env bash
# Real memcached: plain (unauthenticated), ASCII auth -Y (auth-required via
# "CLIENT_ERROR unauthenticated"). SASL -S is test_probe_memcached_sasl.sh.
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require memcached
dir=$(mktemp -d /tmp/exposcan-memcached-XXXXXX)
chmod 755 "$dir"  # memcached reads the -Y file after dropping to nobody
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
start() {  # start PORT ARGS...
    local port=$1; shift
    memcached -l 127.0.0.1 -p "$port" -U 0 -u nobody "$@" &
    pids+=($!)
    wait_port 127.0.0.1 "$port"
}
plain=$(free_port); start "$plain"
echo "probe:exposcan-test-$$" > "$dir/auth"; chmod 644 "$dir/auth"
ascii=$(free_port); start "$ascii" -Y "$dir/auth"
live_check "$plain=memcached:unauthenticated,$ascii=memcached:auth-required"
