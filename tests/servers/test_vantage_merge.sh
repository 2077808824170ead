#!/usr/bin/env bash
# --vantage + merge (issue 14) on loopback. Two vantages are simulated
# honestly by time, not by address: the same target is scanned while a
# listener is up ("eu", in two shards) and again after it went down ("cloud"),
# so the one port really answered differently to the two runs. merge must
# keep each vantage's states, report vantage.divergent with the evidence and
# exit 1; identical runs from two vantages do not diverge; a vantage's missing
# shard exits 2; a policy's expect_by_vantage makes the difference expected
# (merge and a single labelled run exit 0); bad names exit 3 with one line.
# The netns lab (tests/lab/test_shards.sh) covers real routed vantages.
set -uo pipefail
: "${EXPOSCAN:?set EXPOSCAN to the exposcan binary}"
PY=/usr/bin/python3
tmp=$(mktemp -d /tmp/exposcan-vantage.XXXXXX)
listener_pid=""
stop_listener() {
    [[ -n "$listener_pid" ]] && kill "$listener_pid" 2>/dev/null && wait "$listener_pid" 2>/dev/null
    listener_pid=""
}
cleanup() {
    stop_listener
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
fail=0
ok() { echo "ok $1"; }
bad() { echo "FAIL $1"; fail=1; }

# A loopback address of this process's own (no parallel test listens there).
addr="127.95.$(($$ % 250)).1"
first=$((20000 + RANDOM % 8000))
x=$((first + 5))  # the port only "eu" sees open
# listen PORT...: a listener on each PORT of $addr until stop_listener.
listen() {
    rm -f "$tmp/ready"
    "$PY" - "$addr" "$tmp/ready" "$@" <<'PYEOF' &
import socket, sys, time
addr, ready, ports = sys.argv[1], sys.argv[2], [int(p) for p in sys.argv[3:]]
socks = []
for p in ports:
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, p))
    s.listen(64)
    socks.append(s)
open(ready, "w").write("ok\n")
time.sleep(120)
PYEOF
    listener_pid=$!
    for _ in $(seq 100); do [[ -s "$tmp/ready" ]] && return 0; sleep 0.1; done
    echo "FAIL: listeners did not start"; exit 1
}
ports="$first,$x"
common=(scan "$addr" -p "$ports" --no-probe --timeout-max 300)
flags=(--expect-open "$first" --expect-closed "$x")
# run NAME ARGS...: JSON and text of one run into $tmp/NAME.*; the exit code into $tmp/NAME.rc.
run() {
    local name=$1 rc=0; shift
    "$EXPOSCAN" "$@" -q --format "json=$tmp/$name.json" --format "text=$tmp/$name.txt" \
        --format "sarif=$tmp/$name.sarif" --format "jsonl=$tmp/$name.jsonl" --format "junit=$tmp/$name.xml" \
        --format "prometheus=$tmp/$name.prom" --format "html=$tmp/$name.html" 2>"$tmp/$name.err" || rc=$?
    echo "$rc" >"$tmp/$name.rc"
}
cat >"$tmp/p.yaml" <<EOF2
targets:
  - name: origin
    addresses: [$addr]
    ports: "$ports"
    expect:
      open: [$first]
      closed: [$x]
    expect_by_vantage:
      eu: { open: [$x] }
EOF2

listen "$first" "$x"
run eu1 "${common[@]}" "${flags[@]}" --vantage eu --shard 1/2
run eu2 "${common[@]}" "${flags[@]}" --vantage eu --shard 2/2
run peu1 "${common[@]}" --policy "$tmp/p.yaml" --vantage eu --shard 1/2
run peu2 "${common[@]}" --policy "$tmp/p.yaml" --vantage eu --shard 2/2
run peu "${common[@]}" --policy "$tmp/p.yaml" --vantage eu
run pnone "${common[@]}" --policy "$tmp/p.yaml"
run ceu check "$tmp/p.yaml" --vantage eu --no-probe
run cnone check "$tmp/p.yaml" --no-probe
stop_listener
listen "$first"
run cloud "${common[@]}" "${flags[@]}" --vantage cloud
run same "${common[@]}" "${flags[@]}" --vantage same
run pcloud "${common[@]}" --policy "$tmp/p.yaml" --vantage cloud
run pother "${common[@]}" --policy "$tmp/p.yaml" --vantage other
stop_listener

rc() { cat "$tmp/$1.rc"; }
[[ $(rc cloud) == 0 && $(rc same) == 0 && $(rc eu2) == 1 ]] &&
    ok "each vantage's own run: cloud and same clean, eu's shard 2/2 finds $x open" ||
    bad "runs exit cloud $(rc cloud) same $(rc same) eu2 $(rc eu2): $(cat "$tmp/cloud.err" "$tmp/eu2.err")"
