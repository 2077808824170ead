#!/usr/bin/env bash
# dist/ci/: the GitHub Actions workflow and the GitLab CI job parse as YAML
# (python3-yaml), have the shape their CI needs (the SARIF file the upload
# step names and the JUnit file the report names are the ones the exposcan
# line writes), and their exposcan steps -- run as written, with bash -e as
# the runners do -- exit 0 on a clean loopback policy and 1 on one with a
# finding, writing those files. The post-deploy gate (dist/ci/exposcan-gate)
# maps 0/1/2/3 to PASS/FAIL/RETRY-EXHAUSTED/CONFIG-ERROR: 0 and 1 against
# loopback policies, 3 for a missing policy, 2 (after its retries) for a
# canary that never answers -- loopback in a private network namespace
# (unshare -n) whose nft drops it, so only the 2 case needs root.
set -euo pipefail
: "${EXPOSCAN:?set EXPOSCAN}" "${EXPOSCAN_SOURCE_DIR:?}"
ci=$EXPOSCAN_SOURCE_DIR/dist/ci
tmp=$(mktemp -d /tmp/exposcan-ci.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "FAIL: $*" >&2; exit 1; }
python3 -c 'import yaml' 2>/dev/null || { echo "SKIP: python3-yaml not installed (scripts/install-deps.sh)"; exit 77; }

# `exposcan` on PATH is the binary under test, as the .deb would put it.
mkdir -p "$tmp/bin"
ln -s "$EXPOSCAN" "$tmp/bin/exposcan"
export PATH="$tmp/bin:$PATH"

# A loopback port nothing listens on (bound then released): it answers closed.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
policy() {  # policy NAME DEFAULT-STATE
    printf 'version: 1\ntargets:\n  - name: loopback\n    addresses: [127.0.0.1]\n    ports: [%s]\n    expect:\n      default: %s\n' \
        "$port" "$2" >"$tmp/$1.yaml"
}
policy clean closed
policy finding filtered

# The shell steps of each file, and the facts the test cross-checks, as JSON.
python3 - "$ci" "$tmp" <<'PY' || fail "CI examples do not have the expected shape (above)"
import json, re, sys, yaml
ci, tmp = sys.argv[1], sys.argv[2]
bad = []
gh = yaml.safe_load(open(f"{ci}/github-actions.yml"))
gh_on = gh.get("on", gh.get(True))  # YAML 1.1 reads a bare `on` key as true
if not gh_on: bad.append("github: no `on:` triggers")
if gh.get("permissions", {}).get("security-events") != "write":
    bad.append("github: upload-sarif needs permissions.security-events: write")
(job,) = gh["jobs"].values()
steps = job["steps"]
check = [s for s in steps if "exposcan check" in s.get("run", "")]
upload = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
if len(check) != 1 or len(upload) != 1: bad.append("github: want one exposcan check step and one upload-sarif step")
else:
    run = check[0]["run"]
    sarif = re.search(r"--format sarif=(\S+)", run)
    if not sarif or upload[0]["with"]["sarif_file"] != sarif.group(1):
        bad.append("github: upload-sarif's sarif_file is not the file `--format sarif=` writes")
    if upload[0].get("if") != "always()": bad.append("github: upload-sarif must run when the check fails too")
    gate = steps[-1].get("run", "")
    if f"steps.{check[0].get('id')}.outputs.rc" not in gate: bad.append("github: last step does not gate on the check's rc")
    open(f"{tmp}/github.sh", "w").write(run)
    json.dump({"env": job.get("env", {}), "sarif": sarif.group(1) if sarif else ""}, open(f"{tmp}/github.json", "w"))

gl = yaml.safe_load(open(f"{ci}/gitlab-ci.yml"))
jobs = {k: v for k, v in gl.items() if isinstance(v, dict) and "script" in v}
if len(jobs) != 1: bad.append("gitlab: want exactly one job")
else:
    (glj,) = jobs.values()
    script = "\n".join(glj["script"])
    junit = re.search(r"--format junit=(\S+)", script)
    reports = glj.get("artifacts", {}).get("reports", {})
    if not junit or reports.get("junit") != junit.group(1):
        bad.append("gitlab: artifacts.reports.junit is not the file `--format junit=` writes")
    if glj.get("artifacts", {}).get("when") != "always": bad.append("gitlab: artifacts must be kept when the job fails")
    if glj.get("stage") not in gl.get("stages", []): bad.append("gitlab: job stage not in stages")
    if 2 not in glj.get("retry", {}).get("exit_codes", []): bad.append("gitlab: inconclusive (2) is not retried")
    open(f"{tmp}/gitlab.sh", "w").write(script + "\n")
    json.dump({"env": glj.get("variables", {}), "junit": junit.group(1) if junit else "",
               "paths": glj["artifacts"].get("paths", [])}, open(f"{tmp}/gitlab.json", "w"))
