#!/usr/bin/env bash
# Fault matrix: 100 ms and 300 ms round-trip time (routed lab, TUN delay).
# Expected: the exact truth (22,80 open, 25 closed, rest filtered), exit 0:
# the adaptive timeout must grow past the RTT instead of calling answering
# ports filtered.
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_exposcan
lab_create rrtt --routed
lab_target_rules drop "accept 22,80" "reset 25"
lab_listen 22 80
out=$LAB_TMP/out.json
truth='sorted((p["port"], p["state"]) for s in d["scans"] for p in s["ports"] if p["state"] != "filtered") == [(22, "open"), (22, "open"), (25, "closed"), (25, "closed"), (80, "open"), (80, "open")]'
first=1
for ms in 100 300; do
    if ((first)); then lab_delay "$ms"; first=0; else
        # lab_delay starts one forwarder; for the second RTT rebuild the lab.
        lab_destroy; lab_create rrtt --routed
        lab_target_rules drop "accept 22,80" "reset 25"; lab_listen 22 80; lab_delay "$ms"
        out=$LAB_TMP/out.json
    fi
    rel_timed lab_scan scan "$LAB_T4" "$LAB_T6" -p 1-200 --no-probe --expect-open 22,80 \
        --expect-closed 25 --format "json=$out" -q
    lab_log "rtt ${ms} ms: exit $REL_RC in ${REL_SECS}s"
    rel_expect_rc 0 "$REL_RC" "rtt ${ms} ms"
    rel_json "$out" "$truth" "rtt ${ms} ms: exact states"
done
