#!/usr/bin/env bash
# Issue 11, case 2: a failure on the scanner's side is never a verdict about
# the target. (a) A runner without IPv6 (a namespace with only lo up) scanning
# a v6 origin, and without any route scanning a v4 one: inconclusive (exit 2)
# naming the cause, for `scan` and `check`. (b) A drop-all origin with no
# canary: 0, and every writer says reachability was not proven. (c) With a
# canary (a closed port on another host behind the same router) that answers:
# 0 and reachability "canary". (d) The path dies (the router drops everything
# from the scanner, as an egress firewall would): the origin looks exactly as
# before, but the canary is silent, so the run is inconclusive, never clean.
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_exposcan
lab_create reach --routed
out=$LAB_TMP/out.json
err=$LAB_TMP/err

# The origin drops all TCP; a canary host (another address on the origin's
# link, standing for any host the user knows answers) resets all TCP.
C4=203.0.113.20 C6=2001:db8:2::20
lab_target_addr "$C4/24"
lab_target_addr "$C6/64"
lab_target_nft "table inet xs_lab
delete table inet xs_lab
table inet xs_lab {
  chain input {
    type filter hook input priority 0; policy accept;
    meta l4proto != tcp accept
    ip daddr $C4 reject with tcp reset
    ip6 daddr $C6 reject with tcp reset
    meta l4proto tcp drop
  }
}"

# --- (a) no route on the runner ---------------------------------------------
lonely=$(_lab_ns_name reach lo)
_lab_add_ns "$lonely"  # only lo up: no IPv6 (and no IPv4) route at all
in_lonely() { ip netns exec "$lonely" "$EXPOSCAN" "$@"; }
in_lonely scan "$LAB_T6" -p 1-1000 --no-probe -q --format "json=$out" 2>"$err"
rel_expect_rc 2 $? "runner without IPv6: scan of a v6 origin"
rel_json "$out" 'd["verdict"] == "inconclusive" and any("no IPv6 route on this runner" in w for w in d["inconclusive"])' \
    "the cause is named"
rel_json "$out" 'd["scans"][0]["complete"] is False and d["scans"][0]["ports_scanned"] == ""' "no port state claimed"
cat >"$LAB_TMP/v6.yaml" <<YAML
targets:
  - name: origin
    addresses: ["$LAB_T6"]
    ports: all
    expect: {default: filtered}
YAML
in_lonely check "$LAB_TMP/v6.yaml" --no-probe -q --format "json=$out" 2>"$err"
rel_expect_rc 2 $? "runner without IPv6: check of a policy naming a v6 origin"
in_lonely scan "$LAB_T4" -p 1-100 --no-probe -q --format "json=$out" 2>"$err"
rel_expect_rc 2 $? "runner without any route: scan of a v4 origin"
rel_json "$out" 'any("no route to" in w for w in d["inconclusive"])' "the cause is named (v4)"

# --- (b) no canary: clean, but every writer says reachability is unproven ----
fmts=(text json jsonl sarif junit prometheus)
args=()
for f in "${fmts[@]}"; do args+=(--format "$f=$LAB_TMP/nocanary.$f"); done
lab_scan scan "$LAB_T4" "$LAB_T6" -p 1-300 --no-probe -q "${args[@]}"
rel_expect_rc 0 $? "drop-all origin, no canary"
rel_json "$LAB_TMP/nocanary.json" 'all(s["reachability"] == "not-proven" for s in d["scans"]) and len(d["notes"]) == 2' \
    "JSON: reachability not-proven on both addresses"
for f in "${fmts[@]}"; do
    grep -q "reachability" "$LAB_TMP/nocanary.$f" || lab_fail "$f output does not mention reachability"
done
grep -q 'reachability not proven' "$LAB_TMP/nocanary.text" || lab_fail "text: no reachability note"
grep -q '<skipped message=".*reachability not proven' "$LAB_TMP/nocanary.junit" || lab_fail "junit: not a skipped case"
grep -q 'exposcan_reachability_proven{.*} 0' "$LAB_TMP/nocanary.prometheus" || lab_fail "prometheus: no 0 series"
lab_log "ok: every writer says reachability was not proven"

# --- (c) a canary per family answers: clean and proven ------------------------
lab_scan scan "$LAB_T4" "$LAB_T6" -p 1-300 --no-probe -q --canary "$C4:9" --canary "[$C6]:9" --format "json=$out"
rel_expect_rc 0 $? "drop-all origin, canaries answer"
rel_json "$out" 'all(s["reachability"] == "canary" for s in d["scans"]) and all(c["ok"] for c in d["canaries"])' \
    "reachability proven by the canaries"
rel_json "$out" 'd["canaries"][0]["before"]["state"] == "closed" and d["notes"] == []' "canary closed, no note"
cat >"$LAB_TMP/canary.yaml" <<YAML
canary: ["$C4:9", "[$C6]:9"]
targets:
  - name: origin
    addresses: ["$LAB_T4", "$LAB_T6"]
    ports: 1-300
    expect: {default: filtered}
YAML
lab_scan check "$LAB_TMP/canary.yaml" --no-probe -q --format "json=$out"
rel_expect_rc 0 $? "check: policy canary answers"
rel_json "$out" 'all(s["reachability"] == "canary" for s in d["scans"])' "check: proven by the policy canary"

# --- (d) the path dies: the origin looks the same, the canary does not ---------
ip netns exec "$LAB_NS_ROUTER" nft -f - <<NFT || lab_fail "router rules"
table inet xs_egress {
  chain forward { type filter hook forward priority 0; policy accept; iifname "veth-rs" drop; }
}
NFT
lab_scan check "$LAB_TMP/canary.yaml" --no-probe -q --format "json=$out"
rel_expect_rc 2 $? "check: dead path, canary silent"
rel_json "$out" 'any(w.startswith("canary ") for w in d["inconclusive"]) and all(s["reachability"] == "canary-failed" for s in d["scans"])' \
    "the failed canary is the reason"
lab_scan scan "$LAB_T4" -p 1-300 --no-probe -q --canary "$C4:9" --format "json=$out"
rel_expect_rc 2 $? "scan: dead path, --canary silent"
lab_log "PASS"
