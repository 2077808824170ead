#!/usr/bin/env bash
# A slow --rate must not delay a stop (issue 11, case 6). Before the fix a
# worker slept out its throttle slot: `--rate 0.0001` ran ~10 min after
# SIGTERM, `--rate 0.1 --deadline 2 -p 1-5` took 20 s. Expected: SIGTERM /
# SIGINT and the deadline end the scan within ~1 s (asserted < 3 s: CI is
# loaded), partial results written, exit 2. Loopback only, no namespaces.
source "$(dirname "$0")/lib.sh"
lab_require_exposcan
LAB_TMP=$(mktemp -d /tmp/xs-rel-rate.XXXXXX)
trap 'rm -rf "$LAB_TMP"' EXIT
out=$LAB_TMP/out.json

# A closed loopback port range: every attempt answers at once, so only the
# throttle keeps the scan going.
base=$("$LAB_PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ports="$base-$((base + 4))"

# elapsed_below TENTHS WHAT: fails if REL_SECS (from rel_timed) is not below TENTHS/10 s.
elapsed_below() {
    local tenths=${REL_SECS/./}
    ((10#$tenths < $1)) || lab_fail "$2: took ${REL_SECS} s"
    lab_log "ok: $2 in ${REL_SECS} s"
}

for sig in TERM INT; do
    rm -f "$out"
    "$EXPOSCAN" scan 127.0.0.1 -p "$ports" --no-probe --expect-closed "$ports" --rate 0.0001 -q --format "json=$out" &
    pid=$!
    sleep 1
    # Waits at most ~10 s, so a regression fails instead of hanging.
    rel_timed bash -c "kill -s $sig $pid; for i in \$(seq 200); do kill -0 $pid 2>/dev/null || exit 0; sleep 0.05; done"
    kill -9 "$pid" 2>/dev/null
    wait "$pid"; rc=$?
    elapsed_below 30 "SIG$sig during a --rate 0.0001 wait"
    rel_expect_rc 2 "$rc" "SIG$sig with a slow --rate"
    rel_json "$out" 'not d["scans"][0]["complete"] and any("interrupted" in x for x in d["inconclusive"])' \
        "SIG$sig: partial results written, marked incomplete"
done

rm -f "$out"
rel_timed timeout 60 "$EXPOSCAN" scan 127.0.0.1 -p "$ports" --no-probe --expect-closed "$ports" --rate 0.1 --deadline 2 -q --format "json=$out"
rel_expect_rc 2 "$REL_RC" "--deadline 2 with --rate 0.1"
elapsed_below 50 "--deadline 2 with --rate 0.1 (5 ports would take 40 s)"
rel_json "$out" 'any("deadline of 2 s reached" in x for x in d["inconclusive"])' "deadline: marked incomplete"
lab_log "PASS"
