#!/usr/bin/env bash
# Every port state and reason, IPv4 and IPv6: exposcan's JSON, nmap -sT -Pn's XML
# and the ground truth built into the target's firewall must agree port by port.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_cmd nmap nft
lab_require_exposcan

# Routed, through the delay line: on a bare veth the target's ICMP error comes
# back while connect() still holds the socket lock and the kernel drops it
# (TcpExtLockDroppedIcmps; docs/lab.md). A real network always has latency.
lab_create states --routed
lab_delay 2
# 29: accepted, nobody listens -> the kernel answers RST (closed without a firewall rule).
lab_target_rules drop "accept 80,443,29" "reset 25" "admin 26" "hostunreach 27" "netunreach 28"
lab_listen 80 443
ports=22,25-29,80,443

cat >"$LAB_TMP/truth" <<TRUTH
$LAB_T4 default filtered/no-response
$LAB_T4 80,443 open/syn-ack
$LAB_T4 25,29 closed/conn-refused
$LAB_T4 26 filtered/host-unreach
$LAB_T4 27 filtered/host-unreach
$LAB_T4 28 filtered/net-unreach
$LAB_T6 default filtered/no-response
$LAB_T6 80,443 open/syn-ack
$LAB_T6 25,29 closed/conn-refused
$LAB_T6 26 filtered/admin-prohibited
$LAB_T6 27 filtered/host-unreach
$LAB_T6 28 filtered/net-unreach
TRUTH

# nmap waits out its retransmissions on the silent ports: run both families at once.
lab_nmap_xml "$LAB_TMP/n4.xml" -p "$ports" "$LAB_T4" &
n4=$!
lab_nmap_xml "$LAB_TMP/n6.xml" -6 -p "$ports" "$LAB_T6" &
n6=$!

rc=0
lab_scan scan "$LAB_T4" "$LAB_T6" -p "$ports" --format json -q >"$LAB_TMP/x.json" || rc=$?
lab_scan scan "$LAB_T4" "$LAB_T6" -p "$ports" -q >"$LAB_TMP/x.txt" || true
wait "$n4" "$n6"
cat "$LAB_TMP/x.txt"

lab_compare --ports "$ports" --truth "$LAB_TMP/truth" --exposcan "$LAB_TMP/x.json" \
    --nmap "$LAB_TMP/n4.xml" --nmap "$LAB_TMP/n6.xml" || lab_fail "states differ"
# Open and closed ports are findings without --expect-*: exit 1.
[[ $rc -eq 1 ]] || lab_fail "exit code $rc, expected 1 (findings)"
grep -Eq '80/tcp +open +syn-ack' "$LAB_TMP/x.txt" || lab_fail "text output lacks '80/tcp open syn-ack'"

# With every non-filtered port expected, the same scan is clean: exit 0.
rc=0
lab_scan scan "$LAB_T4" "$LAB_T6" -p "$ports" -q --expect-open 80,443 --expect-closed 25,29 \
    --format json >"$LAB_TMP/y.json" || rc=$?
[[ $rc -eq 0 ]] || { cat "$LAB_TMP/y.json"; lab_fail "exit code $rc with every state expected, want 0"; }
echo "test_states: PASS"
