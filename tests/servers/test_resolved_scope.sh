#!/usr/bin/env bash
# Issue 11, case 8: a hostname's addresses obey the same scope rule as a CIDR.
# A name resolving to 300 IPv4 addresses needs --allow-wide like a /23 does
# (before: a name with 5,000 addresses was scanned in full). /etc/hosts is
# replaced in a private mount namespace, so the system resolver itself
# answers and nothing outside this test sees it. Nothing is scanned: the
# usage error comes before the first packet.
set -uo pipefail
: "${EXPOSCAN:?set EXPOSCAN to the exposcan binary}"
if [[ $(id -u) != 0 ]] || ! command -v unshare >/dev/null; then
    echo "SKIP: needs root and unshare (a private mount namespace for /etc/hosts)"
    exit 77
fi
tmp=$(mktemp -d /tmp/exposcan-resolved-scope.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
for i in $(seq 0 299); do echo "127.1.$((i / 256)).$((i % 256)) many.exposcan.test"; done >"$tmp/hosts"
echo "127.1.9.1 one.exposcan.test" >>"$tmp/hosts"

# in_ns ARGS...: exposcan ARGS with $tmp/hosts as /etc/hosts.
in_ns() { unshare -m bash -c 'mount --bind "$1" /etc/hosts && shift && exec "$@"' _ "$tmp/hosts" "$EXPOSCAN" "$@"; }

err=$(in_ns scan many.exposcan.test -p 1 --no-probe -q 2>&1 >/dev/null)
rc=$?
want="exposcan: bad target 'many.exposcan.test': resolves to 300 IPv4 addresses, more than a /24 holds; pass --allow-wide to scan them"
if [[ $rc == 3 && $err == "$want" ]]; then echo "ok: 300 addresses refused without --allow-wide"
else echo "FAIL: exit $rc: $err (want exit 3: $want)"; fail=1; fi

# With --allow-wide all 300 are scanned (port 1 on 127.1.x.y: closed, refused).
out=$(in_ns scan many.exposcan.test -p 1 --no-probe -q --allow-wide --format json 2>&1)
n=$(/usr/bin/python3 -c 'import json,sys; print(len(json.loads(sys.stdin.read())["scans"]))' <<<"$out" 2>/dev/null)
if [[ $n == 300 ]]; then echo "ok: --allow-wide scans all 300"
else echo "FAIL: --allow-wide scanned '$n' addresses"; fail=1; fi

# A name with one address is untouched by the rule.
in_ns scan one.exposcan.test -p 1 --no-probe -q >/dev/null 2>&1
rc=$?
if [[ $rc == 1 ]]; then echo "ok: one address scanned (closed port 1 is a finding, exit 1)"
else echo "FAIL: one.exposcan.test exit $rc, want 1"; fail=1; fi
exit $fail
