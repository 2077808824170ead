#!/usr/bin/env bash
# Real rsync --daemon (Debian's rsync) on loopback, three ways:
#   open: a module listed by #list without credentials -> rsync:unauthenticated
#   locked: `list = false` + `auth users` -> rsync:anonymous-limited
#   late: the same open daemon in inetd mode behind socat, greeting 600 ms after
#         accept (as a slow reverse DNS lookup or fork makes it): the greeting
#         comes after the banner window and must still be heard (issue 16: this
#         case used to wait out the whole probe budget as unknown-service).
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require rsync socat
live_setup rsync
mkdir -p "$dir/data"
printf 'exposcan test file\n' >"$dir/data/readme.txt"
cat >"$dir/open.conf" <<CONF
use chroot = no
pid file = $dir/open.pid
[pub]
path = $dir/data
read only = yes
comment = exposcan test module
CONF
cat >"$dir/locked.conf" <<CONF
use chroot = no
pid file = $dir/locked.pid
[priv]
path = $dir/data
read only = yes
list = false
auth users = backup
secrets file = $dir/secrets
CONF
printf 'backup:exposcan-test-%s\n' "$$" >"$dir/secrets"
chmod 600 "$dir/secrets"
start() {  # start PORT CONF
    live_bg rsync --daemon --no-detach --address=127.0.0.1 --port="$1" --config="$2" --log-file="$dir/rsync-$1.log"
    wait_port 127.0.0.1 "$1"
}
open_port=$(free_port); start "$open_port" "$dir/open.conf"
locked_port=$(free_port); start "$locked_port" "$dir/locked.conf"
late_port=$(free_port)
# Not `exec rsync`, and `; true`: rsync in inetd mode exits 255 after a listing,
# and socat quits on a failed child before flushing its last bytes (the
# listing was lost in about 1 run of 6).
live_bg socat "TCP-LISTEN:$late_port,bind=127.0.0.1,fork,reuseaddr" \
    SYSTEM:"sleep 0.6; rsync --daemon --config=$dir/open.conf --log-file=$dir/rsync-late.log; true" 2>/dev/null
wait_port 127.0.0.1 "$late_port"
LIVE_TIMEOUT_MS=5000 live_check "$open_port=rsync:unauthenticated,$locked_port=rsync:anonymous-limited,$late_port=rsync:unauthenticated"
# Read-only: the daemon logged module listings only, never a transfer.
if grep -qE 'rsync (on|to) |send |recv ' "$dir"/rsync-*.log; then
    echo "FAIL: the probe started a transfer:"; grep -E 'rsync (on|to) |send |recv ' "$dir"/rsync-*.log; exit 1
fi
# End to end through the CLI: the listed module is a service.info-leak finding
# (medium, the catalog's rsync fix), the locked daemon gives no service finding.
live_cli_finding "$open_port" "$locked_port" service.info-leak medium "list = false" pub
