#!/usr/bin/env bash
# Real Docker registry (Debian's docker-registry, distribution 2.8) on loopback:
#   open: /v2/ 200 and /v2/_catalog 200 without credentials -> docker-registry:unauthenticated
#   locked: token auth (the "silly" access controller: any request without an
#           Authorization header gets 401 + Bearer challenge) -> docker-registry:auth-required
# Then end to end through the CLI: service.no-auth with the catalog's fix.
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require docker-registry
live_setup registry
open_port=$(free_port)
locked_port=$(free_port)
config() {  # config PORT [auth block]
    printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s/data\nhttp:\n  addr: 127.0.0.1:%s\n%s' \
        "$dir" "$1" "${2:-}"
}
config "$open_port" >"$dir/open.yml"
config "$locked_port" $'auth:\n  silly:\n    realm: exposcan-test\n    service: registry\n' >"$dir/locked.yml"
live_bg docker-registry serve "$dir/open.yml" >"$dir/open.log" 2>&1
live_bg docker-registry serve "$dir/locked.yml" >"$dir/locked.log" 2>&1
wait_port 127.0.0.1 "$open_port"
wait_port 127.0.0.1 "$locked_port"
live_check "$open_port=docker-registry:unauthenticated,$locked_port=docker-registry:auth-required"
live_cli_finding "$open_port" "$locked_port" service.no-auth high htpasswd _catalog
