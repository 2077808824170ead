#!/usr/bin/env bash
# Fault matrix: a middlebox/tarpit that completes every handshake (every port
# "open"). Expected: the scan completes, and the report flags the target as a
# suspicious middlebox (one finding whose rule names it) instead of claiming
# hundreds of exposed services. Exit 1 (it is still not what the policy wants).
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_exposcan
lab_create raccept
# Every TCP port is redirected to one listener that accepts and closes.
lab_listen 9
lab_target_nft "table inet xs_redirect {
  chain pre { type nat hook prerouting priority dstnat; policy accept; meta l4proto tcp redirect to :9; }
}"
out=$LAB_TMP/out.json
lab_scan scan "$LAB_T4" -p 1-1000 --no-probe --format "json=$out" -q
rc=$?
rel_json "$out" 'len([p for s in d["scans"] for p in s["ports"] if p["state"] == "open"]) == 1000' "all 1000 ports open"
rel_expect_rc 1 $rc "accept-all"
rel_json "$out" 'any(("tarpit" in f["rule"]) or ("middlebox" in f["rule"]) for f in d["findings"])' \
    "a middlebox/tarpit finding"
rel_json "$out" 'len([f for f in d["findings"] if f["rule"] == "port.unexpected-open"]) < 1000' \
    "not 1000 separate exposure findings"
