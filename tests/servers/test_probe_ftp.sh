#!/usr/bin/env bash
# Real vsftpd (Debian's) on loopback high ports, three ways. The probe sends
# `USER anonymous` and QUIT, never PASS:
#   nopass: anonymous_enable=YES + no_anon_password=YES: 230 on USER alone
#           -> ftp:unauthenticated (and service.no-auth through the CLI)
#   anon:   anonymous_enable=YES: vsftpd's bare "331 Please specify the password."
#           -> ftp:auth-required (vsftpd says the same with anonymous off: telling
#           them apart would take PASS, which the probe never sends; docs/probes.md)
#   locked: anonymous_enable=NO, anonymous in the deny userlist: 530 -> ftp:auth-required
# vsftpd logs every command it gets (log_ftp_protocol): no PASS may appear.
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require vsftpd
[ "$(id -u)" -eq 0 ] || { echo "SKIP: vsftpd standalone needs root"; exit 77; }
getent passwd ftp >/dev/null || { echo "SKIP: no ftp user (the vsftpd package creates it)"; exit 77; }
dir=$(mktemp -d /tmp/exposcan-ftp-XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
mkdir -p "$dir/empty" "$dir/anon"
chmod 755 "$dir" "$dir/empty" "$dir/anon"
printf 'anonymous\n' >"$dir/denied-users"
conf() {  # conf NAME PORT EXTRA-LINES
    cat >"$dir/$1.conf" <<CONF
listen=YES
listen_ipv6=NO
background=NO
listen_address=127.0.0.1
listen_port=$2
secure_chroot_dir=$dir/empty
anon_root=$dir/anon
pasv_enable=NO
write_enable=NO
seccomp_sandbox=NO
isolate=NO
isolate_network=NO
delay_failed_login=0
vsftpd_log_file=$dir/$1.log
xferlog_enable=YES
log_ftp_protocol=YES
$3
CONF
    vsftpd "$dir/$1.conf" >"$dir/$1.out" 2>&1 &
    pids+=($!)
}
nopass_port=$(free_port); conf nopass "$nopass_port" $'anonymous_enable=YES\nno_anon_password=YES\nlocal_enable=NO'
anon_port=$(free_port); conf anon "$anon_port" $'anonymous_enable=YES\nlocal_enable=NO'
locked_port=$(free_port)
conf locked "$locked_port" $'anonymous_enable=NO\nlocal_enable=YES\nuserlist_enable=YES\nuserlist_deny=YES\nuserlist_file='"$dir/denied-users"
for p in "$nopass_port" "$anon_port" "$locked_port"; do wait_port 127.0.0.1 "$p"; done
live_check "$nopass_port=ftp:unauthenticated,$anon_port=ftp:auth-required,$locked_port=ftp:auth-required"
sleep 0.2  # vsftpd writes its log from the session process
if grep -h 'FTP command' "$dir"/*.log | grep -v -E '"(USER anonymous|QUIT)"'; then
    echo "FAIL: the probe sent more than USER anonymous and QUIT"; exit 1
fi
grep -q '"USER anonymous"' "$dir/locked.log" || { echo "FAIL: vsftpd logged no USER"; cat "$dir"/*.log; exit 1; }
# End to end: the no-password server is a service.no-auth finding (high, the
# catalog's ftp fix); the prompting and locked ones give no service finding.
if [ -n "${EXPOSCAN:-}" ]; then
    "$EXPOSCAN" scan 127.0.0.1 -q -p "$nopass_port,$anon_port,$locked_port" \
        --expect-open "$nopass_port,$anon_port,$locked_port" --format json="$dir/scan.json" >/dev/null || true
    /usr/bin/python3 - "$dir/scan.json" "$nopass_port" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
found = [f for f in d["findings"] if f["rule"].startswith("service.")]
assert len(found) == 1, found
f = found[0]
assert f["rule"] == "service.no-auth" and f["port"] == int(sys.argv[2]) and f["severity"] == "high", f
assert "anonymous_enable=NO" in f["fix"] and "230" in f["evidence"], f
print(f"cli: ok: {f['rule']} {f['severity']} on {f['port']}: {f['evidence']}")
PY
fi
