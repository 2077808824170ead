#!/usr/bin/env bash
# Privilege (docs/reliability.md): a connect scan needs no root, so
# (1) an unprivileged user (nobody) can scan: exit per policy, states right;
# (2) a setuid or setgid exposcan refuses to run: one-line error, exit 3.
# Scans a loopback listener only.
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_exposcan
lab_require_cmd setpriv
LAB_TMP=$(mktemp -d /tmp/xs-rel-priv.XXXXXX)
chmod 755 "$LAB_TMP"
listener=""
trap '[[ -n $listener ]] && kill $listener 2>/dev/null; rm -rf "$LAB_TMP"' EXIT
"$LAB_PY" - "$LAB_TMP/port" <<'PY' &
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    c, _ = s.accept(); c.close()
PY
listener=$!
for ((i = 0; i < 100; i++)); do [[ -s $LAB_TMP/port ]] && break; sleep 0.05; done
port=$(cat "$LAB_TMP/port")

# A copy of the binary nobody can read and run (the build dir may not be).
cp "$EXPOSCAN" "$LAB_TMP/exposcan"
chmod 755 "$LAB_TMP/exposcan"
out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$LAB_TMP/exposcan" scan 127.0.0.1 \
    -p "$port" --no-probe --expect-open "$port" --format json -q)
rc=$?
rel_expect_rc 0 "$rc" "scan as nobody"
printf '%s' "$out" > "$LAB_TMP/out.json"
rel_json "$LAB_TMP/out.json" 'd["scans"][0]["ports"][0]["state"] == "open"' "nobody sees the port open"

for bit in u+s g+s; do
    chown 65534:65534 "$LAB_TMP/exposcan"
    chmod 755 "$LAB_TMP/exposcan"; chmod "$bit" "$LAB_TMP/exposcan"
    err=$("$LAB_TMP/exposcan" scan 127.0.0.1 -p "$port" --no-probe 2>&1 >/dev/null)
    rc=$?
    rel_expect_rc 3 "$rc" "chmod $bit binary"
    [[ $err == *refusing* && $(grep -c . <<<"$err") -eq 1 ]] || lab_fail "chmod $bit: message: $err"
done
