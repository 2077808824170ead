#!/usr/bin/env bash
# build-image.sh BUILD_DIR IMAGE [BUILDAH-GLOBAL-ARGS...]: an OCI image of
# exposcan built offline FROM scratch with buildah -- no base image, no
# registry, no shell. The rootfs is `cmake --install BUILD_DIR --prefix /usr --strip`
# plus the shared libraries `ldd` names (and the ELF interpreter), the CA
# bundle for the leak audit's TLS checks, and a passwd/group naming the
# unprivileged user the image runs as (65532, "exposcan"). Needs buildah
# (Debian package) and root or `buildah unshare`. docs/install.md "Container
# image"; tested by tests/ship/test_container.sh.
set -euo pipefail
build=${1:?usage: build-image.sh BUILD_DIR IMAGE [BUILDAH-GLOBAL-ARGS...]}
image=${2:?usage: build-image.sh BUILD_DIR IMAGE [BUILDAH-GLOBAL-ARGS...]}
shift 2
# buildah warns on every call when podman's CNI config names plugins that are
# not installed (a build from scratch needs no network): not shown.
bah() { buildah "$@" 2> >(grep -v 'Error validating CNI config' >&2); }
uid=65532

rootfs=$(mktemp -d /tmp/exposcan-rootfs.XXXXXX)
ctr=""
cleanup() { [[ -n $ctr ]] && bah "$@" rm "$ctr" >/dev/null; rm -rf "$rootfs"; }
trap 'cleanup "$@"' EXIT

DESTDIR=$rootfs cmake --install "$build" --prefix /usr --strip >/dev/null
bin=$rootfs/usr/bin/exposcan
[[ -x $bin ]] || { echo "build-image: $bin not installed" >&2; exit 1; }
# Every library the loader will ask for, at the path it asks for it (the
# interpreter's absolute path included: it is in the binary's PT_INTERP).
for lib in $(ldd "$bin" | grep -oE '/[^ ]+\.so[^ ]*'); do
    mkdir -p "$rootfs$(dirname "$lib")"
    cp -L "$lib" "$rootfs$lib"
done
mkdir -p "$rootfs/etc/ssl/certs" "$rootfs/tmp" "$rootfs/work"
chmod 1777 "$rootfs/tmp"
chown "$uid:$uid" "$rootfs/work"
[[ -r /etc/ssl/certs/ca-certificates.crt ]] && cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"
printf 'exposcan:x:%s:%s:exposcan:/work:/nonexistent\n' "$uid" "$uid" >"$rootfs/etc/passwd"
printf 'exposcan:x:%s:\n' "$uid" >"$rootfs/etc/group"
printf 'hosts: files dns\n' >"$rootfs/etc/nsswitch.conf"

version=$("$bin" --version | awk '{print $NF}')
ctr=$(bah "$@" from scratch)
bah "$@" copy "$ctr" "$rootfs/" / >/dev/null
bah "$@" config --entrypoint '["/usr/bin/exposcan"]' --cmd '["--help"]' --user "$uid:$uid" --workingdir /work \
    --label org.opencontainers.image.title=exposcan --label "org.opencontainers.image.version=$version" \
    --label org.opencontainers.image.description="external exposure scanner" "$ctr"
bah "$@" commit --quiet --format oci --rm "$ctr" "$image" >/dev/null
ctr=""
echo "build-image: $image ($version, from scratch, user $uid)"
