#!/usr/bin/env bash
# The whole test suite (README's test command; .ci/run runs exactly this):
#   1. install deps (root only)
#   2. normal build (gcc, -Werror) in build/ + every ctest (unit, servers, lab,
#      leak, reliability)
#   3. sanitizer tree build-asan/ (clang-14, ASan+UBSan, libFuzzer coverage):
#      unit tests + real-server tests against the ASan binary + replay of
#      every fuzz corpus (docs/reliability.md says why these labels)
# Every phase runs even if an earlier one failed; a summary follows; exit 1
# on any failure. Lab tests need root; without it they are skipped (77).
# Env: EXPOSCAN_TEST_SKIP_ASAN=1 skips phase 3 (quick local runs only).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jobs=$(nproc)
summary=()
failed=0
totals=(0 0 0)  # passed failed skipped over every ctest run

phase() {  # phase NAME CMD...: run, time, record
  local name=$1 t0=$SECONDS rc
  shift
  echo "=== test.sh: $name"
  "$@"
  rc=$?
  # A test that replaced /dev/null with a file would break every later one
  # (and the machine): name the phase, restore the node, fail the run.
  if [[ ! -c /dev/null ]]; then
    echo "test.sh: /dev/null is no longer a character device after phase '$name'" >&2
    rm -f /dev/null && mknod -m 666 /dev/null c 1 3
    rc=1
  fi
  summary+=("$(printf '%-34s %-4s %4ss' "$name" "$([[ $rc == 0 ]] && echo ok || echo FAIL)" $((SECONDS - t0)))")
  ((rc == 0)) || failed=1
  return $rc
}

# ctest_run DIR JUNIT ARGS...: ctest with its closing lines on stdout; counts
# passed/failed/skipped from the JUnit file ctest writes.
ctest_run() {
  local dir=$1 junit=$2 rc
  shift 2
  ctest --test-dir "$dir" --output-on-failure -j"$jobs" --timeout 900 --output-junit "$junit" "$@"
  rc=$?
  if [[ -f $junit ]]; then
    read -r p f s < <(/usr/bin/python3 - "$junit" <<'PY'
import sys, xml.etree.ElementTree as ET
p = f = s = 0
for tc in ET.parse(sys.argv[1]).getroot().iter("testcase"):
    if tc.find("failure") is not None or tc.find("error") is not None: f += 1
    elif tc.find("skipped") is not None or tc.get("status") in ("notrun", "disabled"): s += 1
    else: p += 1
print(p, f, s)
PY
)
    totals=($((totals[0] + p)) $((totals[1] + f)) $((totals[2] + s)))
  fi
  return $rc
}

# -g1 (line tables, like the asan tree's -gline-tables-only): stack traces keep
# file:line, but gcc spends ~20 % less time writing debug info nobody reads in
# CI. Same -O2 -DNDEBUG code as the default RelWithDebInfo build.
build_normal() {
  "$root/scripts/build.sh" "$root/build" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG"
}
test_normal() { ctest_run "$root/build" "$root/build/ctest-junit.xml"; }

# One clang tree serves both sanitizer jobs: -fsanitize=address,undefined on
# everything plus fuzzer-no-link coverage, so the fuzz targets link against the
# same libraries the unit tests use (one Boost.Asio-heavy build, not two).
build_asan() {
  # -O1 -gline-tables-only: what ASan recommends, readable stack traces, ~15 %
  # less compile CPU than -O2 -g; asserts stay on (no NDEBUG).
  CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$root/build-asan" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
    -DEXPOSCAN_FUZZ=ON -DEXPOSCAN_WERROR=OFF >/dev/null &&
    cmake --build "$root/build-asan" -j"$jobs"
}
test_asan() {
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    ctest_run "$root/build-asan" "$root/build-asan/ctest-junit.xml" -L '^(unit|servers|fuzz)$'
}

if [[ $(id -u) -eq 0 ]]; then phase "install deps" "$root/scripts/install-deps.sh"; fi
phase "build (gcc, -Werror)" build_normal && phase "ctest: all suites" test_normal
if [[ ${EXPOSCAN_TEST_SKIP_ASAN:-0} != 1 ]]; then
  phase "build-asan (clang-14 ASan+UBSan+fuzz)" build_asan &&
    phase "ctest asan: unit, servers, fuzz replay" test_asan
fi

echo
echo "=== test.sh summary"
printf '%s\n' "${summary[@]}"
echo "summary: ${totals[0]} passed, ${totals[1]} failed, ${totals[2]} skipped"
if ((failed)); then echo "test.sh: FAILED"; exit 1; fi
echo "test.sh: OK"
