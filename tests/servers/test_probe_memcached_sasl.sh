#!/usr/bin/env bash
# Real memcached with SASL (-S): binary protocol only; VERSION is allowed
# before authentication, STAT answers status 0x20 -> auth-required. Skipped
# (exit 77), never passed, when this memcached was built without SASL.
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require memcached
help=$(memcached -h 2>&1 || true)  # not piped into grep -q: SIGPIPE + pipefail would lie
grep -qi -- '--enable-sasl' <<<"$help" || { echo "SKIP: memcached built without SASL (no -S)"; exit 77; }
dir=$(mktemp -d /tmp/exposcan-memcached-sasl-XXXXXX)
chmod 755 "$dir"  # memcached reads its SASL config after dropping to nobody
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
# Cyrus SASL needs a config (or memcached exits "Error initializing sasl").
printf 'mech_list: plain\nsasldb_path: %s/sasldb2\n' "$dir" > "$dir/memcached.conf"
chmod 644 "$dir/memcached.conf"
port=$(free_port)
SASL_CONF_PATH="$dir" memcached -l 127.0.0.1 -p "$port" -U 0 -u nobody -S &
pids+=($!)
wait_port 127.0.0.1 "$port"
live_check "$port=memcached:auth-required"
