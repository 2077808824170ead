#!/usr/bin/env bash
# Usage errors a CI gate must refuse before the first packet (issue 11, cases
# 4, 7, 9, 10, 11, 15; case 8 is test_resolved_scope.sh): conflicting or impossible expectations, output flags
# that would lose data, unloadable baselines, bad names and numbers, a name
# resolving to too many addresses. Each case: exit 3, its exact one-line
# message, no file written, and no connection reached the counting listener.
set -uo pipefail
: "${EXPOSCAN:?set EXPOSCAN to the exposcan binary}"
tmp=$(mktemp -d /tmp/exposcan-output-flags.XXXXXX)
listener=
cleanup() {
    [[ -n $listener ]] && kill "$listener" 2>/dev/null && wait "$listener" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
fail=0

# A loopback listener that counts accepted connections into $tmp/count. Its
# own address (not 127.0.0.1): other tests' loopback scans, run alongside by
# ctest -j, must not be counted as a scan this test started.
addr=127.0.88.1
/usr/bin/python3 - "$tmp" "$addr" <<'PY' &
import os, socket, sys
d = sys.argv[1]
s = socket.socket(); s.bind((sys.argv[2], 0)); s.listen(64)
open(d + "/port.tmp", "w").write(str(s.getsockname()[1])); os.rename(d + "/port.tmp", d + "/port")
n = 0
while True:
    c, _ = s.accept(); c.close(); n += 1
    open(d + "/count", "w").write(str(n))
PY
listener=$!
for _ in $(seq 50); do [[ -s $tmp/port ]] && break; sleep 0.1; done
port=$(cat "$tmp/port") || { echo "FAIL: listener did not start"; exit 1; }
connections() { cat "$tmp/count" 2>/dev/null || echo 0; }
scan=(scan "$addr" -p "$port" --no-probe -q)

# expect NAME EXPECTED_STDERR ARGS...: exit 3, that message, no new connection, no file in $tmp/out.
expect() {
    local name=$1 want=$2; shift 2
    local err rc=0 before
    before=$(connections)
    rm -rf "$tmp/out"; mkdir "$tmp/out"
    err=$(cd "$tmp/out" && "$EXPOSCAN" "$@" 2>&1 >/dev/null) || rc=$?
    if [[ $rc != 3 || $err != "$want" ]]; then
        echo "FAIL $name: exit $rc"; echo "  got:  $err"; echo "  want: $want"; fail=1
    elif [[ $(connections) != "$before" ]]; then
        echo "FAIL $name: the scan ran ($(connections) connections, before $before)"; fail=1
    elif [[ -n $(ls -A "$tmp/out") ]]; then
        echo "FAIL $name: files written: $(ls -A "$tmp/out")"; fail=1
    else
        echo "ok $name"
    fi
}

# Case 7: no output silently replaces another.
expect two-bare-with-o "exposcan: -o x needs exactly one --format without =FILE (got 2); write FMT=FILE for each format" \
    "${scan[@]}" --format json --format sarif -o x
expect o-without-bare "exposcan: -o x needs exactly one --format without =FILE (got 0); write FMT=FILE for each format" \
    "${scan[@]}" --format json=y -o x
expect two-on-stdout "exposcan: --format json and --format sarif would both go to standard output; write all but one as FMT=FILE" \
    "${scan[@]}" --format json --format sarif
expect dash-is-stdout "exposcan: --format text and --format json would both go to standard output; write all but one as FMT=FILE" \
    "${scan[@]}" --format text --format json=-
expect same-file "exposcan: --format json and --format sarif would both write x; give each format its own file" \
    "${scan[@]}" --format json=x --format sarif=x
expect same-file-spelled-twice "exposcan: --format json and --format sarif would both write ../out/x; give each format its own file" \
    "${scan[@]}" --format json=./x --format sarif=../out/x
expect same-file-with-o "exposcan: --format json and --format junit would both write x; give each format its own file" \
    "${scan[@]}" --format json -o x --format junit=x
expect leak-two-on-stdout "exposcan: --format json and --format sarif would both go to standard output; write all but one as FMT=FILE" \
    leak --domain example.test --origin "$addr" --format json --format sarif

# Allowed: one bare format to -o, the others to their own files.
before=$(connections)
rm -rf "$tmp/out"; mkdir "$tmp/out"
rc=0
(cd "$tmp/out" && "$EXPOSCAN" "${scan[@]}" --expect-open "$port" --format json -o r.json --format sarif=r.sarif) || rc=$?
if [[ $rc == 0 && -s $tmp/out/r.json && -s $tmp/out/r.sarif && $(connections) != "$before" ]] &&
    /usr/bin/python3 -c 'import json,sys; json.load(open(sys.argv[1])); json.load(open(sys.argv[2]))' \
        "$tmp/out/r.json" "$tmp/out/r.sarif"; then
    echo "ok one-bare-to-o-and-a-file"
else
    echo "FAIL one-bare-to-o-and-a-file: exit $rc, files: $(ls "$tmp/out")"; fail=1
fi

# Case 9: the baseline is loaded before the first packet.
mkdir "$tmp/dir"
printf 'not json' >"$tmp/notjson.json"
echo '{"schema_version": 99}' >"$tmp/old.json"
ln -s "$tmp/missing.json" "$tmp/dangling.json"
good=$tmp/good.yaml
printf 'targets:\n  - name: lo\n    addresses: [%s]\n    ports: "%s"\n    expect: {open: [%s]}\n' "$addr" "$port" "$port" >"$good"
for cmd in scan check; do
    if [[ $cmd == scan ]]; then args=("${scan[@]}"); else args=(check "$good" --no-probe -q); fi
    expect "$cmd-baseline-directory" "exposcan: $tmp/dir: cannot read baseline: Is a directory" \
        "${args[@]}" --baseline "$tmp/dir"
    expect "$cmd-baseline-unreadable" "exposcan: $tmp/dangling.json: cannot read baseline: No such file or directory" \
        "${args[@]}" --baseline "$tmp/dangling.json"
    expect "$cmd-baseline-not-json" \
        "exposcan: $tmp/notjson.json: invalid baseline: [json.exception.parse_error.101] parse error at line 1, column 2: syntax error while parsing value - invalid literal; last read: 'no'" \
        "${args[@]}" --baseline "$tmp/notjson.json"
    expect "$cmd-baseline-not-exposcan" \
        "exposcan: $tmp/old.json: not an exposcan JSON report (schema_version 1); write one with --format json=FILE" \
        "${args[@]}" --baseline "$tmp/old.json"
done

# init -o: "never overwrite" and an unwritable directory are decided before the scan.
echo "keep" >"$tmp/exists.yaml"
expect init-existing "exposcan: init: $tmp/exists.yaml exists; not overwriting a policy" \
    init "$addr" -p "$port" -o "$tmp/exists.yaml"
[[ $(cat "$tmp/exists.yaml") == keep ]] || { echo "FAIL init-existing: file changed"; fail=1; }
expect init-no-directory "exposcan: cannot write /nonexistent/p.yaml: directory /nonexistent is missing or not writable" \
    init "$addr" -p "$port" -o /nonexistent/p.yaml

# Case 4: expectations on the command line are checked like a policy file's.
expect expect-both "exposcan: --expect-closed: port $port is expected both open and closed" \
    "${scan[@]}" --expect-open "$port" --expect-closed "$port"
expect expect-unscanned "exposcan: --expect-open: port 9200 is not in the target's ports ($port), so it would never be checked" \
    "${scan[@]}" --expect-open 9200
expect expect-with-policy \
    "exposcan: --expect-open/--expect-closed cannot be combined with --policy; put the expectations in the policy file" \
    "${scan[@]}" --policy "$good" --expect-open "$port"

# Case 11: nonsense numbers and empty lists, capped echo, honest messages.
expect expect-empty "exposcan: bad port spec '': no ports given" "${scan[@]}" --expect-open ''
expect rate-nan "exposcan: --rate: must be a finite number >= 0 (0 = no cap) (see --help)" "${scan[@]}" --rate nan
expect rate-inf "exposcan: --rate: must be a finite number >= 0 (0 = no cap) (see --help)" "${scan[@]}" --rate inf
expect http-port-0 "exposcan: --http-port: Value 0 not in range 1 to 65535 (see --help)" \
    leak --domain example.test --origin "$addr" --http-port 0
long=$(head -c 120000 /dev/zero | tr '\0' a)
expect long-target "exposcan: bad target '$(head -c 80 /dev/zero | tr '\0' a)...': not an address, CIDR or hostname" \
    scan "$long!" -p "$port" --no-probe -q
expect output-in-proc \
    "exposcan: cannot write /proc/version: cannot create a file in /proc to replace it atomically (No such file or directory)" \
    "${scan[@]}" -o /proc/version
expect demo-bogus-flag "exposcan: demo: The following argument was not expected: --bogus" demo --bogus

# Case 15: one CIDR rule (host bits set is an error that names the network).
expect cidr-host-bits "exposcan: bad target '127.0.88.1/24': host bits are set (did you mean 127.0.88.0/24?)" \
    scan 127.0.88.1/24 -p "$port" --no-probe -q

# Case 10: whatever init writes, check accepts; a name it cannot write is refused first.
expect init-empty-name "exposcan: --name: must not be empty" init "$addr" -p "$port" --name ''
expect init-newline-name "exposcan: --name: must not contain control characters (newline, tab, ESC...)" \
    init "$addr" -p "$port" --name $'a\nversion: 2'
for name in 'a"b\c' "it's: #1" 'ünïcode' '- [x]'; do
    rm -f "$tmp/init.yaml"
    if "$EXPOSCAN" init "$addr" -p "$port" --name "$name" -o "$tmp/init.yaml" 2>"$tmp/err" &&
        "$EXPOSCAN" check "$tmp/init.yaml" --no-probe --format json -o "$tmp/init.json" 2>>"$tmp/err" &&
        /usr/bin/python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["scans"][0]["target"] == sys.argv[2]' \
            "$tmp/init.json" "$name"; then
        echo "ok init-name-round-trip $name"
    else
        echo "FAIL init-name-round-trip $name: $(cat "$tmp/err")"; fail=1
    fi
done

echo "usage errors: $([[ $fail == 0 ]] && echo all passed || echo FAILED)"
exit $fail
