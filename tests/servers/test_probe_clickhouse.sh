#!/usr/bin/env bash
# Real ClickHouse (Debian's clickhouse-server) on loopback, detected by its
# "Ok." on GET /, decided by GET /?query=SELECT 1 as the default user:
#   open: default user without a password -> clickhouse:unauthenticated
#   locked: default user with a password -> clickhouse:auth-required (Code: 194)
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require clickhouse-server
live_setup clickhouse
start() {  # start NAME HTTP_PORT PASSWORD
    mkdir -p "$dir/$1"
    cat >"$dir/$1/config.xml" <<CONF
<yandex>
  <logger><level>error</level><console>1</console></logger>
  <http_port>$2</http_port>
  <tcp_port>$(free_port)</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>$dir/$1/data/</path>
  <tmp_path>$dir/$1/tmp/</tmp_path>
  <users_config>users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>67108864</mark_cache_size>
</yandex>
CONF
    cat >"$dir/$1/users.xml" <<CONF
<yandex>
  <profiles><default></default></profiles>
  <users><default><password>$3</password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
CONF
    live_bg clickhouse-server --config-file="$dir/$1/config.xml" >"$dir/$1.log" 2>&1
}
open_port=$(free_port); start open "$open_port" ""
locked_port=$(free_port); start locked "$locked_port" "exposcan-test-$$"
WAIT_PORT_SECONDS=20 wait_port 127.0.0.1 "$open_port"
WAIT_PORT_SECONDS=20 wait_port 127.0.0.1 "$locked_port"
live_check "$open_port=clickhouse:unauthenticated,$locked_port=clickhouse:auth-required"