grep -qx "vantage: eu" "$tmp/eu1.txt" && ok "text names the vantage" || bad "text lacks 'vantage: eu': $(head -3 "$tmp/eu1.txt")"
"$PY" - "$tmp/eu1.json" "$tmp/eu1.sarif" <<'PYEOF' && ok "JSON and SARIF record the vantage" || bad "vantage in JSON/SARIF"
import json, sys
d = json.load(open(sys.argv[1])); s = json.load(open(sys.argv[2]))
assert d["vantage"] == "eu" and d["vantages"] == [] and d["shard"] == {"index": 1, "count": 2}, (d["vantage"], d["shard"])
run = s["runs"][0]
assert run["automationDetails"]["id"] == "exposcan/vantage/eu/" and run["properties"]["vantage"] == "eu", run.get("automationDetails")
PYEOF

# Two vantages that saw different things: eu in two shards, cloud in one.
run merged merge "$tmp/cloud.json" "$tmp/eu2.json" "$tmp/eu1.json"
[[ $(rc merged) == 1 ]] && ok "merge of two vantages exits 1" || bad "merge exit $(rc merged): $(cat "$tmp/merged.err")"
"$PY" - "$tmp/merged.json" "$addr" "$x" "$first" <<'PYEOF' && ok "vantage.divergent names who saw what; states kept per vantage" || bad "merged report"
import json, sys
d = json.load(open(sys.argv[1])); addr, x, first = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
div = [f for f in d["findings"] if f["rule"] == "vantage.divergent"]
assert len(div) == 1, div
f = div[0]
assert f["port"] == x and f["location"] == f"tcp://{addr}:{x}" and f["severity"] == "high", f
assert f["evidence"] == "cloud: closed (conn-refused); eu: open (syn-ack)", f["evidence"]
assert f["title"] == f"port {x}/tcp differs between vantages: open from eu; closed from cloud", f["title"]
assert [(v["name"], v["shards"]) for v in d["vantages"]] == [("cloud", 1), ("eu", 2)], d["vantages"]
state = {v["name"]: {p["port"]: p["state"] for p in v["scans"][0]["ports"]} for v in d["vantages"]}
assert state == {"cloud": {first: "open", x: "closed"}, "eu": {first: "open", x: "open"}}, state
top = {p["port"]: p["state"] for p in d["scans"][0]["ports"]}
assert top == {first: "open", x: "open"}, top  # the most exposed state
opened = [f for f in d["findings"] if f["rule"] == "port.unexpected-open"]
assert len(opened) == 1 and opened[0]["title"].endswith("(from vantage eu)"), opened
assert d["vantage"] is None and d["shard"] is None
PYEOF
here=$(cd "$(dirname "$0")" && pwd)
"$PY" - "$here/../../docs/schema/exposcan-report.schema.json" "$tmp/merged.json" "$tmp/eu1.json" <<'PYEOF' &&
import json, sys, jsonschema
v = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
for path in sys.argv[2:]: v.validate(json.load(open(path)))
PYEOF
    ok "merged and labelled reports validate against docs/schema" || bad "schema validation"
validate=$here/../fixtures/policy/validate_outputs.py
EXPOSCAN_SOURCE_DIR=${EXPOSCAN_SOURCE_DIR:-$here/../..} "$PY" "$validate" "$tmp/merged" --exit 1 \
    --expect-rule "vantage.divergent@tcp://$addr:$x" >"$tmp/v.out" 2>&1 &&
    EXPOSCAN_SOURCE_DIR=${EXPOSCAN_SOURCE_DIR:-$here/../..} "$PY" "$validate" "$tmp/eu2" --exit 1 >>"$tmp/v.out" 2>&1 &&
    ok "every writer's output of the merged and a labelled run validates (SARIF schema, JUnit, Prometheus, JSONL)" ||
    bad "validate_outputs: $(tail -5 "$tmp/v.out")"
grep -q '<property name="vantage" value="eu"/>' "$tmp/eu2.xml" && grep -q 'exposcan_run_info{vantage="eu"} 1' "$tmp/eu2.prom" &&
    grep -q '"vantage":"eu"' "$tmp/eu2.jsonl" && grep -q '<th>vantage</th><td>eu</td>' "$tmp/eu2.html" &&
    ok "JUnit, Prometheus, JSONL and HTML carry the vantage" || bad "vantage missing in JUnit/Prometheus/JSONL/HTML"
if [[ -x /usr/bin/promtool ]]; then
    /usr/bin/promtool check metrics <"$tmp/eu2.prom" >"$tmp/prom.out" 2>&1 && ok "promtool accepts the labelled run's metrics" ||
        bad "promtool: $(cat "$tmp/prom.out")"
