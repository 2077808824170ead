#!/usr/bin/env bash
# bench/nmap-compare.sh: exposcan vs nmap -sT in the namespace lab (root).
#
# Target A: 65532 filtered (drop), 25 closed (reset), 80 and 443 open.
# Target B: all 65535 closed (no firewall, no listener: the kernel answers RST).
# For each: exposcan scan -p 1-65535, nmap -sT -Pn -p- -T4, and the same with
# --min-rate 20000. Checks that all three report identical (port, state, reason)
# sets, prints wall time, ratio to exposcan and peak RSS (/usr/bin/time -v).
#
# Env: BENCH_FAMILY=4|6 (default 4); BENCH_SKIP_SLOW=1 skips plain nmap -T4
# (the slow one) -- used by the CI smoke test.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../tests/lab/lib.sh"
lab_require_root
lab_require_cmd nmap nft /usr/bin/time
lab_require_exposcan
family=${BENCH_FAMILY:-4}

lab_create bench
target=$LAB_T4; nmap_fam=()
[[ $family == 6 ]] && { target=$LAB_T6; nmap_fam=(-6); }

# run_timed NAME CMD...: runs CMD in the scanner ns under /usr/bin/time -v;
# appends "NAME seconds rss_kib" to $LAB_TMP/times.
run_timed() {
    local name=$1; shift
    local t="$LAB_TMP/time.$name"
    ip netns exec "$LAB_NS_SCANNER" /usr/bin/time -v -o "$t" "$@" >/dev/null || true
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$t" |
        awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$t")
    echo "$name $wall $rss" >>"$LAB_TMP/times"
}

# bench_target LABEL: times the three scanners against the current ruleset and compares.
bench_target() {
    local label=$1
    : >"$LAB_TMP/times"
    run_timed exposcan "$EXPOSCAN" scan "$target" -p 1-65535 --format json -q -o "$LAB_TMP/$label.json"
    local nmaps=()
    if [[ -z ${BENCH_SKIP_SLOW:-} ]]; then
        run_timed "nmap-T4" nmap "${nmap_fam[@]}" -sT -Pn -p- -T4 --reason -oX "$LAB_TMP/$label.t4.xml" "$target"
        nmaps+=("$LAB_TMP/$label.t4.xml")
    fi
    run_timed "nmap-T4-minrate20000" nmap "${nmap_fam[@]}" -sT -Pn -p- -T4 --min-rate 20000 --reason \
        -oX "$LAB_TMP/$label.mr.xml" "$target"
    nmaps+=("$LAB_TMP/$label.mr.xml")
    echo "== $label ($target)"
    local agree=yes x
    for x in "${nmaps[@]}"; do
        lab_compare --ports 1-65535 --exposcan "$LAB_TMP/$label.json" --nmap "$x" | tail -1 || agree=NO
    done
    awk -v label="$label" -v agree="$agree" '
        NR == 1 { base = $2 }
        { printf "| %s | %s | %.2f s | %.1fx | %.1f MiB | %s |\n", label, $1, $2, $2 / base, $3 / 1024, agree }
    ' "$LAB_TMP/times" | tee -a "$LAB_TMP/table"
    [[ $agree == yes ]] || BENCH_DISAGREE=1
}

BENCH_DISAGREE=0
echo "| target | scanner | wall | time / exposcan time | peak RSS | agree |" >"$LAB_TMP/table"
echo "|---|---|---|---|---|---|" >>"$LAB_TMP/table"
lab_target_rules accept
bench_target closed
lab_listen 80 443
lab_target_rules drop "accept 80,443" "reset 25"
bench_target filtered
echo
echo "machine: $(nproc) cores, $(uname -r), nmap $(nmap --version | awk 'NR==1 {print $3}'), IPv$family"
cat "$LAB_TMP/table"
((BENCH_DISAGREE == 0)) || lab_fail "scanners disagree"
