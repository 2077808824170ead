#!/usr/bin/env bash
# Targets at scale (issue 14): --targets-file / -iL (also from stdin), --exclude
# and --exclude-file, for scan and init. Checked against a loopback listener
# block: exactly the listed addresses minus the excluded ones are scanned, and
# every bad line is one "FILE:LINE: ..." error with exit 3 before any packet.
set -uo pipefail
: "${EXPOSCAN:?set EXPOSCAN to the exposcan binary}"
tmp=$(mktemp -d /tmp/exposcan-targets-file.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok $1"; }
bad() { echo "FAIL $1"; fail=1; }

# scanned ARGS...: the addresses a JSON scan of port 1 covered, sorted, one line.
scanned() {
    "$EXPOSCAN" scan "$@" -p 1 --no-probe -q --format json 2>"$tmp/err" |
        /usr/bin/python3 -c 'import json,sys; print(" ".join(sorted(s["address"] for s in json.load(sys.stdin)["scans"])))'
}

printf '# fleet\n127.0.91.1\n\n127.0.91.2   # web\r\n127.0.91.8/30\n' >"$tmp/targets.txt"
[[ $(scanned --targets-file "$tmp/targets.txt") == "127.0.91.1 127.0.91.10 127.0.91.11 127.0.91.2 127.0.91.8 127.0.91.9" ]] &&
    ok targets-file || bad "targets-file: $(scanned --targets-file "$tmp/targets.txt") $(cat "$tmp/err")"
[[ $(scanned -iL - 127.0.91.3 <"$tmp/targets.txt") == "127.0.91.1 127.0.91.10 127.0.91.11 127.0.91.2 127.0.91.3 127.0.91.8 127.0.91.9" ]] &&
    ok "-iL from stdin plus a positional target" || bad "-iL -: $(cat "$tmp/err")"
printf '127.0.91.9\n127.0.91.10/31\n' >"$tmp/exclude.txt"
[[ $(scanned -iL "$tmp/targets.txt" --exclude 127.0.91.1,127.0.91.2 --exclude-file "$tmp/exclude.txt") == "127.0.91.8" ]] &&
    ok "exclude list and exclude file" || bad "exclude: $(cat "$tmp/err")"
[[ $(scanned 127.0.91.0/24 --exclude 127.0.0.0/8) == "" ]] 2>/dev/null
[[ $(cat "$tmp/err") == "exposcan: every target is excluded (--exclude/--exclude-file): nothing to scan" ]] &&
    ok "everything excluded is a usage error" || bad "all excluded: $(cat "$tmp/err")"

# expect NAME WANT_STDERR ARGS...: exit 3 and exactly that line.
expect() {
    local name=$1 want=$2 err rc=0; shift 2
    err=$("$EXPOSCAN" "$@" 2>&1 >/dev/null) || rc=$?
    if [[ $rc == 3 && $err == "$want" ]]; then ok "$name"; else bad "$name: exit $rc: $err (want: $want)"; fi
}
printf '127.0.91.1\n127.0.91.5/24\n' >"$tmp/hostbits.txt"
expect line-host-bits "exposcan: $tmp/hostbits.txt:2: bad target '127.0.91.5/24': host bits are set (did you mean 127.0.91.0/24?)" \
    scan -iL "$tmp/hostbits.txt" -p 1
printf '127.0.91.1\n\n10.0.0.0/8\n' >"$tmp/wide.txt"
expect line-too-wide "exposcan: $tmp/wide.txt:3: bad target '10.0.0.0/8': wider than /24; pass --allow-wide to scan it" \
    scan -iL "$tmp/wide.txt" -p 1
printf 'web 1\n' >"$tmp/junk.txt"
expect line-junk "exposcan: $tmp/junk.txt:1: bad target 'web 1': not an address, CIDR or hostname" scan -iL "$tmp/junk.txt" -p 1
printf '# nothing\n\n' >"$tmp/empty.txt"
expect empty-file "exposcan: $tmp/empty.txt: no targets file entries (only comments or blank lines)" scan -iL "$tmp/empty.txt" -p 1
expect missing-file "exposcan: $tmp/nope.txt: cannot read targets file: No such file or directory" scan -iL "$tmp/nope.txt" -p 1
printf '127.0.91.1/33\n' >"$tmp/badex.txt"
expect exclude-bad-line "exposcan: $tmp/badex.txt:1: bad exclude '127.0.91.1/33': the prefix must be a number from 0 to 32" \
    scan 127.0.91.1 -p 1 --exclude-file "$tmp/badex.txt"
expect exclude-bad-item "exposcan: bad exclude 'x y': not an address, CIDR or hostname" scan 127.0.91.1 -p 1 --exclude 'x y'
expect no-targets "exposcan: no targets given (name them, or use --targets-file FILE)" scan -p 1

# init: the policy names what was scanned, minus the excluded addresses.
if "$EXPOSCAN" init -iL "$tmp/targets.txt" --exclude 127.0.91.8/30 -p 1 -o "$tmp/p.yaml" 2>"$tmp/err" &&
    grep -q 'addresses: \["127.0.91.1", "127.0.91.2"\]' "$tmp/p.yaml" &&
    "$EXPOSCAN" check "$tmp/p.yaml" --no-probe -q >/dev/null 2>>"$tmp/err"; then
    ok "init -iL --exclude writes what it scanned; check of it is clean"
else
    bad "init: $(cat "$tmp/err"; grep addresses "$tmp/p.yaml")"
fi
echo "targets file: $([[ $fail == 0 ]] && echo all passed || echo FAILED)"
exit $fail
