#!/bin/bash
# DNS that fails: SERVFAIL, silence, truncated UDP (TCP answers / TCP fails),
# CNAME loop, SPF include loop, 11+ SPF lookups. Each must end quickly with the
# right classification; none may hang.
source "$(dirname "$0")/lib.sh"
echo "127.0.6.2/32" >"$WORK/cdn-ranges.txt"
printf 'www\n' >"$WORK/words.txt"
base=(--domain example.test --origin 127.0.6.3 --cdn-ranges "$WORK/cdn-ranges.txt" --wordlist "$WORK/words.txt"
      --no-http --dns-timeout 300 --dns-tries 1)

run_fake() {  # run_fake MODE: a fresh fake server for each mode
    start_fake_dns "$1"
    leak_run "$1" "${base[@]}" --dns-server "$DNS_SERVER"
    kill "${PIDS[-1]}" 2>/dev/null || true
}

run_fake servfail
expect_rc servfail 2
expect_inconclusive servfail "SERVFAIL"
[ "$(q servfail "len(d['findings'])")" = 0 ] || fail "servfail: findings from failed answers"

run_fake silent
expect_rc silent 2
expect_inconclusive silent "timeout"
[ "$ELAPSED" -le 20 ] || fail "silent: took ${ELAPSED}s"

run_fake tc-ok                         # UDP TC=1, the TCP retry answers A 127.0.6.3
expect_rc tc-ok 1
expect_rule tc-ok leak.dns.a high

run_fake tc-fail                       # UDP TC=1, TCP closes: truncated-then-failed
expect_rc tc-fail 2
[ "$(q tc-fail "len(d['inconclusive']) > 0")" = True ] || fail "tc-fail: not inconclusive"
echo "fake DNS failure modes: ok"

# Loops, served by the real nsd.
need nsd dig
start_nsd
leak_run loops --domain loops.test --origin 127.0.6.5 --cdn-ranges "$WORK/cdn-ranges.txt" \
    --wordlist "$WORK/words.txt" --no-http --dns-server "$DNS_SERVER"
expect_rc loops 2
expect_inconclusive loops "CNAME loop"
expect_inconclusive loops "SPF loop"
expect_inconclusive loops "more than 10 DNS-querying terms"
[ "$ELAPSED" -le 20 ] || fail "loops: took ${ELAPSED}s"
echo PASS
