#!/usr/bin/env bash
# scan --shard 1/3, 2/3, 3/3 run in parallel in the scanner namespace, then
# `exposcan merge` (the commands dist/k8s and dist/ci run): the merged report
# equals one unsharded run in JSON (normalized: timing and engine statistics,
# tools/normalize_report.py), text, SARIF and JUnit, with the same exit code,
# over IPv4 and IPv6 targets at once. The split puts the v4 and v6 sides of a
# port in different shards, so ipv6.parity is only right if merge re-evaluates
# the whole. Bad inputs (missing, duplicate, mixed): tests/servers/test_shard_merge.sh.
# Then two vantages (--vantage): the origin's firewall drops 9200 from the "eu"
# source and lets the "cloud" source through; eu in two shards + cloud, merged,
# is vantage.divergent for 9200 (open from cloud, filtered from eu), exit 1.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_cmd nft
lab_require_exposcan
norm="$LAB_DIR/tools/normalize_report.py"

lab_create shards
lab_target_addr 198.51.100.11/24
lab_target_addr 2001:db8:1::11/64
lab_target_rules drop "accept 22,80,443" "v4:accept 9200" "v4:reset 1000-1099" "v6:reset 1000-1009"
lab_listen 22 80 443 9200
targets=("$LAB_T4" 198.51.100.11 "$LAB_T6" 2001:db8:1::11)
job=(scan "${targets[@]}" -p 1-1200,9200 --expect-open 22,80,443 --expect-closed 1000-1009 --no-probe)

# run DIR ARGS...: every compared format into DIR (inside the scanner ns).
run() {
    local dir=$LAB_TMP/$1 rc=0; shift
    mkdir -p "$dir"
    lab_scan "$@" -q --format "json=$dir/r.json" --format "text=$dir/r.txt" --format "sarif=$dir/r.sarif" \
        --format "junit=$dir/r.xml" 2>"$dir/err" || rc=$?
    echo "$rc" >"$dir/rc"
}
run single "${job[@]}"
pids=()
for i in 1 2 3; do run "s$i" "${job[@]}" --shard "$i/3" & pids+=($!); done
wait "${pids[@]}"
run merged merge "$LAB_TMP/s2/r.json" "$LAB_TMP/s3/r.json" "$LAB_TMP/s1/r.json"

single_rc=$(cat "$LAB_TMP/single/rc") merged_rc=$(cat "$LAB_TMP/merged/rc")
[[ $single_rc == 1 && $merged_rc == 1 ]] ||
    lab_fail "exit codes: single $single_rc, merged $merged_rc: $(cat "$LAB_TMP/single/err" "$LAB_TMP/merged/err")"
grep -q '"rule": "port.unexpected-open"' "$LAB_TMP/merged/r.json" || lab_fail "9200 open on v4 not a finding"
for f in r.json r.txt r.sarif r.xml; do
    "$LAB_PY" "$norm" "$LAB_TMP/single/$f" >"$LAB_TMP/a"
    "$LAB_PY" "$norm" "$LAB_TMP/merged/$f" >"$LAB_TMP/b"
    cmp -s "$LAB_TMP/a" "$LAB_TMP/b" || lab_fail "merged $f differs from the single run: $(diff "$LAB_TMP/a" "$LAB_TMP/b" | head -20)"
    lab_log "ok: merged $f equals the single run's"
done
lab_log "ok: 3 shards + merge = one run (exit $merged_rc), IPv4 and IPv6"

# Two vantages = two source addresses of the scanner namespace; the target's
# firewall (a table of its own, before the lab's filter) drops 9200 from the
# eu source only, like an allow-list that trusts a cloud range. The kernel
# picks the source by route: a host route to the target with src selects cloud.
cloud_src=198.51.100.2
lab_in_scanner ip addr add "$cloud_src/24" dev veth-s
lab_target_nft "table inet vantage {
    chain input { type filter hook input priority -10; policy accept;
        ip saddr $LAB_S4 tcp dport 9200 drop
    }
}"
vjob=(scan "$LAB_T4" -p 22,80,443,9200 --expect-open 22,80,443 --no-probe)
pids=()
for i in 1 2; do run "eu$i" "${vjob[@]}" --vantage eu --shard "$i/2" & pids+=($!); done
wait "${pids[@]}"
lab_in_scanner ip route add "$LAB_T4/32" dev veth-s src "$cloud_src"
run cloud "${vjob[@]}" --vantage cloud
lab_in_scanner ip route del "$LAB_T4/32" dev veth-s src "$cloud_src"
run vmerged merge "$LAB_TMP/eu1/r.json" "$LAB_TMP/cloud/r.json" "$LAB_TMP/eu2/r.json"
[[ $(cat "$LAB_TMP/cloud/rc") == 1 && $(cat "$LAB_TMP/vmerged/rc") == 1 ]] ||
    lab_fail "vantage exit codes: cloud $(cat "$LAB_TMP/cloud/rc"), merged $(cat "$LAB_TMP/vmerged/rc"): $(cat "$LAB_TMP/vmerged/err")"
"$LAB_PY" - "$LAB_TMP/vmerged/r.json" "$LAB_T4" <<'PYEOF' || lab_fail "merged vantages: no vantage.divergent for 9200 as expected"
import json, sys
d = json.load(open(sys.argv[1])); t4 = sys.argv[2]
div = [f for f in d["findings"] if f["rule"] == "vantage.divergent"]
assert len(div) == 1, div
f = div[0]
assert f["location"] == f"tcp://{t4}:9200" and f["severity"] == "high", f
assert f["evidence"] == "cloud: open (syn-ack); eu: filtered (no-response)", f["evidence"]
assert [(v["name"], v["shards"]) for v in d["vantages"]] == [("cloud", 1), ("eu", 2)], d["vantages"]
PYEOF
lab_log "ok: eu (2 shards) + cloud merged: 9200 open from cloud, filtered from eu = vantage.divergent (exit 1)"
