#!/usr/bin/env bash
# Fault matrix: `ulimit -n 64` (soft and hard: the engine cannot raise it).
# Expected: the scan still completes with the exact truth and exit 0 --
# concurrency shrinks to fit, EMFILE never becomes a port state.
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_exposcan
lab_create rulimit
lab_target_rules reset "accept 22,80,443" "drop 1000-1999"
lab_listen 22 80 443
out=$LAB_TMP/out.json
rel_timed lab_in_scanner bash -c 'ulimit -n 64 && exec "$0" "$@"' "$EXPOSCAN" scan "$LAB_T4" \
    -p 1-3000 --no-probe --expect-open 22,80,443 --expect-closed 1-21,23-79,81-442,444-999,2000-3000 \
    --format "json=$out" -q
lab_log "ulimit -n 64: exit $REL_RC in ${REL_SECS}s"
rel_expect_rc 0 "$REL_RC" "ulimit -n 64"
rel_json "$out" 'd["scans"][0]["counts"] == {"open": 3, "closed": 1997, "filtered": 1000}' "exact counts"
