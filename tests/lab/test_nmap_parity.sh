#!/usr/bin/env bash
# Full-range parity with nmap: one target whose firewall mixes every answer
# (drop by default, resets, ICMP rejects, open listeners; IPv4 and IPv6 differ).
# exposcan -p 1-65535 and nmap -sT -Pn -p- -T4 --min-rate 20000, run in the same
# lab, must give identical (port, state, reason) sets, equal to the ground truth.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_cmd nmap nft
lab_require_exposcan

# Routed, through the delay line: on a bare veth the target's ICMP error comes
# back while connect() still holds the socket lock and the kernel drops it
# (TcpExtLockDroppedIcmps; docs/lab.md). A real network always has latency.
lab_create parity --routed
lab_delay 2
lab_target_rules drop \
    "accept 22,80,443,9200" "reset 25,1000-1099,40000-40010" "admin 8000-8009" \
    "hostunreach 9000-9004" "netunreach 9100-9102" \
    "v4:reset 3306" "v6:accept 6379" "v6:reset 5432" "v6:admin 11211"
lab_listen 22 80 443 9200 6379

truth="$LAB_TMP/truth"
for a in "$LAB_T4" "$LAB_T6"; do
    cat >>"$truth" <<TRUTH
$a default filtered/no-response
$a 22,80,443,9200 open/syn-ack
$a 25,1000-1099,40000-40010 closed/conn-refused
$a 9000-9004 filtered/host-unreach
$a 9100-9102 filtered/net-unreach
TRUTH
done
cat >>"$truth" <<TRUTH
$LAB_T4 8000-8009 filtered/host-unreach
$LAB_T4 3306 closed/conn-refused
$LAB_T6 8000-8009,11211 filtered/admin-prohibited
$LAB_T6 6379 open/syn-ack
$LAB_T6 5432 closed/conn-refused
TRUTH

# nmap first, exposcan after: run at the same time on 2 busy cores, nmap at
# --min-rate 20000 reported a few reset ports as no-response (measured; it does
# not retransmit enough when it must keep the rate), and nothing got faster.
nmap_args=(-p- -T4 --min-rate 20000)
start=$SECONDS
lab_nmap_xml "$LAB_TMP/n4.xml" "${nmap_args[@]}" "$LAB_T4" &
n4=$!
lab_nmap_xml "$LAB_TMP/n6.xml" -6 "${nmap_args[@]}" "$LAB_T6" &
n6=$!
wait "$n4" "$n6"
echo "nmap (v4 and v6 in parallel): $((SECONDS - start)) s"

start=$SECONDS
rc=0
lab_scan scan "$LAB_T4" "$LAB_T6" -p 1-65535 --format json -q >"$LAB_TMP/x.json" || rc=$?
echo "exposcan: $((SECONDS - start)) s, exit $rc"
[[ $rc -eq 1 ]] || lab_fail "exit code $rc, expected 1 (open/closed ports are findings)"

lab_compare --ports 1-65535 --truth "$truth" --exposcan "$LAB_TMP/x.json" \
    --nmap "$LAB_TMP/n4.xml" --nmap "$LAB_TMP/n6.xml" || lab_fail "exposcan, nmap and truth differ"
echo "test_nmap_parity: PASS"
