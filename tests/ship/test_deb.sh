#!/usr/bin/env bash
# The Debian package: `cpack -G DEB` builds it from the build tree, then
#   - control: Version = project version = debian changelog's; Depends come
#     from dpkg-shlibdeps (libc6, libcurl4, libc-ares2, libyaml-cpp0.7, ...);
#     maintainer scripts pass sh -n
#   - contents (dpkg-deb -c) = tests/ship/layout.txt under /usr, plus docs only;
#     the packaged unit's ExecStart is /usr/bin/exposcan
#   - lintian: no error (warnings are listed in docs/install.md)
#   - dpkg --root into an empty throwaway root whose dpkg database holds only
#     this host's entries for the Depends (so dpkg checks them for real, no
#     --force-depends), scripts chrootless: installs, configures, and the
#     installed binary runs with this host's libraries: --version and a
#     loopback scan; then dpkg -r leaves no file behind.
# Not a clean chroot or container (debootstrap is too slow for CI): the binary
# runs against this host's libraries, which the Depends check ties to the
# package's declared dependencies.
set -euo pipefail
: "${EXPOSCAN:?}" "${EXPOSCAN_BUILD_DIR:?}" "${EXPOSCAN_SOURCE_DIR:?}"
command -v dpkg-shlibdeps >/dev/null || { echo "SKIP: dpkg-dev not installed (dpkg-shlibdeps)"; exit 77; }
tmp=$(mktemp -d /tmp/exposcan-deb.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$EXPOSCAN_BUILD_DIR" && cpack -G DEB -B "$tmp/out" >"$tmp/cpack.log" 2>&1) || fail "cpack: $(tail -20 "$tmp/cpack.log")"
debs=("$tmp"/out/exposcan_*.deb)
[[ ${#debs[@]} == 1 && -f ${debs[0]} ]] || fail "want one exposcan_*.deb, got: ${debs[*]}"
deb=${debs[0]}

# Control fields.
field() { dpkg-deb -f "$deb" "$1"; }
project_version=$(sed -nE 's/^project\(exposcan VERSION ([0-9.]+).*/\1/p' "$EXPOSCAN_SOURCE_DIR/CMakeLists.txt")
changelog_version=$(sed -nE '1s/^exposcan \(([^)]+)\).*/\1/p' "$EXPOSCAN_SOURCE_DIR/dist/debian/changelog")
[[ $(field Version) == "$project_version" && $changelog_version == "$project_version" ]] ||
  fail "versions: package $(field Version), CMakeLists $project_version, changelog $changelog_version"
depends=$(field Depends)
for lib in libc6 libstdc++6 libcurl4 libc-ares2 libyaml-cpp0.7; do
  [[ ", $depends" == *", $lib ("* ]] || fail "Depends lacks $lib (dpkg-shlibdeps): $depends"
done
dpkg-deb -e "$deb" "$tmp/control"
for s in postinst postrm; do sh -n "$tmp/control/$s" || fail "$s: sh -n"; done

# Contents.
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $NF}' | sed 's|^\./usr/||' | sort >"$tmp/contents"
grep -vE '^(#|$)' "$EXPOSCAN_SOURCE_DIR/tests/ship/layout.txt" | sort >"$tmp/layout"
missing=$(comm -23 "$tmp/layout" "$tmp/contents")
extra=$(comm -13 "$tmp/layout" "$tmp/contents" | grep -v '^share/doc/exposcan/docs/' || true)
[[ -z $missing && -z $extra ]] || fail "package contents: missing [$missing] unexpected [$extra]"
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/lib/systemd/system/exposcan-check@.service >"$tmp/unit"
grep -q '^ExecStart=/usr/bin/exposcan check ' "$tmp/unit" || fail "packaged unit's ExecStart is not /usr/bin/exposcan"

# lintian: errors fail; warnings are printed (docs/install.md lists them).
if command -v lintian >/dev/null; then
  lintian --tag-display-limit 0 "$deb" >"$tmp/lintian.out" 2>&1 || true
  ! grep -E '^E: ' "$tmp/lintian.out" || fail "lintian errors"
  grep -E '^W: ' "$tmp/lintian.out" || true
  lintian_note="lintian: $(grep -cE '^E: ' "$tmp/lintian.out" || true) errors, $(grep -cE '^W: ' "$tmp/lintian.out" || true) warnings"
else
  lintian_note="lintian not installed: not run"
fi

# dpkg --root: a database with only the host's entries for our Depends.
root=$tmp/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: >"$root/var/lib/dpkg/status"
for pkg in $(echo "$depends" | tr ',' '\n' | sed -E 's/^ *([^ (|]+).*/\1/'); do
  dpkg-query -s "$pkg" >>"$root/var/lib/dpkg/status" 2>/dev/null || fail "host lacks $pkg"
  echo >>"$root/var/lib/dpkg/status"
  : >"$root/var/lib/dpkg/info/$(dpkg-query -W -f='${binary:Package}' "$pkg").list"
done
dpkgr() { dpkg --root="$root" --force-script-chrootless --log=/dev/null "$@"; }
dpkgr -i "$deb" >"$tmp/dpkg.log" 2>&1 || fail "dpkg -i: $(cat "$tmp/dpkg.log")"
[[ $(dpkg-query --root="$root" -W -f='${Status}' exposcan) == "install ok installed" ]] || fail "not installed"
bin=$root/usr/bin/exposcan
libs=$(ldd "$bin")
[[ $libs != *"not found"* ]] || fail "missing libraries: $libs"
version=$("$bin" --version)
[[ $version == "$("$EXPOSCAN" --version)" ]] || fail "packaged --version '$version' != build's"
set +e
"$bin" scan 127.0.0.1 -p 1 -q --expect-closed 1 --format json >"$tmp/scan.json"; rc=$?
set -e
[[ $rc == 0 ]] || fail "packaged binary: loopback scan exit $rc"
grep -q '"closed"' "$tmp/scan.json" || fail "packaged binary: no closed port in $(head -c 300 "$tmp/scan.json")"
dpkgr -r exposcan >"$tmp/dpkg.log" 2>&1 || fail "dpkg -r: $(cat "$tmp/dpkg.log")"
left=$(cd "$root" && find . -type f -not -path './var/lib/dpkg/*')
[[ -z $left ]] || fail "files left after dpkg -r: $left"
echo "deb: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB), Depends: $depends; $lintian_note; dpkg --root install/run/remove ok ($version)"
