#!/usr/bin/env bash
# scan --shard I/N + merge (issue 14) on loopback: three shards run in
# parallel and merged equal one unsharded run in JSON (normalized: timing and
# engine stats, docs/scaling.md "What merge keeps"), text, SARIF and JUnit,
# with the same exit code; and every bad input is one line with exit 3
# (duplicate, mixed version/job/policy, truncated, bad --shard) or 2
# (missing shard), never 0. The netns lab test (tests/lab/test_shards.sh)
# does the same across a routed link, both families.
set -uo pipefail
: "${EXPOSCAN:?set EXPOSCAN to the exposcan binary}"
PY=/usr/bin/python3
tmp=$(mktemp -d /tmp/exposcan-shard-merge.XXXXXX)
listener_pid=""
cleanup() {
    [[ -n "$listener_pid" ]] && kill "$listener_pid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
fail=0
ok() { echo "ok $1"; }
bad() { echo "FAIL $1"; fail=1; }
here=$(cd "$(dirname "$0")" && pwd)

# A loopback block of this process's own (no parallel test listens there).
net="127.93.$(($$ % 250))"
first=$((20000 + RANDOM % 8000))
ports="$first-$((first + 299))"
"$PY" - "$net" "$first" "$tmp/ready" <<'PYEOF' &
import socket, sys, time
net, first, ready = sys.argv[1], int(sys.argv[2]), sys.argv[3]
socks = []
for host, offs in ((net + ".1", (0, 17, 299)), (net + ".2", (5,))):
    for o in offs:
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((host, first + o))
        s.listen(64)
        socks.append(s)
open(ready, "w").write("ok\n")
time.sleep(60)
PYEOF
listener_pid=$!
for _ in $(seq 50); do [[ -s "$tmp/ready" ]] && break; sleep 0.1; done
[[ -s "$tmp/ready" ]] || { echo "FAIL: listeners did not start"; exit 1; }

targets=("$net.1" "$net.2" "$net.3")
common=(scan "${targets[@]}" -p "$ports" --expect-open "$first,$((first + 17))" --no-probe --timeout-max 300)
# out DIR ARGS...: every compared format into DIR; prints the exit code.
out() {
    local dir=$1 rc=0; shift
    mkdir -p "$dir"
    "$EXPOSCAN" "$@" -q --format "json=$dir/r.json" --format "text=$dir/r.txt" --format "sarif=$dir/r.sarif" \
        --format "junit=$dir/r.xml" 2>"$dir/err" || rc=$?
    echo "$rc" >"$dir/rc"
}
out "$tmp/single" "${common[@]}"
for i in 1 2 3; do out "$tmp/s$i" "${common[@]}" --shard "$i/3" & done
wait %2 %3 %4 2>/dev/null || wait
out "$tmp/merged" merge "$tmp/s3/r.json" "$tmp/s1/r.json" "$tmp/s2/r.json"

[[ $(cat "$tmp/single/rc") == 1 && $(cat "$tmp/merged/rc") == 1 ]] &&
    ok "single and merged runs exit 1 (unexpected open ports)" ||
    bad "exit codes: single $(cat "$tmp/single/rc") merged $(cat "$tmp/merged/rc"): $(cat "$tmp/single/err" "$tmp/merged/err")"
"$PY" - "$tmp/s1/r.json" "$tmp/s2/r.json" "$tmp/s3/r.json" <<'PYEOF' && ok "each shard reports its share; shares partition the work" || bad "shard shares"
import json, sys
seen = []
for i, path in enumerate(sys.argv[1:], 1):
    d = json.load(open(path))
    assert d["shard"] == {"index": i, "count": 3}, d["shard"]
    seen.append(sum(int(s["counts"]["open"]) + int(s["counts"]["closed"]) + int(s["counts"]["filtered"]) for s in d["scans"]))
assert sum(seen) == 900 and max(seen) - min(seen) <= 3, seen
PYEOF
for f in r.json r.txt r.sarif r.xml; do
    if "$PY" "$here/../lab/tools/normalize_report.py" "$tmp/single/$f" >"$tmp/a" && "$PY" "$here/../lab/tools/normalize_report.py" "$tmp/merged/$f" >"$tmp/b" &&
        cmp -s "$tmp/a" "$tmp/b"; then ok "merged $f equals the single run's"
    else bad "merged $f differs: $(diff "$tmp/a" "$tmp/b" | head -8)"; fi
done

# expect NAME RC WANT_SUBSTRING ARGS...: exit RC and one stderr line holding WANT.
expect() {
    local name=$1 want_rc=$2 want=$3 err rc=0; shift 3
    err=$("$EXPOSCAN" "$@" -q --format json 2>&1 >/dev/null) || rc=$?
    if [[ $rc == "$want_rc" && $err == *"$want"* && $(wc -l <<<"$err") == 1 ]]; then ok "$name"
    else bad "$name: exit $rc: $err (want $want_rc: $want)"; fi
}
s1=$tmp/s1/r.json s2=$tmp/s2/r.json s3=$tmp/s3/r.json
expect missing-shard 2 "missing shard 2/3" merge "$s1" "$s3"
expect duplicate-shard 3 "duplicate shard 2/3" merge "$s1" "$s2" "$s2" "$s3"
"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); d["tool"]["version"]="0.0.0-other"; json.dump(d,open(sys.argv[2],"w"))' "$s2" "$tmp/v.json"
expect mixed-version 3 "$tmp/v.json: made by exposcan 0.0.0-other" merge "$s1" "$tmp/v.json" "$s3"
"$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); d["work"]["ports"]="1-9"; json.dump(d,open(sys.argv[2],"w"))' "$s2" "$tmp/j.json"
expect mixed-job 3 "$tmp/j.json: a different job than" merge "$s1" "$tmp/j.json" "$s3"
head -c 700 "$s2" >"$tmp/t.json"
expect truncated 3 "$tmp/t.json: truncated or invalid JSON" merge "$s1" "$tmp/t.json" "$s3"
printf 'targets:\n  - name: o\n    addresses: [%s.1]\n' "$net" >"$tmp/p.yaml"
expect merge-policy-not-used 3 "the shards were scanned without a policy file" merge "$s1" "$s2" "$s3" --policy "$tmp/p.yaml"
for s in 0/3 4/3 x/y 1/0 1/1025; do expect "shard $s" 3 "--shard '$s':" scan "$net.1" -p 1 --shard "$s"; done
exit $fail