for b in bad: print("  ", b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
echo "ok: both YAML files parse; upload-sarif / reports.junit name the files exposcan writes"

field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

# GitHub: the check step as written (its rc goes to $GITHUB_OUTPUT), then the files.
for case in clean:0 finding:1; do
    name=${case%:*} want=${case#*:}
    d=$tmp/gh-$name; mkdir -p "$d"
    (cd "$d" && POLICY=$tmp/$name.yaml GITHUB_OUTPUT=$d/out bash -e "$tmp/github.sh" >/dev/null) ||
        fail "github ($name): the check step itself failed; it must record the rc and succeed"
    grep -qx "rc=$want" "$d/out" || fail "github ($name): step output $(cat "$d/out"), want rc=$want"
    python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$d/$(field "$tmp/github.json" sarif)" ||
        fail "github ($name): no SARIF for upload-sarif"
    xmllint --noout "$d/exposcan-junit.xml" || fail "github ($name): JUnit artifact missing or not XML"
done
echo "ok: github check step: rc=0 clean, rc=1 finding, SARIF and JUnit written"

# GitLab: the script lines as the runner runs them (bash -e: the exit code is the job's).
junit=$(field "$tmp/gitlab.json" junit)
for case in clean:0 finding:1; do
    name=${case%:*} want=${case#*:}
    d=$tmp/gl-$name; mkdir -p "$d"
    rc=0; (cd "$d" && POLICY=$tmp/$name.yaml bash -e "$tmp/gitlab.sh" >/dev/null) || rc=$?
    [[ $rc -eq $want ]] || fail "gitlab ($name): job exit $rc, want $want"
    xmllint --noout "$d/$junit" || fail "gitlab ($name): reports.junit $junit missing or not XML"
    for p in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))["paths"]))' "$tmp/gitlab.json"); do
        [[ -s $d/$p ]] || fail "gitlab ($name): artifact path $p not written"
    done
done
echo "ok: gitlab job: exit 0 clean, 1 finding, JUnit report and artifacts written"

# The gate script: exit code and last line.
gate() {  # gate WANT-RC WANT-VERDICT ARGS...
    local want=$1 verdict=$2 rc=0; shift 2
    (cd "$tmp" && EXPOSCAN_GATE_DELAY=0 EXPOSCAN_GATE_RETRIES=1 "$ci/exposcan-gate" "$@" >"$tmp/gate.out" 2>&1) || rc=$?
    [[ $rc -eq $want && $(tail -n1 "$tmp/gate.out") == "$verdict" ]] ||
        fail "exposcan-gate $*: exit $rc, '$(tail -n1 "$tmp/gate.out")'; want $want, $verdict"$'\n'"$(cat "$tmp/gate.out")"
}
gate 0 PASS "$tmp/clean.yaml"
[[ -s $tmp/exposcan-gate/exposcan.json ]] || fail "exposcan-gate: no JSON report in exposcan-gate/"
gate 1 FAIL "$tmp/finding.yaml"
gate 3 CONFIG-ERROR "$tmp/missing.yaml"
gate 3 CONFIG-ERROR "$tmp/clean.yaml" --no-such-flag
EXPOSCAN=$tmp/none gate 3 CONFIG-ERROR "$tmp/clean.yaml"
echo "ok: exposcan-gate: PASS 0, FAIL 1, CONFIG-ERROR 3 (missing policy, bad flag, no exposcan)"

if [[ $(id -u) -ne 0 ]] || ! command -v nft >/dev/null; then
    echo "SKIP: exposcan-gate's retry path (2) needs root and nft (a private namespace); 0, 1 and 3 passed"
    exit 77
fi
# A canary that never answers makes the run inconclusive: loopback, in a
# private network namespace whose nft drops everything to the canary port.
# shellcheck disable=SC2016  # expanded by the inner bash
unshare -n bash -c '
    set -e
    ip link set lo up
    nft "add table inet gate; add chain inet gate in { type filter hook input priority 0; policy accept; }; add rule inet gate in tcp dport 9 drop"
    cd "$1" && EXPOSCAN_GATE_DELAY=0 EXPOSCAN_GATE_RETRIES=1 "$2/exposcan-gate" "$1/clean.yaml" --canary 127.0.0.1:9 >"$1/gate.out" 2>&1
' _ "$tmp" "$ci" && rc=0 || rc=$?
[[ $rc -eq 2 && $(tail -n1 "$tmp/gate.out") == RETRY-EXHAUSTED ]] ||
    fail "exposcan-gate with a dead canary: exit $rc, want 2 RETRY-EXHAUSTED"$'\n'"$(cat "$tmp/gate.out")"
[[ $(grep -c '^exposcan-gate: attempt' "$tmp/gate.out") -eq 2 ]] || fail "exposcan-gate: want 2 attempts (1 retry)"$'\n'"$(cat "$tmp/gate.out")"
echo "ok: exposcan-gate: inconclusive retried once, then RETRY-EXHAUSTED 2"
echo "test_ci_examples: PASS"
