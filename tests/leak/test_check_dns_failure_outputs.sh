#!/bin/bash
# `check` writes every requested output when DNS fails (issue 11, case 3), so a
# Prometheus textfile or a CI artifact never keeps showing the last good run:
#  1. the leak audit's DNS server answers SERVFAIL (--dns-server, fake_dns.py);
#  2. the system resolver fails for a target's hostname (a private network +
#     mount namespace whose resolv.conf points at a SERVFAIL server): before the
#     fix the run ended with "exposcan: error: cannot resolve ..." and no output.
# Each time stale "success" files are replaced: exit 2, JSON inconclusive,
# exposcan_run_success 0; a JSON on stdout is a report too.
source "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || skip "needs root (unshare -n -m, bind mount of resolv.conf)"
need unshare ip

stale() {  # stale NAME: the files a previous good run left
    printf 'exposcan_run_success 1\nexposcan_exit_code 0\n' >"$WORK/$1.prom"
    printf '{"exit_code": 0, "inconclusive": []}\n' >"$WORK/$1.json"
}

expect_failed_outputs() {  # expect_failed_outputs NAME RC WANT_INCONCLUSIVE
    [ "$2" = 2 ] || { cat "$WORK/$1.err"; fail "$1: exit $2, want 2"; }
    grep -qx 'exposcan_run_success 0' "$WORK/$1.prom" || { cat "$WORK/$1.prom"; fail "$1: Prometheus file not rewritten"; }
    grep -qx 'exposcan_exit_code 2' "$WORK/$1.prom" || fail "$1: Prometheus exit code not 2"
    [ "$(q "$1" "d['exit_code']")" = 2 ] || fail "$1: JSON exit_code is not 2"
    expect_inconclusive "$1" "$3"
    echo "ok: $1: exit 2, every output written"
}

# 1. Leak-audit DNS answers SERVFAIL.
echo "127.0.6.2/32" >"$WORK/cdn-ranges.txt"
cat >"$WORK/site.yaml" <<YAML
targets:
  - name: site
    addresses: [127.0.6.3]
    ports: "1"
    expect: {default: closed}
    services: ignore
    domain: example.test
    cdn: $WORK/cdn-ranges.txt
YAML
start_fake_dns servfail
stale servfail
set +e
timeout 120 "$EXPOSCAN" check "$WORK/site.yaml" --no-probe --dns-server "$DNS_SERVER" -q \
    --format "prometheus=$WORK/servfail.prom" --format "json=$WORK/servfail.json" 2>"$WORK/servfail.err"
rc=$?
set -e
expect_failed_outputs servfail "$rc" "SERVFAIL"

# 2. The system resolver fails for the target's hostname.
cat >"$WORK/host.yaml" <<YAML
targets:
  - name: site
    addresses: [origin.example.test]
    ports: "1"
    expect: {default: closed}
YAML
printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"$WORK/resolv.conf"
stale host
set +e
timeout 120 unshare -n -m bash -s "$EXPOSCAN" "$WORK" "$FIX/fake_dns.py" <<'NS'
exposcan=$1 work=$2 fake=$3
ip link set lo up
mount --bind "$work/resolv.conf" /etc/resolv.conf || exit 90
/usr/bin/python3 "$fake" 127.0.0.1 53 servfail & dns=$!
trap 'kill $dns' EXIT
sleep 0.5
"$exposcan" check "$work/host.yaml" --no-probe -q --format json \
    --format "prometheus=$work/host.prom" --format "json=$work/host.json" >"$work/stdout.json" 2>"$work/host.err"
NS
rc=$?
set -e
[ "$rc" != 90 ] || skip "cannot bind-mount /etc/resolv.conf in a mount namespace"
expect_failed_outputs host "$rc" "cannot resolve 'origin.example.test'"
/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(d['exit_code'] != 2)" \
    "$WORK/stdout.json" || fail "host: stdout is not the JSON report of the failed run"
echo PASS
