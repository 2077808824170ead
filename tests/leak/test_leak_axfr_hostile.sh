#!/bin/bash
# Zone transfers from a hostile name server (issue 15, bad input): the AXFR
# attempt against clean.test's NS (127.0.6.9) meets hostile_axfr.py instead
# of a real server. Each case ends at the documented bound (docs/leak.md
# "Zone transfer": 20,000 records, 4 MiB, 10 s) with the check saying which,
# and a transfer that proved nothing is inconclusive (exit 2), never clean.
source "$(dirname "$0")/lib.sh"
start_nsd
echo "127.0.6.2/32" >"$WORK/cdn-ranges.txt"
printf 'www\n' >"$WORK/words.txt"

# hostile MODE: starts hostile_axfr.py on 127.0.6.9 and sets AXFR_PORT.
hostile() {
    AXFR_PORT=$(free_port 127.0.6.9)
    /usr/bin/python3 "$FIX/hostile_axfr.py" 127.0.6.9 "$AXFR_PORT" "$1" &
    PIDS+=($!)
    wait_for 5 /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.6.9', $AXFR_PORT), 1).close()" ||
        fail "hostile_axfr.py $1 did not start"
}
axfr_detail() { q "$1" "[c['detail'] for c in d['leak']['checks'] if c['check']=='dns.axfr']"; }
run_case() {  # run_case NAME: exposcan leak of clean.test with the hostile NS
    leak_run "$1" --domain clean.test --origin 127.0.6.3 --dns-server "$DNS_SERVER" --cdn-ranges "$WORK/cdn-ranges.txt" \
        --wordlist "$WORK/words.txt" --dns-timeout 1000 --no-http --axfr-port "$AXFR_PORT"
}

# 1. Endless records: cut at 20,000, and what came is an open transfer naming the origin.
hostile endless
run_case endless
expect_rc endless 1
expect_rule endless leak.dns.axfr high
case "$(axfr_detail endless)" in *"stopped at 20000 records"*) ;; *) fail "endless: $(axfr_detail endless)";; esac
[ "$ELAPSED" -le 15 ] || fail "endless: took ${ELAPSED}s"
echo "endless: cut at 20000 records in ${ELAPSED}s"

# 2. Bytes that are no DNS message: inconclusive, not a closed zone.
hostile garbage
run_case garbage
expect_rc garbage 2
expect_inconclusive garbage "AXFR: "
echo "garbage: inconclusive ($(q garbage "[l for l in d['inconclusive'] if 'AXFR' in l][0]"))"

# 3. Drip-fed: the 10 s deadline ends it; no record arrived, so inconclusive.
hostile drip
run_case drip
expect_rc drip 2
expect_inconclusive drip "deadline of 10000 ms passed"
[ "$ELAPSED" -le 20 ] || fail "drip: took ${ELAPSED}s"
echo "drip: deadline after ${ELAPSED}s, inconclusive"
echo PASS
