#!/usr/bin/env bash
# scan --shard 1/3, 2/3, 3/3 run in parallel in the scanner namespace, then
# `exposcan merge` (the commands dist/k8s and dist/ci run): the merged report
# equals one unsharded run in JSON (normalized: timing and engine statistics,
# tools/normalize_report.py), text, SARIF and JUnit, with the same exit code,
# over IPv4 and IPv6 targets at once. The split puts the v4 and v6 sides of a
# port in different shards, so ipv6.parity is only right if merge re-evaluates
# the whole. Bad inputs (missing, duplicate, mixed): tests/servers/test_shard_merge.sh.
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
