#!/usr/bin/env bash
# bench/lossy.sh: the lossy long path of issue 12, exposcan vs nmap -sT in one lab (root).
#
# Routed lab: 100 ms RTT (delay line) and 5 % random loss each way (router nft; both 0 for the
# clean case: BENCH_RTT_MS=0 BENCH_LOSS_PCT=0), origin like
# ufw: every port dropped except 25 (reset, closed) and 22, 80, 443 (open). For each run and
# each family: exposcan scan -p 1-65535, then (unless BENCH_NMAP=0) nmap -sT -Pn -p- -T4
# --min-rate 20000. Every result is compared with the ground truth (exact = every port equal).
# Prints one line per scan and a table with p50/p95 wall time, exact runs and peak RSS.
#
# Env: BENCH_RUNS (default 20), BENCH_FAMILIES ("4 6"), BENCH_NMAP (1: also nmap; nmap takes
# ~25 s per scan), BENCH_NMAP_RUNS (default BENCH_RUNS: nmap in the first N runs only), BENCH_RTT_MS (100), BENCH_LOSS_PCT (5), BENCH_PORTS (1-65535),
# BENCH_OUT (directory to keep the JSON/XML and the table; default: a temp dir, removed),
# BENCH_ARGS (extra exposcan arguments), BENCH_BEFORE (another exposcan binary, e.g. an older
# commit's, run the same way in the first BENCH_BEFORE_RUNS runs, labelled "exposcan (before)").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../tests/lab/lib.sh"
lab_require_root
lab_require_cmd nmap nft g++ /usr/bin/time
lab_require_exposcan
runs=${BENCH_RUNS:-20}
families=${BENCH_FAMILIES:-4 6}
with_nmap=${BENCH_NMAP:-1}
nmap_runs=${BENCH_NMAP_RUNS:-$runs}
before=${BENCH_BEFORE:-}
before_runs=${BENCH_BEFORE_RUNS:-$runs}
rtt=${BENCH_RTT_MS:-100}
loss=${BENCH_LOSS_PCT:-5}
ports=${BENCH_PORTS:-1-65535}
read -r -a extra <<<"${BENCH_ARGS:-}"

lab_create lossy --routed
out=${BENCH_OUT:-$LAB_TMP/out}
mkdir -p "$out"
lab_target_rules drop "accept 22,80,443" "reset 25"
lab_listen 22 80 443
# BENCH_RTT_MS=0 BENCH_LOSS_PCT=0: the clean case (no delay line, no loss), same origin.
((rtt == 0)) || lab_delay "$rtt"
((loss == 0)) || lab_loss_path "$loss"
for a in "$LAB_T4" "$LAB_T6"; do
    printf '%s default filtered/no-response\n%s 22,80,443 open/syn-ack\n%s 25 closed/conn-refused\n' \
        "$a" "$a" "$a" >"$LAB_TMP/truth.$a"
done
lab_in_scanner ping -c5 -i0.2 -q "$LAB_T4" | tail -2 | tr '\n' ' '; echo

# timed CMD...: runs CMD in the scanner ns; prints "seconds rss_kib cpu_seconds".
timed() {
    local t="$LAB_TMP/time"
    ip netns exec "$LAB_NS_SCANNER" /usr/bin/time -v -o "$t" "$@" >/dev/null 2>"$LAB_TMP/stderr" || true
    awk -F': ' '/Elapsed \(wall clock\)/ {split($2, a, ":"); s = (length(a) == 3) ? a[1]*3600 + a[2]*60 + a[3] : a[1]*60 + a[2]}
                /(User|System) time/ {c += $2}
                /Maximum resident set size/ {r = $2} END {print s, r, c}' "$t"
}

# exact ADDRESS SOURCE-FLAG FILE: 1 if the result equals the ground truth port for port.
exact() {
    lab_compare --ports "$ports" --truth "$LAB_TMP/truth.$1" "$2" "$3" >"$LAB_TMP/cmp" 2>&1 && echo 1 || echo 0
}

results="$out/results.txt"   # tool family run seconds rss exact cpu load1 [stats]
: >"$results"
for ((i = 1; i <= runs; i++)); do
    for f in $families; do
        addr=$LAB_T4; nf=(); [[ $f == 6 ]] && { addr=$LAB_T6; nf=(-6); }
        for tool in exposcan before; do
            bin=$EXPOSCAN
            if [[ $tool == before ]]; then [[ -n $before ]] && ((i <= before_runs)) || continue; bin=$before; fi
            j="$out/$tool.v$f.$i.json"
            read -r s r c < <(timed "$bin" scan "$addr" -p "$ports" --no-probe --format json -q \
                -o "$j" "${extra[@]}")
            e=$(exact "$addr" --exposcan "$j")
            st=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["scans"][0].get("stats",{});
print(" ".join(f"{k}={s[k]}" for k in ("connects","retransmissions","loss_probes","loss_estimate","max_tries","timeout_us","rtt_p50_us","rtt_p90_us","rate") if k in s))' "$j" 2>/dev/null || true)
            echo "$tool v$f $i $s $r $e $c $(cut -d' ' -f1 /proc/loadavg) $st" | tee -a "$results"
            [[ $e == 1 ]] || sed 's/^/    /' "$LAB_TMP/cmp" | head -5
        done
        if [[ $with_nmap == 1 ]] && ((i <= nmap_runs)); then
            x="$out/nmap.v$f.$i.xml"
            read -r s r c < <(timed nmap "${nf[@]}" -sT -Pn -p "$ports" -T4 --min-rate 20000 --reason -oX "$x" "$addr")
            e=$(exact "$addr" --nmap "$x")
            echo "nmap v$f $i $s $r $e $c $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$results"
        fi
    done
done

# p50/p95 by nearest rank over the runs of each (tool, family).
table=$(python3 - "$results" "$runs" <<'PY'
import math, sys
rows = {}
for line in open(sys.argv[1]):
    w = line.split()
    rows.setdefault((w[0], w[1]), []).append((float(w[3]), int(w[4]), int(w[5]), float(w[6])))
def rank(xs, q):
    xs = sorted(xs)
    return xs[max(0, math.ceil(q * len(xs)) - 1)]
print("| scanner | family | runs | p50 wall | p95 wall | max wall | exact | p50 CPU | peak RSS |")
print("|---|---|---|---|---|---|---|---|---|")
name = {"exposcan": "exposcan", "before": "exposcan (before)", "nmap": "nmap -sT -T4 --min-rate 20000"}
for (tool, fam), v in sorted(rows.items()):
    t = [x[0] for x in v]
    print(f"| {name[tool]} | IP{fam} | {len(v)} | {rank(t, .5):.2f} s | {rank(t, .95):.2f} s | {max(t):.2f} s "
          f"| {sum(x[2] for x in v)}/{len(v)} | {rank([x[3] for x in v], .5):.2f} s | {max(x[1] for x in v) / 1024:.1f} MiB |")
PY
)
echo
echo "lab: ${rtt} ms RTT, ${loss} % loss each way, ports $ports; $(nproc) cores, $(uname -r);" \
    "load before/after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$table" | tee "$out/table.md"
