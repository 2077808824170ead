#!/usr/bin/env bash
# The whole test suite: installs deps, builds (normal + ASan/UBSan), runs every
# test (unit, real servers, network-namespace lab, fuzz corpus replay).
# Lab tests need root; without it they are skipped with a message.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [[ $(id -u) -eq 0 ]]; then "$root/scripts/install-deps.sh"; fi
"$root/scripts/build.sh" "$root/build"
ctest --test-dir "$root/build" --output-on-failure -j2 --timeout 900
