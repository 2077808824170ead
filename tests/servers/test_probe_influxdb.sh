#!/usr/bin/env bash
# Real InfluxDB 1.x (Debian's influxdb) on loopback, detected by its
# X-Influxdb-Version header on GET /, decided by GET /query?q=SHOW DATABASES:
#   open: auth-enabled = false -> influxdb:unauthenticated
#   locked: auth-enabled = true with an admin user -> influxdb:auth-required (401)
#   fresh: auth-enabled = true, no user yet -> influxdb:auth-required (403 "create admin user first")
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require influxd curl
live_setup influxdb
start() {  # start NAME HTTP_PORT AUTH: prints nothing, appends the pid
    local rpc; rpc=$(free_port)
    cat >"$dir/$1.conf" <<CONF
reporting-enabled = false
bind-address = "127.0.0.1:$rpc"
[meta]
  dir = "$dir/$1/meta"
[data]
  dir = "$dir/$1/data"
  wal-dir = "$dir/$1/wal"
  query-log-enabled = false
[http]
  bind-address = "127.0.0.1:$2"
  auth-enabled = $3
  log-enabled = false
[monitor]
  store-enabled = false
CONF
    live_bg influxd -config "$dir/$1.conf" >"$dir/$1.log" 2>&1
}
open_port=$(free_port); start open "$open_port" false
locked_port=$(free_port); start locked "$locked_port" true
fresh_port=$(free_port); start fresh "$fresh_port" true
for p in "$open_port" "$locked_port" "$fresh_port"; do wait_port 127.0.0.1 "$p"; done
# The first admin user may be created without credentials (test setup, not the probe).
curl -sf -XPOST "http://127.0.0.1:$locked_port/query" \
    --data-urlencode "q=CREATE USER admin WITH PASSWORD 'exposcan-test-$$' WITH ALL PRIVILEGES" >/dev/null
live_check "$open_port=influxdb:unauthenticated,$locked_port=influxdb:auth-required,$fresh_port=influxdb:auth-required"
