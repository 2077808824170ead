#!/usr/bin/env bash
# Fault matrix: the scanner's ephemeral port range shrunk to 1,000 ports
# (net.ipv4.ip_local_port_range is per network namespace: only the scanner
# ns changes). Expected: exact truth, exit 0; EADDRNOTAVAIL is backed off and
# retried, never reported as a port state.
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_exposcan
lab_create rephem
lab_in_scanner sysctl -qw net.ipv4.ip_local_port_range="40000 40999"
lab_target_rules reset "accept 22,80" "drop 3000-3999"
lab_listen 22 80
out=$LAB_TMP/out.json
rel_timed lab_scan scan "$LAB_T4" -p 1-6000 --no-probe --expect-open 22,80 \
    --expect-closed 1-21,23-79,81-2999,4000-6000 --format "json=$out" -q
lab_log "1,000 ephemeral ports: exit $REL_RC in ${REL_SECS}s"
rel_expect_rc 0 "$REL_RC" "ephemeral range 1,000"
rel_json "$out" 'd["scans"][0]["counts"] == {"open": 2, "closed": 4998, "filtered": 1000}' "exact counts"
