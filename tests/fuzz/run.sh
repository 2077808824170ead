#!/usr/bin/env bash
# tests/fuzz/run.sh SECONDS [TARGET...]: fuzz each libFuzzer target for SECONDS.
# Builds the clang fuzz tree if needed ($EXPOSCAN_FUZZ_BUILD, default
# build-fuzz). New coverage goes to a scratch dir (not the committed corpus);
# crashes land in $out/crashes/<target>/ and make the script exit 1. Minimise a
# crasher and copy it into corpus/<target>/ so CI's replay keeps it fixed.
# EXPOSCAN_FUZZ_MERGE=1: afterwards, libFuzzer -merge=1 adds to corpus/<target>/
# only the scratch inputs that reach new coverage (existing seeds are kept, so
# named regression inputs stay); inputs over 64 KiB are never merged, which
# keeps the committed corpora small and CI's replay fast.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
secs=${1:?usage: run.sh SECONDS [TARGET...]}
shift
build=${EXPOSCAN_FUZZ_BUILD:-$root/build-fuzz}
out=${EXPOSCAN_FUZZ_OUT:-$build/fuzz-out}
if [[ ! -f $build/build.ninja ]]; then
  CC=clang-14 CXX=clang++-14 cmake -S "$root" -B "$build" -G Ninja \
    -DEXPOSCAN_FUZZ=ON -DEXPOSCAN_WERROR=OFF -DEXPOSCAN_TESTS=OFF >/dev/null
fi
cmake --build "$build" --target fuzz_all
targets=("$@")
if ((${#targets[@]} == 0)); then
  for f in "$here"/fuzz_*.cpp; do t=$(basename "$f" .cpp); targets+=("${t#fuzz_}"); done
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
# merge_into_corpus TARGET: new-coverage scratch inputs (<= 64 KiB) -> corpus.
merge_into_corpus() {
  local t=$1 small=$out/small/$1 before
  rm -rf "$small" && mkdir -p "$small"
  find "$out/work/$t" -type f -size -65537c -exec cp -t "$small" {} +
  before=$(find "$here/corpus/$t" -type f | wc -l)
  # -use_counters=0: keep an input only for a new edge, not for a new hit
  # count of a known edge (that would keep ~10x more files for little gain).
  "$build/tests/fuzz/fuzz_$t" -merge=1 -use_counters=0 -rss_limit_mb=2048 -timeout=10 \
    "$here/corpus/$t" "$small" >"$out/$t.merge.log" 2>&1
  echo "merged: corpus/$t $before -> $(find "$here/corpus/$t" -type f | wc -l) files"
}

failed=()
for t in "${targets[@]}"; do
  mkdir -p "$out/work/$t" "$out/crashes/$t" "$here/corpus/$t"
  echo "== fuzz_$t for ${secs}s"
  # -timeout: one input taking > 10 s is a hang (a finding, like a crash).
  if "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$out/crashes/$t/" \
      "$out/work/$t" "$here/corpus/$t" >"$out/$t.log" 2>&1; then
    grep -E "^stat::(number_of_executed_units|new_units_added)|cov:" "$out/$t.log" | tail -3
    if [[ ${EXPOSCAN_FUZZ_MERGE:-0} == 1 ]]; then merge_into_corpus "$t"; fi
  else
    echo "!! fuzz_$t FAILED: see $out/$t.log and $out/crashes/$t/"
    grep -m3 -E "ERROR|runtime error|SUMMARY" "$out/$t.log" || true
    failed+=("$t")
  fi
done
if ((${#failed[@]})); then echo "fuzz: failures in: ${failed[*]}"; exit 1; fi
echo "fuzz: ${#targets[@]} targets, ${secs}s each, no crash"
