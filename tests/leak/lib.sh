# Shared helpers for tests/leak/test_*.sh: real nsd and nginx (and the
# misbehaving fake_dns.py) on loopback 127.0.6.x, high ports picked at run
# time, everything killed and removed by the trap of the sourcing script.
set -euo pipefail

FIX="${EXPOSCAN_SOURCE_DIR:?}/tests/fixtures/leak"
: "${EXPOSCAN:?path of the exposcan binary}"
WORK=$(mktemp -d /tmp/exposcan-leak.XXXXXX)
PIDS=()

leak_cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap leak_cleanup EXIT INT TERM

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

need() {
    local tool
    for tool in "$@"; do command -v "$tool" >/dev/null || skip "$tool not installed"; done
}

# A free TCP+UDP port on ADDR (tiny race with other tests is acceptable: retried by the caller's checks).
free_port() {
    /usr/bin/python3 - "$1" <<'PY'
import socket, sys
for _ in range(50):
    t = socket.socket(); t.bind((sys.argv[1], 0)); port = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind((sys.argv[1], port))
    except OSError:
        continue
    finally:
        t.close(); u.close()
    print(port); break
PY
}

fill() {  # fill TEMPLATE OUT: replace @VARS@
    sed -e "s|@DIR@|$WORK|g" -e "s|@FIX@|$FIX|g" -e "s|@DNS_PORT@|${DNS_PORT:-0}|g" \
        -e "s|@HTTP_PORT@|${HTTP_PORT:-0}|g" -e "s|@HTTPS_PORT@|${HTTPS_PORT:-0}|g" "$1" >"$2"
}

wait_for() {  # wait_for SECONDS CMD...: poll until CMD succeeds
    local deadline=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do
        [ $SECONDS -lt $deadline ] || return 1
        sleep 0.1
    done
}

start_nsd() {
    need nsd dig
    DNS_PORT=$(free_port 127.0.6.1)
    fill "$FIX/nsd.conf.in" "$WORK/nsd.conf"
    nsd -d -c "$WORK/nsd.conf" >"$WORK/nsd.out" 2>&1 &
    PIDS+=($!)
    wait_for 10 dig +time=1 +tries=1 @127.0.6.1 -p "$DNS_PORT" example.test SOA +short ||
        { cat "$WORK/nsd.out" "$WORK/nsd.log" 2>/dev/null; fail "nsd did not start"; }
    DNS_SERVER="127.0.6.1:$DNS_PORT"
}

start_fake_dns() {  # start_fake_dns MODE
    DNS_PORT=$(free_port 127.0.6.1)
    /usr/bin/python3 "$FIX/fake_dns.py" 127.0.6.1 "$DNS_PORT" "$1" &
    PIDS+=($!)
    wait_for 5 /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.6.1', $DNS_PORT), 1).close()" ||
        fail "fake_dns.py did not start"
    DNS_SERVER="127.0.6.1:$DNS_PORT"
}

start_nginx() {
    need nginx openssl
    HTTP_PORT=$(free_port 127.0.6.2)
    HTTPS_PORT=$(free_port 127.0.6.2)
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=example.test" \
        -addext "subjectAltName=DNS:example.test,DNS:www.example.test" \
        -keyout "$WORK/site.key" -out "$WORK/site.crt" >/dev/null 2>&1 || fail "openssl req failed"
    mkdir -p "$WORK/body" "$WORK/proxy" "$WORK/fastcgi" "$WORK/uwsgi" "$WORK/scgi"
    fill "$FIX/nginx.conf.in" "$WORK/nginx.conf"
    nginx -p "$WORK" -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log" >"$WORK/nginx.out" 2>&1 &
    PIDS+=($!)
    wait_for 10 /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.6.3', $HTTPS_PORT), 1).close()" ||
        { cat "$WORK/nginx.out" "$WORK/nginx-error.log" 2>/dev/null; fail "nginx did not start"; }
    echo "127.0.6.2/32" >"$WORK/cdn-ranges.txt"
}

# leak_run NAME ARGS...: runs exposcan leak with JSON output into $WORK/NAME.json,
# sets RC and ELAPSED (seconds).
leak_run() {
    local name=$1; shift
    local t0=$SECONDS
    set +e
    timeout 60 "$EXPOSCAN" leak "$@" --format "json=$WORK/$name.json" --format "text=$WORK/$name.txt" \
        2>"$WORK/$name.err"
    RC=$?
    set -e
    ELAPSED=$((SECONDS - t0))
    [ "$RC" != 124 ] || fail "$name: exposcan leak hung (killed after 60 s)"
    [ -s "$WORK/$name.json" ] || { cat "$WORK/$name.err"; fail "$name: no JSON report (exit $RC)"; }
}

# jq-like queries in python over a report: q NAME 'python expression over d'
q() {
    /usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$WORK/$1.json"
}

expect_rc() {  # expect_rc NAME WANT
    [ "$RC" = "$2" ] || { cat "$WORK/$1.txt" "$WORK/$1.err"; fail "$1: exit $RC, want $2"; }
}

expect_rule() {  # expect_rule NAME RULE SEVERITY
    local got
    got=$(q "$1" "sorted({f['severity'] for f in d['findings'] if f['rule']=='$2'})")
    case "$got" in *"'$3'"*) ;; *) cat "$WORK/$1.txt"; fail "$1: no $3 finding $2 (got $got)";; esac
}

expect_inconclusive() {  # expect_inconclusive NAME SUBSTRING
    local lines
    lines=$(q "$1" "'\n'.join(d['inconclusive'])")
    case "$lines" in *"$2"*) ;; *) echo "$lines"; fail "$1: no inconclusive line containing '$2'";; esac
}
