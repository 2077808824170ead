#!/usr/bin/env bash
# The scheduler examples -- dist/k8s/exposcan-shards.yaml (a CronJob whose Job
# is an Indexed Job, the last index merges) and dist/ci/github-actions-shards.yml
# (a shard matrix + a merge job) -- validate against the vendored Kubernetes
# v1.34 and SchemaStore github-workflow schemas (tests/fixtures/schemas/,
# strict: unknown fields are errors) with Debian's python3-jsonschema; broken
# copies (a misspelled key, a wrong type, an unknown kind, completions that do
# not match SHARDS) fail, so the check is not vacuous. Then the shell the
# examples run -- the pod script per JOB_COMPLETION_INDEX, the matrix steps,
# artifacts copied as the upload/download steps name them -- runs as written
# against loopback in a private network namespace (unshare -n: nothing else
# listens there), 127.0.0.1 and ::1, all ports: the shards exit 0, and merge's
# exit code and its JSON, SARIF, JUnit and text equal one unsharded run's
# (tests/lab/tools/normalize_report.py drops timing). lab.test_shards runs the
# same scan --shard I/N + merge commands in the netns lab.
set -euo pipefail
: "${EXPOSCAN:?set EXPOSCAN}" "${EXPOSCAN_SOURCE_DIR:?}"
py=/usr/bin/python3  # Debian's python3-jsonschema and python3-yaml, as CI installs them
here=$(cd "$(dirname "$0")" && pwd)
schemas=$here/manifest_schemas.py
norm=$EXPOSCAN_SOURCE_DIR/tests/lab/tools/normalize_report.py
k8s=$EXPOSCAN_SOURCE_DIR/dist/k8s/exposcan-shards.yaml
gh=$EXPOSCAN_SOURCE_DIR/dist/ci/github-actions-shards.yml
fail() { echo "FAIL: $*" >&2; exit 1; }
log() { echo "ok: $*"; }

# --- run part: inside the private network namespace ------------------------
if [[ ${1:-} == --netns ]]; then
    tmp=$2
    source "$here/manifests_run.sh"
    exit
fi

"$py" -c 'import jsonschema, yaml' 2>/dev/null ||
    { echo "SKIP: python3-jsonschema / python3-yaml not installed (scripts/install-deps.sh)"; exit 77; }
tmp=$(mktemp -d /tmp/exposcan-manifests.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM

# --- schemas -----------------------------------------------------------------
"$py" "$schemas" validate "$k8s" "$gh" || fail "the shipped examples do not validate (above)"
# broken NAME FILE SED-EXPR TEXT: a copy edited by SED-EXPR must fail validation
# with TEXT in the error.
broken() {
    sed -e "$3" "$2" >"$tmp/$1"
    cmp -s "$2" "$tmp/$1" && fail "$1: '$3' changed nothing (the example changed? update this test)"
    if "$py" "$schemas" validate "$tmp/$1" >"$tmp/$1.out" 2>&1; then fail "$1: validated: $(cat "$tmp/$1.out")"; fi
    grep -q -- "$4" "$tmp/$1.out" || fail "$1: not rejected for '$4': $(cat "$tmp/$1.out")"
    log "$1 rejected: $(grep -m1 -- "$4" "$tmp/$1.out")"
}
broken typo.yaml "$k8s" 's/completionMode: Indexed/completionsMode: Indexed/' "'completionsMode' was unexpected"
broken type.yaml "$k8s" 's/^\( *completions:\) 4 /\1 four /' "'four' is not of type"
broken nested.yaml "$k8s" 's/readOnlyRootFilesystem:/readOnlyRootFileSystem:/' "'readOnlyRootFileSystem' was unexpected"
broken kind.yaml "$k8s" 's/^kind: CronJob/kind: CronJobs/' "no schema vendored"
broken gh-typo.yml "$gh" 's/^    runs-on:/    run-on:/' "jobs/shard: 'runs-on' is a required property"
broken gh-type.yml "$gh" 's/retention-days: 7/retention-days: [7]/' "retention-days: \[7\] is not of type"

# --- the facts the schemas cannot see ----------------------------------------
mkdir -p "$tmp/x" "$tmp/bad"
"$py" "$schemas" extract "$k8s" "$gh" "$tmp/x" || fail "the examples lost the shard + merge shape (above)"
sed -e 's/^\( *completions:\) 4 /\1 3 /' "$k8s" >"$tmp/bad/k8s.yaml"
"$py" "$schemas" validate "$tmp/bad/k8s.yaml" >/dev/null || fail "completions: 3 should be schema-valid"
out=$("$py" "$schemas" extract "$tmp/bad/k8s.yaml" "$gh" "$tmp/bad") && fail "completions 3 with SHARDS 3 accepted"
grep -q 'completions 3 != SHARDS 3 + 1' <<<"$out" || fail "completions mismatch not named: $out"
log "schema-valid but wrong: $out"

# --- run the extracted commands ---------------------------------------------
if unshare -n true 2>/dev/null; then
    unshare -n bash "$0" --netns "$tmp"
else
    echo "SKIP: the run part needs a private network namespace (unshare -n; root in CI)"
    exit 77
fi
