#!/usr/bin/env bash
# Heavy loss (issue 12): 300 ms RTT and 20 % loss each way (~36 % of tries
# unanswered). Every scan must find every answering port, or say it could not
# (incomplete, with the measured loss) -- never a complete scan with a port
# missed. Ports the scan did report must be right either way.
#
# EXPOSCAN_LAB_REPS scans (default 2) of a port subset, v4 and v6 in one run.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_cmd nft g++
lab_require_exposcan

reps=${EXPOSCAN_LAB_REPS:-2}
ports=1-1200
lab_create heavyloss --routed
lab_target_rules drop "accept 22,80,443" "reset 25,1000-1004"
lab_listen 22 80 443
lab_delay 300
lab_loss_path 20

failed=0
for ((i = 1; i <= reps; i++)); do
    start=$SECONDS
    rc=0
    lab_scan scan "$LAB_T4" "$LAB_T6" -p "$ports" --no-probe --format json -q >"$LAB_TMP/x$i.json" || rc=$?
    echo "scan $i/$reps: $((SECONDS - start)) s, exit $rc"
    "$LAB_PY" - "$LAB_TMP/x$i.json" <<'PY' || failed=$((failed + 1))
import json, sys
doc = json.load(open(sys.argv[1]))
want = {22: "open", 80: "open", 443: "open", 25: "closed", **{p: "closed" for p in range(1000, 1005)}}
bad = 0
for s in doc["scans"]:
    got = {p["port"]: p["state"] for p in s["ports"]}
    st = s["stats"]
    print(f'  {s["address"]}: complete={s["complete"]} loss={st["loss_estimate"]} tries={st["max_tries"]} '
          f'timeout={st["timeout_us"] // 1000} ms connects={st["connects"]} {s["incomplete_reason"]}')
    wrong = {p: v for p, v in got.items() if want.get(p) != v}
    missing = sorted(p for p in want if p not in got)
    if wrong:
        print(f'  FAIL {s["address"]}: wrong states {wrong}'); bad += 1
    if missing and s["complete"]:
        print(f'  FAIL {s["address"]}: complete, but answering ports {missing} reported filtered'); bad += 1
    if not s["complete"] and "loss" not in s["incomplete_reason"]:
        print(f'  FAIL {s["address"]}: incomplete for another reason'); bad += 1
sys.exit(1 if bad else 0)
PY
done
((failed == 0)) || lab_fail "$failed of $reps scans missed an answering port in a complete scan"
echo "test_heavy_loss: PASS ($reps scans of $ports)"
