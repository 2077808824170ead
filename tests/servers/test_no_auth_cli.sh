#!/usr/bin/env bash
# service.no-auth end to end through the CLI, against real servers on loopback:
# an open Redis (no password, protected mode off), memcached without auth and
# PostgreSQL with pg_hba `trust` must each give service.no-auth, severity
# critical, exit 1 -- from `scan --expect-open`, `scan --policy` and `check`,
# in every writer (text, json, jsonl, sarif, junit, prometheus; validated with
# the JSON/SARIF schemas, xmllint and promtool). Then the locked-down variants
# (Redis requirepass, memcached -Y, PostgreSQL scram-sha-256) must give no
# finding at all and exit 0.
set -euo pipefail
: "${EXPOSCAN:?set EXPOSCAN to the exposcan binary}"
SRC=${EXPOSCAN_SOURCE_DIR:?}
source "$SRC/tests/unit/probe/live_lib.sh"  # free_port, wait_port
for c in redis-server memcached runuser promtool xmllint; do
    command -v "$c" >/dev/null 2>&1 || { echo "SKIP: $c not installed"; exit 77; }
done
pgbin=/usr/lib/postgresql/15/bin
[ -x "$pgbin/initdb" ] || { echo "SKIP: PostgreSQL 15 not installed"; exit 77; }
id postgres >/dev/null 2>&1 || { echo "SKIP: no postgres user"; exit 77; }
/usr/bin/python3 -c 'import jsonschema' 2>/dev/null || { echo "SKIP: python3-jsonschema not installed"; exit 77; }

dir=$(mktemp -d /tmp/exposcan-no-auth-XXXXXX)
chown postgres "$dir"; chmod 755 "$dir"
pids=()
pg() { runuser -u postgres -- "$@"; }
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    pg "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT

# ---- servers ---------------------------------------------------------------
redis() {  # redis PORT ARGS...
    local port=$1; shift
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
        --logfile "$dir/redis-$port.log" "$@" &
    pids+=($!)
    wait_port 127.0.0.1 "$port"
}
memcache() {  # memcache PORT ARGS...
    local port=$1; shift
    memcached -l 127.0.0.1 -p "$port" -U 0 -u nobody "$@" 2>>"$dir/memcached-$port.log" &  # it logs each RST
    pids+=($!)
    wait_port 127.0.0.1 "$port"
}
hba() {  # hba METHOD: the only TCP rule, then reload
    printf 'local all all trust\nhost all all 127.0.0.1/32 %s\n' "$1" | pg tee "$dir/data/pg_hba.conf" >/dev/null
    pg "$pgbin/pg_ctl" -D "$dir/data" reload >/dev/null
    sleep 0.5
}
redis_open=$(free_port); redis "$redis_open" --protected-mode no
redis_locked=$(free_port); redis "$redis_locked" --requirepass "exposcan-test-$$"
mc_open=$(free_port); memcache "$mc_open"
echo "probe:exposcan-test-$$" >"$dir/mc-auth"; chmod 644 "$dir/mc-auth"
mc_locked=$(free_port); memcache "$mc_locked" -Y "$dir/mc-auth"
pg "$pgbin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; exit 1; }
pgport=$(free_port)
pg "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $pgport -k $dir -c fsync=off" start >/dev/null

# ---- the runs --------------------------------------------------------------
fail=0
policy() {  # policy FILE PORTS: one target, 127.0.0.1, exactly PORTS expected open
    printf 'targets:\n  - name: lo\n    addresses: [127.0.0.1]\n    ports: "%s"\n    expect: {default: filtered, open: [%s]}\n    services: deny-unauthenticated\n' \
        "$2" "$2" >"$1"
}
# run NAME WANT_EXIT FINDINGS ARGS...: exposcan ARGS with every writer to a file
# each; FINDINGS = "RULE@LOCATION=SEVERITY,..." exactly (empty: none).
run() {
    local name=$1 want=$2 findings=$3; shift 3
    local out=$dir/$name rc=0
    "$EXPOSCAN" "$@" -q --format text="$out.txt" --format json="$out.json" --format jsonl="$out.jsonl" \
        --format sarif="$out.sarif" --format junit="$out.xml" --format prometheus="$out.prom" || rc=$?
    if [[ $rc != "$want" ]]; then
        echo "FAIL $name: exit $rc, expected $want"; cat "$out.txt" 2>/dev/null; fail=1; return
    fi
    if ! promtool check metrics <"$out.prom" || ! xmllint --noout "$out.xml" ||
        ! /usr/bin/python3 "$SRC/tests/fixtures/policy/validate_outputs.py" "$out" --exit "$want" \
            --findings-exactly "$findings"; then
        echo "FAIL $name: outputs"; cat "$out.txt"; fail=1; return
    fi
    echo "ok $name: exit $rc, findings: ${findings:-none}"
}
no_auth() {  # no_auth PORT...: the expected findings
    local p list=()
    for p in "$@"; do list+=("service.no-auth@tcp://127.0.0.1:$p=critical"); done
    local IFS=,
    echo "${list[*]}"
}

hba trust
open_ports="$redis_open,$mc_open,$pgport"
policy "$dir/open.yaml" "$open_ports"
want=$(no_auth "$redis_open" "$mc_open" "$pgport")
run scan-expect-open 1 "$want" scan 127.0.0.1 -p "$open_ports" --expect-open "$open_ports"
run scan-policy-open 1 "$want" scan 127.0.0.1 -p "$open_ports" --policy "$dir/open.yaml"
run check-open 1 "$want" check "$dir/open.yaml"
# The same servers with `services: ignore`: the probes still run, no finding.
sed 's/deny-unauthenticated/ignore/' "$dir/open.yaml" >"$dir/ignore.yaml"
run check-open-ignored 0 "" check "$dir/ignore.yaml"

hba scram-sha-256
locked_ports="$redis_locked,$mc_locked,$pgport"
policy "$dir/locked.yaml" "$locked_ports"
run scan-expect-locked 0 "" scan 127.0.0.1 -p "$locked_ports" --expect-open "$locked_ports"
run scan-policy-locked 0 "" scan 127.0.0.1 -p "$locked_ports" --policy "$dir/locked.yaml"
run check-locked 0 "" check "$dir/locked.yaml"
# The probes did classify them (auth-required), so "no finding" is not "not probed".
/usr/bin/python3 - "$dir/check-locked.json" "$redis_locked" "$mc_locked" "$pgport" <<'PY' || fail=1
import json, sys
doc = json.load(open(sys.argv[1]))
got = {p["port"]: (p["service"], p["exposure"]) for p in doc["probes"]}
want = {int(sys.argv[2]): ("redis", "auth-required"), int(sys.argv[3]): ("memcached", "auth-required"),
        int(sys.argv[4]): ("postgresql", "auth-required")}
if got != want:
    sys.exit("FAIL check-locked probes: %s, expected %s" % (got, want))
print("ok check-locked probes: every locked service classified auth-required")
PY
exit "$fail"
