# Helpers for tests/servers/test_probe_*.sh (sourced, not run). Every server
# a test starts gets a temp dir and is killed by the caller's trap.
set -euo pipefail

LIVE_BIN="${EXPOSCAN_BUILD_DIR:-}/tests/test_probe"

live_require() {  # live_require CMD... : skip (77) when a tool is missing
    for c in "$@"; do command -v "$c" >/dev/null 2>&1 || { echo "SKIP: $c not installed"; exit 77; }; done
    [ -x "$LIVE_BIN" ] || { echo "SKIP: $LIVE_BIN not built"; exit 77; }
}

free_port() {  # a free loopback TCP port, picked by the kernel
    /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_port() {  # wait_port ADDR PORT [netns]: until something listens (WAIT_PORT_SECONDS, 10 s by default)
    local i
    for i in $(seq 1 $((${WAIT_PORT_SECONDS:-10} * 10))); do
        if ${3:+ip netns exec "$3"} /usr/bin/python3 -c "import socket,sys; socket.create_connection(('$1',$2),0.2)" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "FAIL: nothing listens on $1:$2"; return 1
}

live_check() {  # live_check "PORT=SERVICE:EXPOSURE,..." [address] [netns]
    local ns_exec=()
    [ -n "${3:-}" ] && ns_exec=(ip netns exec "$3")
    EXPOSCAN_LIVE_EXPECT="$1" EXPOSCAN_LIVE_ADDRESS="${2:-127.0.0.1}" EXPOSCAN_LIVE_TIMEOUT_MS="${LIVE_TIMEOUT_MS:-3000}" \
        "${ns_exec[@]}" "$LIVE_BIN" --gtest_filter='Live.*' --gtest_brief=0 2>&1 | grep -E '^port |Failure|Expected|Which is|PASSED|FAILED'
    return "${PIPESTATUS[0]}"
}
