#!/usr/bin/env bash
# The main job: install deps, build, and run exposcan against a lab it creates
# on this machine (network namespaces; nothing leaves the machine).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" "$root/build"
exec "$root/build/exposcan" demo "$@"
