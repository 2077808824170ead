#!/usr/bin/env bash
# RabbitMQ management API (Debian's rabbitmq-server + rabbitmq_management), a
# private node on loopback ports (its own RABBITMQ_* dirs, node name, Erlang
# cookie and epmd port, so a system instance is never touched), two ways:
#   default:      guest may log in from loopback only (loopback_users.guest)
#   with a user:  a definitions file adds an administrator `ops` (management tag)
# RabbitMQ's management API has no anonymous mode: /api/overview without
# credentials is 401 either way, so both ways are auth-required; the probe
# never sends credentials. The test itself (not the probe) then logs in as the
# account each way has, to compare the live answers with the recorded fixtures
# (tests/fixtures/rabbitmq/): GET / page, the 401 head, the 200 overview keys.
# Both nodes start in parallel in the background (~30 s each on a loaded host).
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
rmq=/usr/lib/rabbitmq/bin/rabbitmq-server
[ -x "$rmq" ] || { echo "SKIP: rabbitmq-server not installed (Debian package rabbitmq-server)"; exit 77; }
[ -n "${EXPOSCAN:-}" ] || { echo "SKIP: EXPOSCAN (the CLI) not set"; exit 77; }
live_require erl
live_setup rabbitmq
epmd_port=$(free_port)
export ERL_EPMD_PORT=$epmd_port ERL_EPMD_ADDRESS=127.0.0.1
stop_epmd() { epmd -port "$epmd_port" -kill >/dev/null 2>&1 || true; }
trap 'live_cleanup; stop_epmd' EXIT

node() {  # node NAME MGMT_PORT EXTRA_CONF: a private RabbitMQ node in $dir/NAME, started in the background
    local d=$dir/$1
    mkdir -p "$d/mnesia" "$d/log" "$d/home"
    echo '[rabbitmq_management].' >"$d/enabled_plugins"
    cat >"$d/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$(free_port)
management.tcp.ip = 127.0.0.1
management.tcp.port = $2
log.console = false
log.file.level = warning
$3
CONF
    HOME=$d/home RABBITMQ_NODENAME="exposcan-$1-$$@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
        RABBITMQ_DIST_PORT=$(free_port) RABBITMQ_CONFIG_FILE="$d/rabbitmq.conf" RABBITMQ_MNESIA_BASE="$d/mnesia" \
        RABBITMQ_LOG_BASE="$d/log" RABBITMQ_ENABLED_PLUGINS_FILE="$d/enabled_plugins" RABBITMQ_PID_FILE="$d/pid" \
        RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
        live_bg "$rmq" >"$d/out.log" 2>&1
}
epmd -daemon -port "$epmd_port" -address 127.0.0.1
default_port=$(free_port); user_port=$(free_port)
cat >"$dir/defs.json" <<'JSON'
{"users": [{"name": "ops", "password": "exposcan-test-only", "tags": ["administrator"]}],
 "vhosts": [{"name": "/"}],
 "permissions": [{"user": "ops", "vhost": "/", "configure": ".*", "write": ".*", "read": ".*"}]}
JSON
t0=$SECONDS
node default "$default_port" ""
node user "$user_port" "load_definitions = $dir/defs.json"
ready() {  # ready PORT: the management API answers (its listener opens before the node has finished booting)
    /usr/bin/python3 - "$1" <<'PY2'
import http.client, sys, time
end = time.time() + 45
while time.time() < end:
    try:
        c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=2)
        c.request("GET", "/api/overview"); c.getresponse().read()
        sys.exit(0)
    except Exception:
        time.sleep(0.3)
sys.exit(1)
PY2
}
ready "$default_port" || { echo "FAIL: default node"; tail -5 "$dir"/*/out.log; exit 1; }
ready "$user_port" || { echo "FAIL: node with a user"; tail -5 "$dir"/*/out.log; exit 1; }
echo "both nodes serve the management API after $((SECONDS - t0)) s"

LIVE_TIMEOUT_MS=5000 live_check "$default_port=rabbitmq:auth-required,$user_port=rabbitmq:auth-required"
"$EXPOSCAN" scan 127.0.0.1 -q -p "$default_port,$user_port" --expect-open "$default_port,$user_port" \
    --format json="$dir/scan.json" >/dev/null || true
/usr/bin/python3 - "$dir/scan.json" "$EXPOSCAN_SOURCE_DIR/tests/fixtures/rabbitmq" "$default_port" "$user_port" <<'PY'
import base64, http.client, json, sys
report, fixtures, default_port, user_port = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
d = json.load(open(report))
probes = {p["port"]: p for p in d["probes"]}
for port in (default_port, user_port):
    assert (probes[port]["service"], probes[port]["exposure"]) == ("rabbitmq", "auth-required"), probes[port]
assert not [f for f in d["findings"] if f["rule"].startswith("service.")], d["findings"]

def recorded(name):
    head, _, body = open(f"{fixtures}/{name}", "rb").read().partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    return int(lines[0].split()[1]), {l.split(":", 1)[0].lower(): l.split(":", 1)[1].strip() for l in lines[1:]}, body

def live(port, path, user=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    h = {"Connection": "close"}
    if user: h["Authorization"] = "Basic " + base64.b64encode(user.encode()).decode()
    c.request("GET", path, headers=h)
    r = c.getresponse()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()

volatile = {"date", "content-length", "etag", "last-modified"}
def same_head(name, got):
    st, hd, _ = recorded(name)
    assert got[0] == st, (name, got[0])
    a = {k: v for k, v in hd.items() if k not in volatile}
    b = {k: v for k, v in got[1].items() if k not in volatile and k in a}
    assert a == b, (name, a, b)

for port in (default_port, user_port):
    root = live(port, "/")
    same_head("rabbitmq-3.10.8-get-root.http", root)
    assert b"RabbitMQ Management" in root[2] and root[2] == recorded("rabbitmq-3.10.8-get-root.http")[2]
    same_head("rabbitmq-3.10.8-api-overview-401.http", live(port, "/api/overview"))
want = set(json.loads(recorded("rabbitmq-3.10.8-api-overview-200-as-guest.http")[2]))
for port, user in ((default_port, "guest:guest"), (user_port, "ops:exposcan-test-only")):
    got = live(port, "/api/overview", user)
    same_head("rabbitmq-3.10.8-api-overview-200-as-guest.http", got)
    keys = set(json.loads(got[2]))
    assert keys == want, (port, keys ^ want)
    assert json.loads(got[2])["rabbitmq_version"] == "3.10.8"
print("live answers match the fixtures; both ways auth-required without credentials")
PY
echo "total $((SECONDS - t0)) s"
