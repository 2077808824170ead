#!/usr/bin/env bash
# Fault matrix: services that accept and never speak (tarpit) or drip one
# byte every 0.5 s. Expected: every probe ends within its bound (probe
# timeout, default 5 s, all steps included), the ports are open, the services
# unknown-service, exit 1 (open ports the policy did not expect).
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_exposcan
lab_create rtarpit
lab_target_rules drop "accept 6379,9200,5432,11211,27017,22,2375"
rel_hostile tarpit:6379 tarpit:9200 tarpit:5432 drip:11211 drip:27017 tarpit:22 drip:2375
out=$LAB_TMP/out.json
rel_timed lab_scan scan "$LAB_T4" -p 1-100,2375,5432,6379,9200,11211,27017 --format "json=$out" -q
lab_log "scan with 7 hostile services took ${REL_SECS}s"
rel_expect_rc 1 "$REL_RC" "tarpit/drip services"
rel_json "$out" 'len(d["probes"]) == 7' "7 probes reported"
rel_json "$out" 'all(p["exposure"] == "unknown-service" for p in d["probes"])' "all unknown-service"
rel_json "$out" 'all(p["elapsed_ms"] <= 6000 for p in d["probes"])' "each probe within 5 s + 1 s slack"
(( ${REL_SECS%.*} < 30 )) || lab_fail "run took ${REL_SECS}s (bound: 30 s)"
