#!/usr/bin/env bash
# Fault matrix: the DNS server is gone. (a) Its address answers UDP/TCP 53
# with ICMP port-unreachable / RST (no server running); (b) every packet to it
# is dropped (timeouts). Expected for both: the leak audit ends in bounded
# time, lists what it could not decide in leak.inconclusive, exit 2 -- never
# 0 ("no leak found") when nothing could be asked.
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_exposcan
# The audit runs in the lab's scanner namespace only (lab_scan): its DNS and
# HTTP never leave the machine.
lab_create rdns
lab_target_rules reset
out=$LAB_TMP/out.json
# A second address on the target is the DNS server (nothing listens on 53).
dns=198.51.100.53
lab_target_addr "$dns/24"

run_leak() {
    rel_timed lab_scan leak --domain example.com --origin "$LAB_T4" --dns-server "$dns" --dns-timeout 500 --dns-tries 1 \
        --format "json=$out" -q
}

run_leak
lab_log "(a) DNS port closed: exit $REL_RC in ${REL_SECS}s"
rel_expect_rc 2 "$REL_RC" "(a) DNS server not running"
rel_json "$out" 'd["leak"]["inconclusive"] != [] and d["findings"] == []' "(a) inconclusive, no finding"

lab_target_nft "table inet xs_dnsdrop {
  chain input { type filter hook input priority -20; policy accept; ip daddr $dns drop; }
}"
run_leak
lab_log "(b) DNS packets dropped: exit $REL_RC in ${REL_SECS}s"
rel_expect_rc 2 "$REL_RC" "(b) DNS server blackholed"
rel_json "$out" 'd["leak"]["inconclusive"] != []' "(b) inconclusive"
(( ${REL_SECS%.*} < 120 )) || lab_fail "(b) took ${REL_SECS}s (bound 120 s)"
