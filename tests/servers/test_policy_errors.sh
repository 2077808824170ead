#!/usr/bin/env bash
# Bad policy files and bad gate/output flags through the CLI: each one gives
# its exact one-line message on stderr and exit 3, before any scan starts.
# Also: scope (/23 without --allow-wide), unwritable outputs, a bad baseline.
set -uo pipefail
: "${EXPOSCAN:?set EXPOSCAN to the exposcan binary}"
tmp=$(mktemp -d /tmp/exposcan-policy-errors.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0

# expect NAME EXPECTED_STDERR ARGS...
expect() {
    local name=$1 want=$2; shift 2
    local err rc=0
    err=$("$EXPOSCAN" "$@" 2>&1 >/dev/null) || rc=$?
    if [[ $rc != 3 || $err != "$want" ]]; then
        echo "FAIL $name: exit $rc"; echo "  got:  $err"; echo "  want: $want"; fail=1
    else
        echo "ok $name"
    fi
}
# policy NAME YAML EXPECTED_MESSAGE (message without the "exposcan: " prefix)
policy() {
    printf '%s' "$2" >"$tmp/$1.yaml"
    expect "$1" "exposcan: $tmp/$1.yaml:${3}" check "$tmp/$1.yaml"
}

policy invalid-yaml $'targets: [\n  - name: a\n' "2: yaml: invalid YAML: illegal block entry"
policy empty '' "1: targets: the policy is empty (expected a 'targets:' list)"
policy unknown-key $'targets:\n  - name: a\n    addresses: [127.0.0.1]\n    prots: all\n' \
    "4: targets[0].prots: unknown key (expected one of: name, addresses, domain, cdn, ports, expect, expect_by_vantage, services)"
policy wrong-type $'targets:\n  - name: a\n    addresses: 127.0.0.1\n' \
    '3: targets[0].addresses: expected a list, e.g. [203.0.113.10, "2001:db8::10"]'
policy bad-port $'targets:\n  - name: a\n    addresses: [127.0.0.1]\n    ports: "1-70000"\n' \
    "4: targets[0].ports: bad port list '1-70000': port '70000' is above 65535"
policy bad-state $'targets:\n  - name: a\n    addresses: [127.0.0.1]\n    expect: {default: opne}\n' \
    "4: targets[0].expect.default: unknown state 'opne' (expected open, closed or filtered)"
policy conflict $'targets:\n  - name: a\n    addresses: [127.0.0.1]\n    expect:\n      open: [25]\n      closed: [20-30]\n' \
    "6: targets[0].expect.closed: port 25 is expected both open and closed"
policy duplicate-target $'targets:\n  - name: a\n    addresses: [127.0.0.1]\n  - name: a\n    addresses: ["::1"]\n' \
    "4: targets[1].name: duplicate target name 'a' (first at line 2)"
policy duplicate-address $'targets:\n  - name: a\n    addresses: [127.0.0.1]\n  - name: b\n    addresses: [127.0.0.1]\n' \
    "5: targets[1].addresses: duplicate address 127.0.0.1 (already in target 'a')"
policy empty-targets $'targets: []\n' "1: targets: at least one target is required"
policy missing-addresses $'targets:\n  - name: a\n' "2: targets[0].addresses: every target needs addresses"
policy bad-address $'targets:\n  - name: a\n    addresses: [127.0.0.999]\n' \
    "3: targets[0].addresses: '127.0.0.999' is not an IP address, CIDR or hostname"
policy duplicate-key $'targets:\n  - name: a\n    addresses: [127.0.0.1]\n    name: b\n' \
    "4: targets[0].name: duplicate key"
policy bad-services $'targets:\n  - name: a\n    addresses: [127.0.0.1]\n    services: deny\n' \
    "4: targets[0].services: unknown value 'deny' (expected deny-unauthenticated or ignore)"
policy wide-cidr $'targets:\n  - name: wide\n    addresses: [127.0.0.0/23]\n    ports: "1"\n' \
    "2: target 'wide': $("$EXPOSCAN" scan 127.0.0.0/23 -p 1 2>&1 | sed 's/^exposcan: //')"

expect unreadable "exposcan: $tmp/nope.yaml: cannot read policy file: No such file or directory" check "$tmp/nope.yaml"
good=$tmp/good.yaml
printf 'targets:\n  - name: lo\n    addresses: [127.0.0.1]\n    ports: "1"\n' >"$good"
expect bad-fail-on "exposcan: --fail-on: unknown severity 'hihg' (info, low, medium, high, critical, never)" \
    check "$good" --fail-on hihg
expect bad-format "exposcan: unknown format 'xml' (text, json, jsonl, sarif, junit, prometheus, html, nmap-xml)" check "$good" --format xml
expect unwritable "exposcan: cannot write /nonexistent/out.json: directory /nonexistent is missing or not writable" \
    check "$good" --format json=/nonexistent/out.json
echo '{"schema_version": 99}' >"$tmp/old.json"
expect bad-baseline "exposcan: $tmp/old.json: not an exposcan JSON report (schema_version 1); write one with --format json=FILE" \
    check "$good" --baseline "$tmp/old.json"

# With --allow-wide the same loopback /23 (512 addresses, port 1: all closed,
# loopback only) is scanned: findings, not a usage error.
rc=0
"$EXPOSCAN" check "$tmp/wide-cidr.yaml" --allow-wide --no-probe --format json="$tmp/wide.json" || rc=$?
n=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["targets"]))' "$tmp/wide.json" 2>/dev/null)
if [[ $rc == 1 && $n == 512 ]]; then echo "ok allow-wide"; else echo "FAIL allow-wide: exit $rc, $n targets"; fail=1; fi
echo "policy errors: $([[ $fail == 0 ]] && echo all passed || echo FAILED)"
exit $fail
