#!/usr/bin/env bash
# Real Jupyter Notebook 6 (Debian's python3-notebook) on loopback, hinted by
# Tornado's redirect to /tree, identified by GET /api, decided by GET /api/kernels:
#   open: --NotebookApp.token='' -> jupyter:unauthenticated (anyone runs code)
#   locked: the default random token -> jupyter:auth-required (403)
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require /usr/bin/python3
/usr/bin/python3 -c 'import notebook' 2>/dev/null || { echo "SKIP: python3-notebook not installed"; exit 77; }
live_setup jupyter
export HOME="$dir" JUPYTER_RUNTIME_DIR="$dir/rt" JUPYTER_CONFIG_DIR="$dir/cfg" JUPYTER_DATA_DIR="$dir/data"
start() {  # start PORT ARGS...
    local port=$1; shift
    live_bg /usr/bin/python3 -m notebook --allow-root --no-browser --ip=127.0.0.1 --port="$port" --port-retries=0 \
        --notebook-dir="$dir" "$@" >"$dir/nb-$port.log" 2>&1
}
open_port=$(free_port); start "$open_port" --NotebookApp.token= --NotebookApp.password=
locked_port=$(free_port); start "$locked_port"
WAIT_PORT_SECONDS=25 wait_port 127.0.0.1 "$open_port"
WAIT_PORT_SECONDS=25 wait_port 127.0.0.1 "$locked_port"
live_check "$open_port=jupyter:unauthenticated,$locked_port=jupyter:auth-required"
# Read-only: no kernel was started.
if grep -q 'Kernel started' "$dir"/nb-*.log; then echo "FAIL: the probe started a kernel"; exit 1; fi
