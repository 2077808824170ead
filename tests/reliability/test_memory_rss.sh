#!/usr/bin/env bash
# Memory bound (docs/resource-bounds.md, "Memory for a /24 x all ports"): a
# target without a firewall answers RST on all 65,535 ports. The scan keeps
# 12 bytes per answering port; findings (one aggregated finding per address
# and rule) and the writers (streamed JSON) must not add a per-port cost.
# Asserts the peak RSS of `exposcan scan ADDR -p- --format json -o FILE` stays
# under 40 MiB (it was 95 MiB with one finding per port and a JSON DOM) and
# that the report holds one aggregated finding and 65,535 closed ports.
# MEMORY_TARGETS=4 scans 4 addresses (a /30) instead, MEMORY_FORMAT picks the
# format, MEMORY_MAX_KIB the bound: the measurement of the docs table.
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_exposcan
lab_require_cmd /usr/bin/time
lab_create memory
targets=${MEMORY_TARGETS:-1}
format=${MEMORY_FORMAT:-json}
max_kib=${MEMORY_MAX_KIB:-40960}
spec=$LAB_T4
if [[ $targets -eq 4 ]]; then
    for a in 16 17 18 19; do lab_target_addr "198.51.100.$a/24"; done
    spec=198.51.100.16/30
fi
out=$LAB_TMP/report.$format
ip netns exec "$LAB_NS_SCANNER" /usr/bin/time -v -o "$LAB_TMP/time" \
    "$EXPOSCAN" scan "$spec" -p- --no-probe --format "$format" -o "$out" -q
rc=$?
rel_expect_rc 1 "$rc" "$targets target(s) x 65,535 closed ports are findings"
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$LAB_TMP/time")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$LAB_TMP/time")
lab_log "peak RSS ${rss} KiB, wall $wall, output $(stat -c %s "$out") bytes ($format, $targets target(s))"
if [[ $format == json ]]; then
    rel_json "$out" "len(d['findings']) == $targets and all(s['counts']['closed'] == 65535 and len(s['ports']) == 65535 for s in d['scans'])" \
        "one aggregated finding per address, every closed port listed"
    rel_json "$out" "d['findings'][0]['title'] == '65535 ports closed, expected filtered' and d['findings'][0]['port'] is None" \
        "aggregated finding at tcp://ADDR"
fi
[[ $rss -lt $max_kib ]] || lab_fail "peak RSS $rss KiB >= $max_kib KiB"
lab_log "ok: peak RSS $rss KiB < $max_kib KiB"
