#!/usr/bin/env bash
# Fault matrix: the target drops every TCP packet. Expected: every port
# filtered/no-response; exit per policy: 0 when the policy expects filtered
# (the scenario's hardened origin), and never 0 when a port that must answer
# (closed 25) is silent: 1 (port.unexpected-filtered) or 2 (nothing answered
# at all: docs/policy.md "Exit codes" counts that as inconclusive). Both are
# asserted exactly.
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_exposcan
lab_create rdrop
lab_target_rules drop
out=$LAB_TMP/out.json

lab_scan scan "$LAB_T4" "$LAB_T6" -p 1-200 --no-probe --format "json=$out" -q
rel_expect_rc 0 $? "drop-all, policy all filtered"
rel_json "$out" 'all(s["complete"] for s in d["scans"]) and d["findings"] == []' "complete, no findings"
rel_json "$out" 'all(p["state"] == "filtered" for s in d["scans"] for p in s.get("ports", []))' "only filtered"

lab_scan scan "$LAB_T4" -p 1-200 --expect-closed 25 --no-probe --format "json=$out" -q
rc=$?
rel_expect_rc 2 $rc "drop-all, policy wants 25 closed (nothing answered: inconclusive)"
