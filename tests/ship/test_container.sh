#!/usr/bin/env bash
# The OCI image (dist/container/build-image.sh): built offline FROM scratch
# with buildah from `cmake --install` of this build, then run with podman:
# it runs as 65532 (not root), has no shell, prints this build's --version;
# with --network none --cap-drop ALL --read-only (its own loopback only) a scan of one
# closed port on 127.0.0.1 and ::1 exits 1 without expectations and 0 with
# --expect-closed; with --network host (as documented) it sees a listener
# this test opened on the host's 127.0.0.1, and writes its JSON report into a
# mounted directory. All images and containers live in a private storage
# (--root/--runroot under a temp dir), removed at exit: the host's
# /var/lib/containers is not touched.
# runc, not crun: crun refuses cgroup v1 + v2 "hybrid" hosts (this CI's);
# the --ulimit flags keep podman from raising limits above the hard limits
# (a container host without CAP_SYS_RESOURCE cannot). docs/install.md.
set -euo pipefail
: "${EXPOSCAN:?set EXPOSCAN}" "${EXPOSCAN_SOURCE_DIR:?}" "${EXPOSCAN_BUILD_DIR:?}"
fail() { echo "FAIL: $*" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || { echo "SKIP: needs root (buildah/podman storage, overlay mounts)"; exit 77; }
for c in buildah podman runc; do
  command -v "$c" >/dev/null || { echo "SKIP: $c not installed (scripts/install-deps.sh)"; exit 77; }
done

tmp=$(mktemp -d /tmp/exposcan-ctr.XXXXXX)
store=(--root "$tmp/storage" --runroot "$tmp/run" --storage-driver overlay)
image=localhost/exposcan:test-$$
listener=""
cleanup() {
  set +e  # every step runs, whatever the one before did
  [[ -n $listener ]] && kill "$listener" 2>/dev/null
  podman "${store[@]}" rm -af >/dev/null 2>&1 || true
  podman "${store[@]}" rmi -af >/dev/null 2>&1 || true
  buildah "${store[@]}" rm -a >/dev/null 2>&1 || true
  # Overlay layers podman left mounted under our storage, innermost first.
  grep -oE " $tmp/[^ ]+" /proc/mounts | sort -r | while read -r m; do umount -l "$m"; done
  rm -rf "$tmp"
  [[ ! -e $tmp ]] || echo "test_container: could not remove $tmp" >&2
}
trap cleanup EXIT INT TERM
quiet_cni() { grep -v 'Error validating CNI config' >&2; }

start=$SECONDS
"$EXPOSCAN_SOURCE_DIR/dist/container/build-image.sh" "$EXPOSCAN_BUILD_DIR" "$image" "${store[@]}" 2> >(quiet_cni) ||
  fail "build-image.sh failed"
echo "ok: image built from scratch in $((SECONDS - start)) s"

hard_nofile=$(ulimit -Hn)
run() {  # run NETWORK ARGS... (exit code of exposcan in the container)
  local net=$1; shift
  podman "${store[@]}" --runtime runc run --rm --network "$net" \
    --ulimit "nofile=$hard_nofile:$hard_nofile" --ulimit nproc=4096:4096 "$@" 2> >(quiet_cni)
}

user=$(podman "${store[@]}" image inspect "$image" --format '{{.Config.User}}' 2> >(quiet_cni))
[[ $user == 65532:65532 ]] || fail "image user is '$user', want 65532:65532 (not root)"
size=$(podman "${store[@]}" image inspect "$image" --format '{{.Size}}' 2> >(quiet_cni))
rc=0; run none --entrypoint /bin/sh "$image" -c true >/dev/null 2>&1 || rc=$?
[[ $rc -eq 127 ]] || fail "/bin/sh in the image: podman exit $rc, want 127 (no such file)"
want=$("$EXPOSCAN" --version)
got=$(run none "$image" --version) || fail "--version in the container failed"
[[ $got == "$want" ]] || fail "container --version '$got', build '$want'"
echo "ok: user 65532, no shell, $got, $((size / 1024 / 1024)) MiB"

rc=0; run none --cap-drop ALL --read-only "$image" scan 127.0.0.1 ::1 -p 1 -q >/dev/null || rc=$?
[[ $rc -eq 1 ]] || fail "--network none: loopback scan of a closed port exit $rc, want 1 (finding)"
rc=0; run none --cap-drop ALL --read-only "$image" scan 127.0.0.1 ::1 -p 1 -q --expect-closed 1 >/dev/null || rc=$?
[[ $rc -eq 0 ]] || fail "--network none: loopback scan with --expect-closed exit $rc, want 0"
echo "ok: --network none --cap-drop ALL --read-only: loopback scan (IPv4 + IPv6) exit 1, and 0 with --expect-closed"

# The documented `check` form: the policy directory mounted read-only on /work.
mkdir -p "$tmp/policy"
printf 'version: 1\ntargets:\n  - name: lo\n    addresses: [127.0.0.1, "::1"]\n    ports: [1]\n    expect:\n      default: closed\n' \
  >"$tmp/policy/lo.yaml"
rc=0; run none -v "$tmp/policy:/work:ro" "$image" check /work/lo.yaml -q >/dev/null || rc=$?
[[ $rc -eq 0 ]] || fail "check of a mounted loopback policy: exit $rc, want 0"
echo "ok: check /work/lo.yaml (policy mounted read-only) exit 0"

# --network host: the host's loopback, a listener of ours on it.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -c 'import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(16); time.sleep(120)' "$port" &
listener=$!
for ((i = 0; i < 50; i++)); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
((i < 50)) || fail "the host listener on 127.0.0.1:$port did not come up"
mkdir -p "$tmp/out" && chown 65532:65532 "$tmp/out"
rc=0; run host -v "$tmp/out:/out" "$image" scan 127.0.0.1 -p "$port" -q --expect-open "$port" --no-probe \
  --format json=/out/report.json --format text >/dev/null || rc=$?
[[ $rc -eq 0 ]] || fail "--network host: scan of the host's listener on 127.0.0.1:$port exit $rc, want 0 (open as expected)"
python3 - "$tmp/out/report.json" "$port" <<'PY' || fail "--network host: report in the mounted directory is wrong"
import json, sys
r = json.load(open(sys.argv[1]))
states = [p["state"] for s in r["scans"] for p in s["ports"] if p["port"] == int(sys.argv[2])]
sys.exit(0 if states == ["open"] else f"port {sys.argv[2]}: {states}")
PY
echo "ok: --network host: the host's 127.0.0.1:$port open, JSON written to a mounted directory as 65532"
echo "test_container: PASS ($((SECONDS - start)) s)"