fi
grep -q "^from vantage eu (2 shard reports):" "$tmp/merged.txt" && ok "text lists each vantage" ||
    bad "text lacks the vantages: $(cat "$tmp/merged.txt")"

run merged_same merge "$tmp/cloud.json" "$tmp/same.json"
[[ $(rc merged_same) == 0 ]] && ! grep -q vantage.divergent "$tmp/merged_same.json" &&
    ok "identical vantages: no divergence, exit 0" || bad "identical vantages exit $(rc merged_same): $(cat "$tmp/merged_same.err")"

# Completeness is per vantage: eu's shard 2/2 missing.
err=$("$EXPOSCAN" merge "$tmp/cloud.json" "$tmp/eu1.json" -q --format json 2>&1 >/dev/null); code=$?
[[ $code == 2 && $err == *"missing shard 2/2 (vantage eu)"* && $(wc -l <<<"$err") == 1 ]] &&
    ok "a vantage's missing shard exits 2" || bad "missing eu shard: exit $code: $err"
err=$("$EXPOSCAN" merge "$tmp/cloud.json" "$tmp/eu1.json" "$tmp/eu1.json" "$tmp/eu2.json" -q --format json 2>&1 >/dev/null); code=$?
[[ $code == 3 && $err == *"duplicate shard 1/2 (vantage eu)"* ]] && ok "a vantage's duplicate shard exits 3" ||
    bad "duplicate eu shard: exit $code: $err"

# expect_by_vantage: eu must see $x open, everyone else closed.
[[ $(rc peu) == 0 && $(rc pnone) == 1 && $(rc pcloud) == 0 ]] &&
    ok "a single run is judged by its vantage's expectations (eu 0, unlabelled 1, cloud 0)" ||
    bad "policy runs: eu $(rc peu) unlabelled $(rc pnone) cloud $(rc pcloud): $(cat "$tmp/peu.err")"
[[ $(rc ceu) == 0 && $(rc cnone) == 1 ]] && grep -q '"vantage": "eu"' "$tmp/ceu.json" &&
    ok "check --vantage eu is judged by eu's expectations (0; unlabelled 1)" ||
    bad "check: eu $(rc ceu) unlabelled $(rc cnone): $(cat "$tmp/ceu.err" "$tmp/cnone.err")"
run pmerged merge --policy "$tmp/p.yaml" "$tmp/peu1.json" "$tmp/pcloud.json" "$tmp/peu2.json"
[[ $(rc pmerged) == 0 ]] && ! grep -q vantage.divergent "$tmp/pmerged.json" &&
    ok "merge: a difference the policy expects is no finding, exit 0" ||
    bad "policy merge exit $(rc pmerged): $(grep -o '"title": "[^"]*"' "$tmp/pmerged.json" | head -5) $(cat "$tmp/pmerged.err")"

run pnoeu merge --policy "$tmp/p.yaml" "$tmp/pcloud.json" "$tmp/pother.json"
[[ $(rc pnoeu) == 2 ]] && grep -q '"vantage eu: the policy expects what it sees' "$tmp/pnoeu.json" &&
    ok "merge without a vantage the policy names is inconclusive (exit 2)" ||
    bad "merge without eu: exit $(rc pnoeu): $(grep -A2 '"inconclusive"' "$tmp/pnoeu.json")"

# Bad input: one line, exit 3.
expect() {
    local name=$1 want_rc=$2 want=$3 err rc=0; shift 3
    err=$("$EXPOSCAN" "$@" -q --format json 2>&1 >/dev/null) || rc=$?
    if [[ $rc == "$want_rc" && $err == *"$want"* && $(wc -l <<<"$err") == 1 ]]; then ok "$name"
    else bad "$name: exit $rc: $err (want $want_rc: $want)"; fi
}
for v in "e u" "" "eu/1" "$(printf 'v%.0s' $(seq 65))"; do
    expect "--vantage '${v:0:10}'" 3 "--vantage '" scan "$addr" -p 1 --vantage "$v"
done
expect "check --vantage bad" 3 "--vantage 'a:b'" check "$tmp/p.yaml" --vantage "a:b"
printf 'targets:\n  - name: o\n    addresses: [%s]\n    expect_by_vantage:\n      eu: {opne: [1]}\n' "$addr" >"$tmp/bad.yaml"
expect "policy bad vantage key" 3 "$tmp/bad.yaml:5: targets[0].expect_by_vantage.eu.opne: unknown key" check "$tmp/bad.yaml"
"$EXPOSCAN" merge "$tmp/cloud.json" "$tmp/eu1.json" "$tmp/eu2.json" -q --format "json=$tmp/m2.json" >/dev/null 2>&1
expect "a merged multi-vantage report is not merged again" 3 "a merged report of several vantages" merge "$tmp/m2.json" "$tmp/same.json"
exit $fail
