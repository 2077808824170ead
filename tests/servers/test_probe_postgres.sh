#!/usr/bin/env bash
# Real PostgreSQL 15: pg_hba `trust` (unauthenticated), `scram-sha-256`
# (auth-required), no matching entry (reachable-denied). One cluster in a
# temp dir, run as the postgres user, pg_hba.conf swapped + reloaded per case.
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
bin=/usr/lib/postgresql/15/bin
[ -x "$bin/initdb" ] || { echo "SKIP: PostgreSQL 15 not installed"; exit 77; }
id postgres >/dev/null 2>&1 || { echo "SKIP: no postgres user"; exit 77; }
live_require runuser
dir=$(mktemp -d /tmp/exposcan-pg-XXXXXX)
chown postgres "$dir"; chmod 755 "$dir"
pg() { runuser -u postgres -- "$@"; }
cleanup() {
    pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT
pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; exit 1; }
port=$(free_port)
pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null
hba() {  # hba LINE: the only TCP rule, then reload
    printf 'local all all trust\n%s\n' "$1" | pg tee "$dir/data/pg_hba.conf" >/dev/null
    pg "$bin/pg_ctl" -D "$dir/data" reload >/dev/null
    sleep 0.5
}
hba "host all all 127.0.0.1/32 trust"
live_check "$port=postgresql:unauthenticated"
hba "host all all 127.0.0.1/32 scram-sha-256"
live_check "$port=postgresql:auth-required"
hba "host all all 192.0.2.1/32 trust"
live_check "$port=postgresql:reachable-denied"
