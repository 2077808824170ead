#!/usr/bin/env bash
# bench/many-targets.sh: issue 12's "linear in targets", exposcan vs nmap -sT in one run (root).
#
# Runs in a network namespace of its own (unshare -n: only `lo`, where all of 127.0.0.0/8 is
# local and nothing of the host or of other tests listens; it vanishes with the script, so
# there is nothing to clean up). Every port is closed (RST) except a few listeners the script
# starts. Cases, each the same connect engine on a different shape of work:
#   one    1 target x 65,535 ports            (127.0.0.1 -p 1-65535)
#   many   4,096 targets x 16 ports = 65,536  (127.1.0.0/20 -p 1-16)   goal: within 2x of "one"
#   wide   256 targets x BENCH_WIDE_PORTS     (127.2.0.0/24; all ports = 16.7 M connects)
# For each run: exposcan (--no-probe, JSON), then nmap -sT -Pn -T4 --min-rate 20000 (XML);
# both are checked against the ground truth (every port closed but the listeners). Prints one
# line per scan (wall, CPU = user+sys, peak RSS, exact, load average) and a p50/p95 table.
#
# Env: BENCH_RUNS (5), BENCH_CASES ("one many wide"), BENCH_NMAP (1), BENCH_NMAP_RUNS
# (BENCH_RUNS), BENCH_WIDE_PORTS (1-65535; 1-4096 keeps a run under a minute),
# BENCH_WIDE_RUNS (1), BENCH_OUT (keep JSON/XML and the table there; default: a temp dir,
# removed), BENCH_ARGS (extra exposcan arguments), EXPOSCAN (binary; default build/exposcan).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[[ $(id -u) == 0 ]] || { echo "many-targets: needs root (unshare -n)" >&2; exit 77; }
for c in unshare ip python3 /usr/bin/time; do command -v "$c" >/dev/null || { echo "needs $c" >&2; exit 77; }; done
if [[ ${BENCH_IN_NS:-} != 1 ]]; then
    export BENCH_IN_NS=1
    exec unshare -n "$0" "$@"
fi
ip link set lo up

exposcan=${EXPOSCAN:-$here/../build/exposcan}
runs=${BENCH_RUNS:-5}
cases=${BENCH_CASES:-one many wide}
with_nmap=${BENCH_NMAP:-1}
nmap_runs=${BENCH_NMAP_RUNS:-$runs}
wide_ports=${BENCH_WIDE_PORTS:-1-65535}
wide_runs=${BENCH_WIDE_RUNS:-1}
read -r -a extra <<<"${BENCH_ARGS:-}"
[[ $with_nmap == 1 ]] && ! command -v nmap >/dev/null && { echo "many-targets: no nmap (BENCH_NMAP=0 to skip)" >&2; exit 77; }

tmp=$(mktemp -d /tmp/exposcan-bench-many.XXXXXX)
listener_pid=
cleanup() {
    [[ -n $listener_pid ]] && kill "$listener_pid" 2>/dev/null || true
    [[ -z ${BENCH_OUT:-} ]] && rm -rf "$tmp"
    return 0
}
trap cleanup EXIT INT TERM
out=${BENCH_OUT:-$tmp/out}
mkdir -p "$out"

# The listeners (address port), the only open ports; one per case's block.
cat >"$tmp/open.txt" <<'EOF'
127.0.0.1 8080
127.1.7.9 5
127.1.15.200 16
127.2.0.77 22
EOF
python3 - "$tmp/open.txt" <<'PY' &
import socket, sys, time
socks = []
for line in open(sys.argv[1]):
    a, p = line.split()
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((a, int(p))); s.listen(1024); socks.append(s)
time.sleep(1e6)
PY
listener_pid=$!
# Ready when every listener accepts (python starts slowly on a busy machine).
python3 - "$tmp/open.txt" <<'PY'
import socket, sys, time
for line in open(sys.argv[1]):
    a, p = line.split()
    for _ in range(300):
        try:
            socket.create_connection((a, int(p)), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        sys.exit(f"listener {a} {p} never came up")
PY

# case -> "targets ports"
spec() {
    case $1 in
        one) echo "127.0.0.1 1-65535" ;;
        many) echo "127.1.0.0/20 1-16" ;;
        wide) echo "127.2.0.0/24 $wide_ports" ;;
    esac
}

