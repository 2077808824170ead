#!/usr/bin/env bash
# Every file exposcan reads has a cap enforced while reading (issue 11, case 5;
# docs/resource-bounds.md "Files exposcan reads"). For each reader, with
# /dev/zero (no size, no end), an endless pipe and an oversize regular file:
# exit 3, the one-line message naming the file and the cap, and a bounded
# peak RSS (before: `check /dev/zero` grew to GBs, `--cdn-ranges /dev/zero`
# died of bad_alloc, a 52 MB --baseline took 890 MB). Nothing is scanned:
# the policies name a closed loopback port.
source "$(dirname "$0")/lib.sh"
lab_require_exposcan
lab_require_cmd /usr/bin/time truncate
LAB_TMP=$(mktemp -d /tmp/xs-rel-caps.XXXXXX)
trap 'rm -rf "$LAB_TMP"' EXIT
t=$LAB_TMP

# expect_cap WHAT MAX_RSS_MIB WANT_STDERR ARGS...
expect_cap() {
    local what=$1 max_mib=$2 want=$3 rc err rss
    shift 3
    /usr/bin/time -o "$t/rss" -f %M timeout 60 "$EXPOSCAN" "$@" >/dev/null 2>"$t/err"
    rc=$?
    err=$(cat "$t/err")
    rss=$(($(tail -1 "$t/rss") / 1024))
    rel_check_rc 3 "$rc" "$what"
    [[ $err == "$want" ]] || { lab_log "FAIL: $what: message"; lab_log "  got:  $err"; lab_log "  want: $want"
                               REL_FAILED+=("$what message"); }
    ((rss < max_mib)) || { lab_log "FAIL: $what: peak RSS $rss MiB (limit $max_mib)"; REL_FAILED+=("$what RSS"); }
    lab_log "   $what: peak RSS $rss MiB"
}

big() {  # big FILE MIB: a regular file of MIB MiB (sparse: no disk used)
    truncate -s "${2}M" "$1"
}

printf 'targets:\n  - name: lo\n    addresses: [127.0.0.1]\n    ports: "1"\n' >"$t/good.yaml"
big "$t/big.yaml" 50
big "$t/big.json" 70
big "$t/big.txt" 8
mkfifo "$t/fifo"

# Policy: 4 MiB.
expect_cap "check /dev/zero" 48 "exposcan: /dev/zero: policy file is larger than the 4 MiB limit" check /dev/zero
expect_cap "check 50 MiB policy" 48 "exposcan: $t/big.yaml: policy file is larger than the 4 MiB limit" \
    check "$t/big.yaml"
yes 'x: y' >"$t/fifo" 2>/dev/null &
writer=$!
expect_cap "check endless FIFO" 48 "exposcan: $t/fifo: policy file is larger than the 4 MiB limit" check "$t/fifo"
kill "$writer" 2>/dev/null; wait "$writer" 2>/dev/null
expect_cap "scan --policy /dev/zero" 48 "exposcan: /dev/zero: policy file is larger than the 4 MiB limit" \
    scan 127.0.0.1 -p 1 --no-probe --policy /dev/zero

# Baseline: 64 MiB (read before the scan).
expect_cap "--baseline /dev/zero" 120 "exposcan: /dev/zero: baseline is larger than the 64 MiB limit" \
    scan 127.0.0.1 -p 1 --no-probe --baseline /dev/zero
expect_cap "--baseline 70 MiB" 48 "exposcan: $t/big.json: baseline is larger than the 64 MiB limit" \
    check "$t/good.yaml" --no-probe --baseline "$t/big.json"

# CDN ranges and wordlist: 4 MiB each, read before any DNS query.
leak=(leak --domain example.test --origin 127.0.0.1 --no-http --dns-server 127.0.0.1:9)
expect_cap "leak --cdn-ranges /dev/zero" 48 "exposcan: /dev/zero: CDN ranges file is larger than the 4 MiB limit" \
    "${leak[@]}" --cdn-ranges /dev/zero
expect_cap "leak --cdn-ranges 8 MiB" 48 "exposcan: $t/big.txt: CDN ranges file is larger than the 4 MiB limit" \
    "${leak[@]}" --cdn-ranges "$t/big.txt"
expect_cap "leak --wordlist /dev/zero" 48 "exposcan: /dev/zero: wordlist is larger than the 4 MiB limit" \
    "${leak[@]}" --wordlist /dev/zero
expect_cap "leak --wordlist 8 MiB" 48 "exposcan: $t/big.txt: wordlist is larger than the 4 MiB limit" \
    "${leak[@]}" --wordlist "$t/big.txt"
printf 'targets:\n  - name: lo\n    addresses: [127.0.0.1]\n    ports: "1"\n    domain: example.test\n    cdn: /dev/zero\n' \
    >"$t/cdn.yaml"
expect_cap "policy cdn: /dev/zero" 48 "exposcan: /dev/zero: CDN ranges file is larger than the 4 MiB limit" \
    check "$t/cdn.yaml" --no-probe --dns-server 127.0.0.1:9

rel_done
lab_log "PASS"
