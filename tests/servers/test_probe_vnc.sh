#!/usr/bin/env bash
# Real VNC servers (Debian's TigerVNC Xvnc, headless: it is its own X server)
# on loopback, both ways:
#   open: -SecurityTypes None -> vnc:unauthenticated (anyone gets the desktop)
#   locked: -SecurityTypes VncAuth with a password file -> vnc:auth-required
# The probe answers the RFB version, reads the offered types and closes
# without selecting one; Xvnc's log must show no authentication attempt.
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require Xvnc
dir=$(mktemp -d /tmp/exposcan-vnc-XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
# Any 8 bytes are a valid obfuscated VNC password file: nobody (the probe
# included) knows the password, which is the point.
head -c 8 /dev/urandom >"$dir/passwd"
start() {  # start PORT NAME ARGS...: -displayfd picks a free X display (no clash with other tests)
    local port=$1 name=$2; shift 2
    Xvnc -displayfd 3 -rfbport "$port" -interface 127.0.0.1 -localhost -nolisten tcp -auth "$dir/xauth-$name" \
        -geometry 320x240 "$@" 3>"$dir/display-$name" >"$dir/$name.log" 2>&1 &
    pids+=($!)
}
open_port=$(free_port); start "$open_port" open -SecurityTypes None
locked_port=$(free_port); start "$locked_port" locked -SecurityTypes VncAuth -PasswordFile "$dir/passwd"
wait_port 127.0.0.1 "$open_port"
wait_port 127.0.0.1 "$locked_port"
live_check "$open_port=vnc:unauthenticated,$locked_port=vnc:auth-required"
# No type was selected: Xvnc logs an authentication failure or success when one is.
if grep -iE 'auth(entication)? (failed|success)|SConnection: AuthFailure|password' "$dir"/open.log "$dir"/locked.log; then
    echo "FAIL: the probe went past the security-type offer"; exit 1
fi
