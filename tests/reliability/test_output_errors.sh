#!/usr/bin/env bash
# Writers under hostile filesystems. Expected for each: a one-line error
# naming the path, exit 3, and no file left behind (neither the output nor a
# temp file): missing directory, read-only filesystem, full filesystem (a
# tmpfs filled up), stdout on /dev/full. And -o onto a device node (like /dev/null)
# must write into the device, not replace the node with a regular file.
# Filesystems are mounted in a private mount namespace (unshare -m): nothing
# is mounted on the host. Scans only a closed loopback port.
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_exposcan
lab_require_cmd unshare mknod
LAB_TMP=$(mktemp -d /tmp/xs-rel-out.XXXXXX)
trap 'rm -rf "$LAB_TMP"' EXIT
port=$("$LAB_PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
scan=("$EXPOSCAN" scan 127.0.0.1 -p "$port" --no-probe --expect-closed "$port" -q)

# expect_write_error WHAT DIR CMD...: exit 3, one-line error, DIR has no files.
expect_write_error() {
    local what=$1 dir=$2 rc err
    shift 2
    err=$("$@" 2>&1 >/dev/null)
    rc=$?
    rel_expect_rc 3 "$rc" "$what"
    [[ $(printf '%s\n' "$err" | grep -c .) -eq 1 ]] || lab_fail "$what: error is not one line: $err"
    lab_log "   message: $err"
}

mkdir -p "$LAB_TMP/m"
expect_write_error "missing directory" "$LAB_TMP" "${scan[@]}" --format "json=$LAB_TMP/nodir/out.json"
[[ ! -e $LAB_TMP/nodir ]] || lab_fail "missing directory: something was created"

err=$("${scan[@]}" --format json 2>&1 >/dev/full)
rc=$?
rel_check_rc 3 "$rc" "stdout on /dev/full ($err)"

# Inside one private mount namespace: read-only, full, device node.
unshare -m bash -s "$LAB_TMP/m" "${scan[@]}" <<'EOF_NS' || REL_FAILED+=("filesystem cases (see above)")
set -u
m=$1; shift
fail() { echo "lab: FAIL: $*" >&2; exit 1; }
check() {  # check WHAT DIR FILE: exit 3, one line, DIR holds no new file
    local what=$1 dir=$2 file=$3 err rc before
    before=$(ls -A "$dir")
    err=$("${scan[@]}" --format "json=$file" 2>&1 >/dev/null); rc=$?
    [[ $rc == 3 ]] || fail "$what: exit $rc, expected 3 ($err)"
    [[ $(printf '%s\n' "$err" | grep -c .) -eq 1 ]] || fail "$what: error not one line: $err"
    [[ $(ls -A "$dir") == "$before" ]] || fail "$what: left files behind: $(ls -A "$dir")"
    echo "lab: ok: $what (exit 3): $err" >&2
}
scan=("$@")
mount --make-rprivate / 2>/dev/null
mkdir -p "$m/ro" "$m/full" "$m/dev"
mount -t tmpfs -o ro,size=64k xs-ro "$m/ro"
check "read-only filesystem" "$m/ro" "$m/ro/out.json"
mount -t tmpfs -o size=64k xs-full "$m/full"
# Fill it up to the last block (dd stops at ENOSPC), so any output fails.
dd if=/dev/zero of="$m/full/filler" bs=1k 2>/dev/null
check "full filesystem (tmpfs filled up)" "$m/full" "$m/full/out.json"
mount -t tmpfs -o size=64k xs-dev "$m/dev"
mknod "$m/dev/null" c 1 3
"${scan[@]}" --format "json=$m/dev/null" >/dev/null; rc=$?
[[ -c $m/dev/null ]] || fail "-o onto a device node replaced it with a regular file (exit $rc)"
[[ $rc == 0 ]] || fail "-o onto a device node: exit $rc, expected 0"
echo "lab: ok: -o onto a device node writes into it" >&2
EOF_NS
rel_done
