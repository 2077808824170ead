#!/usr/bin/env bash
# Fault matrix: 5 % and 20 % packet loss into the target. Truth: 22,80,443
# open, 25 closed, 1-300 + 443 otherwise filtered. Expected at 5 %: the exact truth
# and exit 0 (retries absorb the loss). At 20 %: the exact truth and exit 0,
# or exit 2 (inconclusive) -- never a clean verdict over wrong states, and
# never a false finding.
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_exposcan
lab_create rloss
lab_target_rules drop "accept 22,80,443" "reset 25"
lab_listen 22 80 443
out=$LAB_TMP/out.json
truth='{s["address"]: sorted((p["port"], p["state"]) for p in s["ports"] if p["state"] != "filtered") for s in d["scans"]} == {a: [(22, "open"), (25, "closed"), (80, "open"), (443, "open")] for a in set(s["address"] for s in d["scans"])}'
for pct in 5 20; do
    lab_loss "$pct"
    rel_timed lab_scan scan "$LAB_T4" "$LAB_T6" -p 1-300,443 --no-probe --expect-open 22,80,443 \
        --expect-closed 25 --format "json=$out" -q
    lab_log "loss ${pct}%: exit $REL_RC in ${REL_SECS}s"
    if [[ $pct == 20 && $REL_RC == 2 ]]; then
        rel_json "$out" 'd["inconclusive"] != []' "loss 20%: inconclusive says why"
        continue
    fi
    rel_expect_rc 0 "$REL_RC" "loss ${pct}%"
    rel_json "$out" "$truth" "loss ${pct}%: exact states"
done
