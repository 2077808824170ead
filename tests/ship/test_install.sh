#!/usr/bin/env bash
# `cmake --install` into a throwaway prefix lays out the tree docs/install.md
# describes, and the installed binary runs on its own: --version is the
# build's git describe, `rules` works, and a loopback scan of one closed port
# gives the documented exit codes. Loopback only; no root needed.
set -euo pipefail
: "${EXPOSCAN:?set EXPOSCAN}" "${EXPOSCAN_BUILD_DIR:?set EXPOSCAN_BUILD_DIR}" "${EXPOSCAN_SOURCE_DIR:?}"

tmp=$(mktemp -d /tmp/exposcan-install.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$EXPOSCAN_BUILD_DIR" --prefix "$tmp/usr" >"$tmp/install.log"
p=$tmp/usr
mapfile -t expected < <(grep -vE '^(#|$)' "$EXPOSCAN_SOURCE_DIR/tests/ship/layout.txt")
for f in "${expected[@]}"; do
  [[ -f $p/$f ]] || fail "$f not installed (tree: $(cd "$p" && find . -type f | sort | tr '\n' ' '))"
done
[[ -x $p/bin/exposcan ]] || fail "bin/exposcan not executable"
# Nothing of the install may point back into the build tree.
dynamic=$(readelf -d "$p/bin/exposcan")
[[ $dynamic != *"$EXPOSCAN_BUILD_DIR"* ]] || fail "installed binary has an RPATH into the build tree"

bin=$p/bin/exposcan
got=$("$bin" --version)
want=$("$EXPOSCAN" --version)
[[ $got == "$want" ]] || fail "installed --version '$got' != build's '$want'"
# The string is git describe of the source at build time: it names a commit
# of this repository (HEAD if the build is current; a test run after a new
# commit without a rebuild sees the older one, still a commit).
if git -C "$EXPOSCAN_SOURCE_DIR" rev-parse --git-dir >/dev/null 2>&1; then
  v=${got#exposcan }
  v=${v%-dirty}
  [[ $v =~ -g([0-9a-f]+)$ ]] && v=${BASH_REMATCH[1]}
  git -C "$EXPOSCAN_SOURCE_DIR" rev-parse --verify -q "$v^{commit}" >/dev/null ||
    fail "--version '$got' names no commit of $EXPOSCAN_SOURCE_DIR"
fi
"$bin" rules >"$tmp/rules.md"
grep -q "port.unexpected-open" "$tmp/rules.md" || fail "installed 'exposcan rules' lacks port.unexpected-open"

# Loopback: port 1 is closed on any sane host. Without expectations a closed
# port is a finding (exit 1); expected closed it is clean (exit 0).
set +e
"$bin" scan 127.0.0.1 -p 1 -q >"$tmp/scan1.txt"; rc1=$?
"$bin" scan 127.0.0.1 -p 1 -q --expect-closed 1 >"$tmp/scan0.txt"; rc0=$?
set -e
[[ $rc1 == 1 && $rc0 == 0 ]] || fail "loopback scan exit codes $rc1/$rc0, want 1/0: $(cat "$tmp"/scan*.txt)"
echo "install: ${#expected[@]} files + binary ok ($got)"

# Tarball builds: outside a checkout, or in a directory that is not the top of
# the enclosing repository, the version falls back to the project version.
gv=$EXPOSCAN_SOURCE_DIR/cmake/git_version.cmake
mkdir "$tmp/tarball"
for src in "$tmp/tarball" "$EXPOSCAN_SOURCE_DIR/docs"; do
  cmake -DSOURCE_DIR="$src" -DOUTPUT="$tmp/v.cpp" -DFALLBACK=9.8.7 -P "$gv"
  grep -q '"9.8.7"' "$tmp/v.cpp" || fail "git_version.cmake in $src: $(grep return "$tmp/v.cpp")"
  rm "$tmp/v.cpp"
done
# And a real tarball (git archive of HEAD) configures to the project version.
if git -C "$EXPOSCAN_SOURCE_DIR" rev-parse --git-dir >/dev/null 2>&1; then
  mkdir "$tmp/archive"
  git -C "$EXPOSCAN_SOURCE_DIR" archive HEAD | tar -x -C "$tmp/archive"
  cmake -S "$tmp/archive" -B "$tmp/archive/build" -G Ninja -DEXPOSCAN_TESTS=OFF >"$tmp/configure.log" 2>&1 ||
    fail "tarball configure: $(tail -5 "$tmp/configure.log")"
  project_version=$(sed -nE 's/^project\(exposcan VERSION ([0-9.]+).*/\1/p' "$EXPOSCAN_SOURCE_DIR/CMakeLists.txt")
  grep -qF "return \"$project_version\";" "$tmp/archive/build/generated/version.cpp" ||
    fail "tarball version: $(grep return "$tmp/archive/build/generated/version.cpp")"
fi
echo "version fallback outside a checkout ok"
# man finds the installed page through the prefix.
if command -v man >/dev/null; then
  found=$(MANPATH=$p/share/man man -w exposcan)
  [[ $found == "$p/share/man/man1/exposcan.1.gz" ]] || fail "man -w finds '$found', not the installed page"
fi
