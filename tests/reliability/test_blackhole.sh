#!/usr/bin/env bash
# Fault matrix: the scanner's own outbound path dies mid-scan (2 s in):
# (a) nft drops everything leaving the scanner ns (silence, like a firewall),
#     target answers every port with RST, policy expects all closed;
# (b) same, but the scanner's link goes down (connect fails locally);
# (c) the scenario's origin (all filtered, 25 closed): port 25 answered before
#     the fault, everything after is silent -- exactly what the policy
#     expects, so only loss detection can tell.
# Expected in every case: exit 2 (inconclusive), scan marked incomplete --
# never 0 (a false all-clear), and not 1 with thousands of findings.
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_exposcan
lab_create rblack
out=$LAB_TMP/out.json

blackhole_in_2s() {
    ( sleep 2; ip netns exec "$LAB_NS_SCANNER" nft -f - <<'NFT'
table inet xs_black {
  chain out { type filter hook output priority 0; policy drop; }
}
NFT
    ) &
}
scan() {
    rel_timed lab_scan scan "$LAB_T4" -p 1-20000 --no-probe --rate 4000 --deadline 120 \
        --format "json=$out" -q "$@"
}
check() {
    lab_log "$1: exit $REL_RC in ${REL_SECS}s"
    rel_check_rc 2 "$REL_RC" "$1"
    [[ $REL_RC == 2 ]] && rel_json "$out" 'not all(s["complete"] for s in d["scans"])' "$1: marked incomplete"
}

lab_target_rules reset
blackhole_in_2s; scan --expect-closed 1-20000
check "(a) outbound dropped mid-scan"
ip netns exec "$LAB_NS_SCANNER" nft delete table inet xs_black

( sleep 2; ip -n "$LAB_NS_SCANNER" link set veth-s down ) &
scan --expect-closed 1-20000
check "(b) scanner link down mid-scan"
ip -n "$LAB_NS_SCANNER" link set veth-s up
sleep 2

lab_target_rules drop "reset 25"
blackhole_in_2s; scan --expect-closed 25
check "(c) scenario origin, outbound dropped after port 25 answered"
rel_done
