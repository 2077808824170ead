#!/usr/bin/env bash
# check --shard I/N + merge --policy on loopback: a policy of two targets with
# their own ports and expectations (one takes its addresses from a file,
# `addresses: {file: ...}`), three shards run in parallel and merged equal one
# unsharded `check` in JSON (normalized: timing and engine stats), text, SARIF
# and JUnit, with the same exit code (1: an unexpected open port, a closed
# port expected open). Each shard records its share, and the shares partition
# the work. A sharded check of a policy with a domain: target, a bad --shard,
# a missing shard and merge without --policy are one line and exit 3 / 2.
set -uo pipefail
: "${EXPOSCAN:?set EXPOSCAN to the exposcan binary}"
PY=/usr/bin/python3
tmp=$(mktemp -d /tmp/exposcan-check-shards.XXXXXX)
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
norm=$here/../lab/tools/normalize_report.py

# A loopback block of this process's own (no parallel test listens there).
net="127.94.$(($$ % 250))"
first=$((20000 + RANDOM % 8000))
"$PY" - "$net" "$first" "$tmp/ready" <<'PYEOF' &
import socket, sys, time
net, first, ready = sys.argv[1], int(sys.argv[2]), sys.argv[3]
socks = []
for host, offs in ((net + ".1", (0, 17)), (net + ".2", (0,)), (net + ".3", (40,))):
    for o in offs:
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((host, first + o))
        s.listen(64)
        socks.append(s)
open(ready, "w").write("ok\n")
time.sleep(120)
PYEOF
listener_pid=$!
for _ in $(seq 50); do [[ -s "$tmp/ready" ]] && break; sleep 0.1; done
[[ -s "$tmp/ready" ]] || { echo "FAIL: listeners did not start"; exit 1; }

# web: .1 and .2 from a file, ports first..first+199, first open (.1's first+17
# is unexpected). db: .3, ports first+20..first+60, first+41 expected open but
# closed, first+40 open but expected closed: findings of every kind on both.
mkdir -p "$tmp/fleet"
printf '# web origins\n%s.1\n\n%s.2   # second\n' "$net" "$net" >"$tmp/fleet/web.txt"
cat >"$tmp/fleet/policy.yaml" <<EOF
targets:
  - name: web
    addresses: {file: web.txt}
    ports: "$first-$((first + 199))"
    expect:
      default: closed
      open: [$first]
    services: ignore
  - name: db
    addresses: [$net.3]
    ports: "$((first + 20))-$((first + 60))"
    expect:
      default: closed
      open: [$((first + 41))]
    services: ignore
EOF
policy=$tmp/fleet/policy.yaml

out() {  # out DIR ARGS...: every compared format into DIR, exit code into DIR/rc
    local dir=$1 rc=0; shift
    mkdir -p "$dir"
    (cd "$tmp" && "$EXPOSCAN" "$@" -q --format "json=$dir/r.json" --format "text=$dir/r.txt" \
        --format "sarif=$dir/r.sarif" --format "junit=$dir/r.xml" 2>"$dir/err") || rc=$?
    echo "$rc" >"$dir/rc"
}
out "$tmp/single" check "$policy" --no-probe
pids=()
for i in 1 2 3; do out "$tmp/s$i" check "$policy" --no-probe --shard "$i/3" & pids+=($!); done
wait "${pids[@]}"
out "$tmp/merged" merge --policy "$policy" "$tmp/s2/r.json" "$tmp/s3/r.json" "$tmp/s1/r.json"

[[ $(cat "$tmp/single/rc") == 1 && $(cat "$tmp/merged/rc") == 1 ]] &&
    ok "single check and merged shards exit 1" ||
    bad "exit codes: single $(cat "$tmp/single/rc") merged $(cat "$tmp/merged/rc"): $(cat "$tmp/single/err" "$tmp/merged/err")"
"$PY" - "$tmp/single/r.json" "$tmp/s1/r.json" "$tmp/s2/r.json" "$tmp/s3/r.json" <<'PYEOF' &&
import json, sys
single = json.load(open(sys.argv[1]))
rules = sorted(f["rule"] for f in single["findings"])
assert rules == ["port.unexpected-closed", "port.unexpected-open", "port.unexpected-open"], rules
assert single["command"] == "check" and single["shard"] is None, (single["command"], single["shard"])
seen = []
for i, path in enumerate(sys.argv[2:], 1):
    d = json.load(open(path))
    assert d["command"] == "check" and d["shard"] == {"index": i, "count": 3}, d["shard"]
    seen.append(sum(int(s["counts"]["open"]) + int(s["counts"]["closed"]) + int(s["counts"]["filtered"]) for s in d["scans"]))
assert sum(seen) == 2 * 200 + 41 and max(seen) - min(seen) <= 3, seen
PYEOF
    ok "the single check has the three findings; each shard records its share; shares partition the work" ||
    bad "findings or shard shares (above)"
for f in r.json r.txt r.sarif r.xml; do
    if "$PY" "$norm" "$tmp/single/$f" >"$tmp/a" && "$PY" "$norm" "$tmp/merged/$f" >"$tmp/b" && cmp -s "$tmp/a" "$tmp/b"; then
        ok "merged $f equals the single check's"
    else bad "merged $f differs: $(diff "$tmp/a" "$tmp/b" | head -8)"; fi
done

# expect NAME RC WANT ARGS...: exit RC and one stderr line holding WANT.
expect() {
    local name=$1 want_rc=$2 want=$3 rc=0; shift 3
    "$EXPOSCAN" "$@" -q --format "json=$tmp/x.json" 2>"$tmp/err" >/dev/null || rc=$?
    if [[ $rc == "$want_rc" && $(wc -l <"$tmp/err") == 1 ]] && grep -qF -- "$want" "$tmp/err"; then ok "$name: exit $rc"
    else bad "$name: exit $rc, want $want_rc with '$want': $(cat "$tmp/err")"; fi
}
printf 'targets:\n  - name: site\n    addresses: [%s.1]\n    domain: example.com\n    ports: [%s]\n' "$net" "$first" >"$tmp/leak.yaml"
expect "check --shard with a domain: target" 3 "check --shard cannot split the leak audit" check "$tmp/leak.yaml" --shard 1/2
expect "check --shard 4/3" 3 "--shard '4/3'" check "$policy" --shard 4/3
expect "check --shard 0/3" 3 "--shard '0/3'" check "$policy" --shard 0/3
expect "merge of check shards without shard 2" 2 "missing shard 2/3" merge --policy "$policy" "$tmp/s1/r.json" "$tmp/s3/r.json"
expect "merge of check shards without --policy" 3 "give merge the same --policy FILE" merge "$tmp/s1/r.json" "$tmp/s2/r.json" "$tmp/s3/r.json"
exit "$fail"