# timed CMD...: prints "wall_s rss_kib cpu_s".
timed() {
    /usr/bin/time -v -o "$tmp/time" "$@" >/dev/null 2>"$tmp/stderr" || true
    awk -F': ' '/Elapsed \(wall clock\)/ {split($2, a, ":"); s = (length(a) == 3) ? a[1]*3600 + a[2]*60 + a[3] : a[1]*60 + a[2]}
                /(User|System) time/ {c += $2}
                /Maximum resident set size/ {r = $2} END {print s, r, c}' "$tmp/time"
}

# exact KIND FILE TARGETS PORTS: 1 if every (address, port) is closed but the listeners (open).
exact() {
    python3 "$here/many_targets_check.py" "$@" "$tmp/open.txt" 2>"$tmp/check" && echo 1 || { sed 's/^/    /' "$tmp/check" >&2; echo 0; }
}

results="$out/results.txt"  # case tool run wall rss exact cpu load1
: >"$results"
for c in $cases; do
    read -r targets ports < <(spec "$c")
    n=$runs; [[ $c == wide ]] && n=$wide_runs
    for ((i = 1; i <= n; i++)); do
        j="$out/exposcan.$c.$i.json"
        read -r s r cpu < <(timed "$exposcan" scan "$targets" --allow-wide -p "$ports" --no-probe \
            --expect-closed "$ports" --format json -q -o "$j" "${extra[@]}")
        e=$(exact exposcan "$j" "$targets" "$ports")
        echo "$c exposcan $i $s $r $e $cpu $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$results"
        if [[ $with_nmap == 1 ]] && ((i <= nmap_runs)); then
            x="$out/nmap.$c.$i.xml"
            read -r s r cpu < <(timed nmap -sT -Pn -n -p "$ports" -T4 --min-rate 20000 -oX "$x" "$targets")
            e=$(exact nmap "$x" "$targets" "$ports")
            echo "$c nmap $i $s $r $e $cpu $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$results"
        fi
    done
done

table=$(python3 - "$results" <<'PY'
import math, sys
rows = {}
for line in open(sys.argv[1]):
    w = line.split()
    rows.setdefault((w[0], w[1]), []).append((float(w[3]), int(w[4]), int(w[5]), float(w[6]), float(w[7])))
def rank(xs, q):
    xs = sorted(xs)
    return xs[max(0, math.ceil(q * len(xs)) - 1)]
shape = {"one": "1 x 65,535", "many": "4,096 x 16", "wide": "256 x ports"}
print("| case | scanner | runs | p50 wall | p95 wall | p50 CPU | p95 CPU | peak RSS | exact | load |")
print("|---|---|---|---|---|---|---|---|---|---|")
order = {"one": 0, "many": 1, "wide": 2}
for (case, tool), v in sorted(rows.items(), key=lambda kv: (order.get(kv[0][0], 9), kv[0][1])):
    t = [x[0] for x in v]; c = [x[3] for x in v]; l = [x[4] for x in v]
    print(f"| {shape.get(case, case)} | {tool} | {len(v)} | {rank(t, .5):.2f} s | {rank(t, .95):.2f} s "
          f"| {rank(c, .5):.2f} s | {rank(c, .95):.2f} s | {max(x[1] for x in v) / 1024:.1f} MiB "
          f"| {sum(x[2] for x in v)}/{len(v)} | {min(l):.1f}-{max(l):.1f} |")
PY
)
echo
echo "loopback in a private netns; $(nproc) cores, $(uname -r); load now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$table" | tee "$out/table.md"
