#!/usr/bin/env bash
# Loss and latency: with 5 % of packets into the target dropped and ~100 ms RTT,
# repeated scans must all equal the ground truth (the engine retries silent
# ports and slows down on loss instead of misreporting).
#
# Default (CI): EXPOSCAN_LAB_REPS scans (default 3) of a port subset.
# EXPOSCAN_LAB_FULL=1: 20 scans of 1-65535 (slow; results in docs/performance.md).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_cmd nft g++
lab_require_exposcan

if [[ -n ${EXPOSCAN_LAB_FULL:-} ]]; then
    reps=${EXPOSCAN_LAB_REPS:-20}; ports=1-65535
else
    reps=${EXPOSCAN_LAB_REPS:-3}; ports=1-2000,5432,8000-8100,9200,40000-40100
fi

lab_create lossdelay --routed
lab_target_rules drop "accept 22,80,443,9200" "reset 25,1000-1019,40000-40009" "admin 8000-8004" \
    "hostunreach 8010-8012" "v6:reset 5432"
lab_listen 22 80 443 9200
lab_delay 100
lab_loss 5

truth="$LAB_TMP/truth"
for a in "$LAB_T4" "$LAB_T6"; do
    cat >>"$truth" <<TRUTH
$a default filtered/no-response
$a 22,80,443,9200 open/syn-ack
$a 25,1000-1019,40000-40009 closed/conn-refused
$a 8010-8012 filtered/host-unreach
TRUTH
done
echo "$LAB_T4 8000-8004 filtered/host-unreach" >>"$truth"
echo "$LAB_T6 8000-8004 filtered/admin-prohibited" >>"$truth"
echo "$LAB_T6 5432 closed/conn-refused" >>"$truth"

lab_in_scanner ping -c3 -i0.2 -q "$LAB_T4" | tail -1
failed=0
for ((i = 1; i <= reps; i++)); do
    start=$SECONDS
    rc=0
    lab_scan scan "$LAB_T4" "$LAB_T6" -p "$ports" --format json -q >"$LAB_TMP/x$i.json" || rc=$?
    echo "scan $i/$reps: $((SECONDS - start)) s, exit $rc"
    if ! lab_compare --ports "$ports" --truth "$truth" --exposcan "$LAB_TMP/x$i.json"; then
        failed=$((failed + 1))
    fi
done
((failed == 0)) || lab_fail "$failed of $reps scans differ from the ground truth"
echo "test_loss_delay: PASS ($reps scans of $ports)"
