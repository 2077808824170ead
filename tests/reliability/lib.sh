# shellcheck shell=bash
# tests/reliability/lib.sh -- assertions shared by the fault-matrix tests.
# Sources the lab library (tests/lab/lib.sh) for namespaces and the trap.
#   rel_expect_rc WANT GOT WHAT       fail unless exit code GOT == WANT
#   rel_json FILE PYEXPR WHAT         fail unless PYEXPR (python, `d` = parsed JSON) is true
#   rel_hostile MODE:PORT...          start tools/hostile.py in the target ns
#   rel_timed CMD...                  run CMD, set REL_RC and REL_SECS (wall, 0.1 s)
REL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lab/lib.sh
source "$REL_DIR/../lab/lib.sh"

rel_expect_rc() {
    local want=$1 got=$2 what=$3
    [[ $got == "$want" ]] || lab_fail "$what: exit code $got, expected $want"
    lab_log "ok: $what (exit $got)"
}

rel_json() {
    local file=$1 expr=$2 what=$3
    [[ -s $file ]] || lab_fail "$what: no JSON output in $file"
    "$LAB_PY" - "$file" "$expr" <<'PY' || lab_fail "$what: JSON check failed: $expr"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
ok = eval(sys.argv[2], {"d": d, "any": any, "all": all, "len": len, "set": set})
if not ok:
    print("  verdict=%s exit=%s inconclusive=%s" % (d.get("verdict"), d.get("exit_code"), d.get("inconclusive")), file=sys.stderr)
    print("  findings: %s" % sorted({f.get("rule") for f in d.get("findings", [])}), file=sys.stderr)
    for s in d.get("scans", []):
        shown = [(p["port"], p["state"], p["reason"]) for p in s.get("ports", []) if p["state"] != "filtered"][:8]
        print("  scan %s complete=%s counts=%s answered=%s" % (s["address"], s["complete"], s["counts"], shown),
              file=sys.stderr)
sys.exit(0 if ok else 1)
PY
    lab_log "ok: $what"
}

rel_hostile() {
    local ready="$LAB_TMP/hostile.$RANDOM.ready"
    ip netns exec "$LAB_NS_TARGET" "$LAB_PY" "$REL_DIR/tools/hostile.py" "$ready" "$@" &
    LAB_PIDS+=($!)
    local i
    for ((i = 0; i < 100; i++)); do [[ -e $ready ]] && return 0; sleep 0.05; done
    lab_fail "hostile servers $* did not start"
}

rel_timed() {
    local t0 t1
    t0=$(date +%s%N)
    "$@"
    REL_RC=$?
    t1=$(date +%s%N)
    REL_SECS=$(( (t1 - t0) / 100000000 ))  # tenths of a second
    REL_SECS="$((REL_SECS / 10)).$((REL_SECS % 10))"
}

# Soft checks, for scripts that report several cases before failing:
#   rel_check_rc WANT GOT WHAT   like rel_expect_rc but records the failure
#   rel_done                     exit 1 if any soft check failed
REL_FAILED=()
rel_check_rc() {
    if [[ $2 == "$1" ]]; then lab_log "ok: $3 (exit $2)"; else
        lab_log "FAIL: $3: exit code $2, expected $1"; REL_FAILED+=("$3"); fi
}
rel_done() {
    ((${#REL_FAILED[@]} == 0)) || lab_fail "${#REL_FAILED[@]} case(s) failed: ${REL_FAILED[*]}"
}
