#!/usr/bin/env bash
# Real MariaDB (Debian's mariadb-server) on a loopback high port with a
# throwaway datadir, two ways:
#   greeting: an account for 127.0.0.1 exists -> mysql:auth-required (version and auth
#             plugin from the greeting; the probe never answers the handshake)
#   denied:   those accounts dropped (with --skip-name-resolve nothing else
#             matches 127.0.0.1) -> the server sends error 1130 "Host ... is not
#             allowed to connect" instead of a greeting -> mysql:reachable-denied
# The datadir is on /dev/shm when it exists: mariadb-install-db takes ~1 s
# there and 5-6 s on a disk (fsyncs).
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require mariadb-install-db mariadbd mariadb
base=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && base=/dev/shm
dir=$(mktemp -d "$base/exposcan-mariadb-XXXXXX")
pid=
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
    rm -rf "$dir"
}
trap cleanup EXIT
mariadb-install-db --no-defaults --datadir="$dir/data" --user=root --skip-test-db \
    --innodb-buffer-pool-size=16M --skip-log-bin >"$dir/install.log" 2>&1 ||
    { cat "$dir/install.log"; echo "FAIL: mariadb-install-db"; exit 1; }
port=$(free_port)
mariadbd --no-defaults --datadir="$dir/data" --user=root --port="$port" --bind-address=127.0.0.1 \
    --socket="$dir/sock" --pid-file="$dir/pid" --skip-log-bin --skip-name-resolve \
    --innodb-buffer-pool-size=16M --log-error="$dir/error.log" &
pid=$!
wait_port 127.0.0.1 "$port" || { cat "$dir/error.log"; exit 1; }
sql() { mariadb --no-defaults -S "$dir/sock" -u root "$@"; }
# An account for 127.0.0.1 (install-db adds root@127.0.0.1 only on some hosts).
sql -e "CREATE OR REPLACE USER 'app'@'127.0.0.1' IDENTIFIED BY 'exposcan-test-$$'"
live_check "$port=mysql:auth-required"
sql -N -e \
    "SELECT CONCAT('DROP USER ', QUOTE(user), '@', QUOTE(host), ';') FROM mysql.global_priv WHERE host <> 'localhost'" \
    >"$dir/drop.sql"
sql -e "source $dir/drop.sql; FLUSH PRIVILEGES;"
live_check "$port=mysql:reachable-denied"
# No login was attempted: the server logged only connections closed before authentication.
if grep -E "Access denied" "$dir/error.log"; then echo "FAIL: a login was attempted"; exit 1; fi
