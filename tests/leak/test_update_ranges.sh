#!/bin/bash
# exposcan update-ranges against a local HTTP server (never the internet).
source "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/www/good" "$WORK/www/bad"
cp /dev/null "$WORK/www/good/ips-v4"
printf '173.245.48.0/20\n104.16.0.0/13\n' >"$WORK/www/good/ips-v4"
printf '2400:cb00::/32\n' >"$WORK/www/good/ips-v6"
printf '173.245.48.0/20\nnot-a-cidr\n' >"$WORK/www/bad/ips-v4"
printf '2400:cb00::/32\n' >"$WORK/www/bad/ips-v6"
PORT=$(free_port 127.0.6.1)
/usr/bin/python3 -m http.server --bind 127.0.6.1 --directory "$WORK/www" "$PORT" >/dev/null 2>&1 &
PIDS+=($!)
wait_for 5 /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.6.1', $PORT), 1).close()" ||
    fail "http.server did not start"

out="$WORK/cache/exposcan/ranges.txt"
"$EXPOSCAN" update-ranges --url-base "http://127.0.6.1:$PORT/good" --output "$out" || fail "update-ranges failed"
grep -qx "104.16.0.0/13" "$out" && grep -qx "2400:cb00::/32" "$out" || fail "ranges not written: $(cat "$out")"
cp "$out" "$WORK/before"

set +e
"$EXPOSCAN" update-ranges --url-base "http://127.0.6.1:$PORT/bad" --output "$out"; rc=$?
"$EXPOSCAN" update-ranges --url-base "http://127.0.6.1:$PORT/missing" --output "$out"; rc404=$?
"$EXPOSCAN" update-ranges --url-base "ftp://127.0.6.1/" --output "$out"; rcusage=$?
set -e
[ "$rc" = 2 ] || fail "bad list: exit $rc, want 2"
[ "$rc404" = 2 ] || fail "missing list: exit $rc404, want 2"
[ "$rcusage" = 3 ] || fail "ftp url: exit $rcusage, want 3"
cmp -s "$out" "$WORK/before" || fail "a failed update changed the cache"

# The leak audit uses the cache (XDG_CACHE_HOME) instead of the built-in list.
XDG_CACHE_HOME="$WORK/cache2" "$EXPOSCAN" update-ranges --url-base "http://127.0.6.1:$PORT/good" >/dev/null
[ -s "$WORK/cache2/exposcan/cloudflare-ranges.txt" ] || fail "default cache path not used"
echo PASS
