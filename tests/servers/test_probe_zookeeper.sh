#!/usr/bin/env bash
# Real ZooKeeper (Debian's zookeeper 3.8, standalone, Java) on loopback high
# ports, both ways, started in parallel (≈ 2-3 s each):
#   open:   4lw.commands.whitelist=* -> srvr readable -> zookeeper:unauthenticated
#           (service.info-leak medium through the CLI)
#   default: no whitelist set (3.5+ then allows srvr only) -> still
#           zookeeper:unauthenticated: ZooKeeper adds srvr to every whitelist
#           (FourLetterCommands: zkServer.sh status needs it), so no 4lw setting
#           closes it; only the network does (the catalog's fix says so). The
#           refusal of envi/ruok there is checked byte for byte against the
#           fixture the unit tests replay (tests/fixtures/zookeeper/), which is
#           where the anonymous-limited path is tested.
# Skips (77) when the server is not serving within 15 s (a slow JVM start).
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require java
[ -r /usr/share/java/zookeeper.jar ] || { echo "SKIP: zookeeper not installed (Debian zookeeperd)"; exit 77; }
dir=$(mktemp -d /tmp/exposcan-zk-XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
start() {  # start NAME PORT WHITELIST
    mkdir -p "$dir/$1"
    cat >"$dir/$1/zoo.cfg" <<CONF
tickTime=2000
dataDir=$dir/$1/data
clientPort=$2
clientPortAddress=127.0.0.1
admin.enableServer=false
$3
CONF
    # Small heap and C1 only: the JVM starts faster and stays small in CI.
    java -Xmx64m -XX:TieredStopAtLevel=1 -cp /etc/zookeeper/conf:/usr/share/java/zookeeper.jar \
        -Dzookeeper.log.dir="$dir/$1" org.apache.zookeeper.server.quorum.QuorumPeerMain "$dir/$1/zoo.cfg" \
        >"$dir/$1/out" 2>&1 &
    pids+=($!)
}
ready() {  # ready PORT CMD WANT: until CMD's answer contains WANT (15 s)
    /usr/bin/python3 - "$@" <<'PY' || { echo "SKIP: zookeeper on $1 not serving within 15 s"; exit 77; }
import socket, sys, time
port, cmd, want = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3].encode()
end = time.time() + 15
while time.time() < end:
    try:
        with socket.create_connection(("127.0.0.1", port), 0.5) as s:
            s.sendall(cmd); data = b""
            while chunk := s.recv(4096): data += chunk
            if want in data: sys.exit(0)
    except OSError:
        pass
    time.sleep(0.2)
sys.exit(1)
PY
}
open_port=$(free_port); start open "$open_port" '4lw.commands.whitelist=*'
default_port=$(free_port); start default "$default_port" ''
ready "$open_port" srvr 'Zookeeper version'
ready "$default_port" srvr 'Zookeeper version'
live_check "$open_port=zookeeper:unauthenticated,$default_port=zookeeper:unauthenticated"
for cmd in envi ruok; do  # the recorded refusals are what this server says
    got=$(/usr/bin/python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1',$default_port),2); s.sendall(b'$cmd'); sys.stdout.buffer.write(s.recv(4096))" | od -An -c)
    want=$(od -An -c "$EXPOSCAN_SOURCE_DIR/tests/fixtures/zookeeper/$cmd-not-whitelisted.bin")
    [ "$got" = "$want" ] || { echo "FAIL: $cmd refusal differs from the fixture:"; echo "$got"; exit 1; }
done
# End to end: srvr readable is a service.info-leak finding (medium, the
# catalog's zookeeper fix) on both servers.
if [ -n "${EXPOSCAN:-}" ]; then
    "$EXPOSCAN" scan 127.0.0.1 -q -p "$open_port,$default_port" --expect-open "$open_port,$default_port" \
        --format json="$dir/scan.json" >/dev/null || true
    /usr/bin/python3 - "$dir/scan.json" "$open_port" "$default_port" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
found = sorted((f for f in d["findings"] if f["rule"].startswith("service.")), key=lambda f: f["port"])
assert sorted(f["port"] for f in found) == sorted(map(int, sys.argv[2:])), found
for f in found:
    assert f["rule"] == "service.info-leak" and f["severity"] == "medium", f
    assert "Firewall 2181" in f["fix"] and "Mode: standalone" in f["evidence"], f
    print(f"cli: ok: {f['rule']} {f['severity']} on {f['port']}: {f['evidence']}")
PY
fi
