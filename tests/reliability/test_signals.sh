#!/usr/bin/env bash
# SIGINT / SIGTERM during a long scan (docs/reliability.md "Signals").
# Expected: one signal -> the scan stops within a few seconds, the JSON
# output is still written with the unfinished target marked incomplete and
# "interrupted by SIG..." in inconclusive, exit 2. A second SIGINT while the
# first is still being handled -> exit 130 at once.
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_exposcan
lab_create rsig
lab_target_rules drop
out=$LAB_TMP/out.json

# start_scan: a scan that would take minutes (all ports, dropped, rate-capped).
start_scan() {
    rm -f "$out"
    ip netns exec "$LAB_NS_SCANNER" "$EXPOSCAN" scan "$LAB_T4" -p 1-65535 --no-probe --rate 500 \
        --format "json=$out" -q &
    scan_pid=$!
    sleep 2
}

# wait_exit SECONDS: waits for the scan, sets rc; fails if it outlives SECONDS.
wait_exit() {
    local i
    for ((i = 0; i < $1 * 10; i++)); do
        kill -0 "$scan_pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$scan_pid" 2>/dev/null; then
        kill -9 "$scan_pid"; lab_fail "scan still running $1 s after the signal"
    fi
    wait "$scan_pid"; rc=$?
}

for sig in INT TERM; do
    start_scan
    kill -s "$sig" "$scan_pid"
    wait_exit 10
    rel_expect_rc 2 "$rc" "one SIG$sig"
    rel_json "$out" 'not d["scans"][0]["complete"] and any("interrupted" in x for x in d["inconclusive"])' \
        "SIG$sig: partial results written, marked incomplete"
done

# Two SIGINTs: the first must be busy when the second arrives, so the report
# goes to a pipe nobody reads (the partial JSON of ~1,500 closed ports is
# larger than the 64 KiB pipe buffer: emit blocks).
# The FIFO is held open read-write by this shell (so opening it never blocks)
# and never read.
lab_target_rules reset
mkfifo "$LAB_TMP/unread"
exec 3<>"$LAB_TMP/unread"
ip netns exec "$LAB_NS_SCANNER" "$EXPOSCAN" scan "$LAB_T4" -p 1-65535 --no-probe --rate 500 \
    --format json -q >"$LAB_TMP/unread" &
scan_pid=$!
sleep 3
kill -s INT "$scan_pid"; sleep 1; kill -s INT "$scan_pid"
wait_exit 2
rel_expect_rc 130 "$rc" "second SIGINT while writing: exit at once"
exec 3>&-
