#!/usr/bin/env bash
# Real etcd 3.4 (Debian's etcd-server) on loopback through its v3 JSON gateway:
#   open: GET /version + POST /v3/kv/range answers -> etcd:unauthenticated
#   locked: a root user and auth enabled -> range says "user name is empty" -> etcd:auth-required
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require etcd curl
live_setup etcd
start() {  # start NAME CLIENT_PORT
    local peer; peer=$(free_port)
    live_bg etcd --name "$1" --data-dir "$dir/$1" --log-level error \
        --listen-client-urls "http://127.0.0.1:$2" --advertise-client-urls "http://127.0.0.1:$2" \
        --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
        --initial-cluster "$1=http://127.0.0.1:$peer" >"$dir/$1.log" 2>&1
}
open_port=$(free_port); start open "$open_port"
locked_port=$(free_port); start locked "$locked_port"
wait_port 127.0.0.1 "$open_port"
wait_port 127.0.0.1 "$locked_port"
# Lock the second one down (test setup): root user with the root role, auth on.
e="http://127.0.0.1:$locked_port"
for i in $(seq 1 50); do curl -sf "$e/version" >/dev/null && break; sleep 0.1; done
curl -sf -XPOST "$e/v3/auth/user/add" -d "{\"name\":\"root\",\"password\":\"exposcan-test-$$\"}" >/dev/null
curl -sf -XPOST "$e/v3/auth/user/grant" -d '{"user":"root","role":"root"}' >/dev/null
curl -sf -XPOST "$e/v3/auth/enable" -d '{}' >/dev/null
live_check "$open_port=etcd:unauthenticated,$locked_port=etcd:auth-required"
