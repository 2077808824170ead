#!/usr/bin/env bash
# build.sh [DIR] [extra cmake args...]: configure + build (Ninja, -Werror).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$root/build}; shift || true
cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEXPOSCAN_WERROR=ON "$@" >/dev/null
cmake --build "$dir" -j"$(nproc)"
