#!/usr/bin/env bash
# dist/prometheus/exposcan.rules.yml: `promtool check rules`, the hand-written
# unit tests (tests/ship/prometheus/exposcan_rules_test.yml), and the rules fed
# with the textfiles real runs write, so metric and label names cannot drift
# from src/report/prometheus.cpp:
#   finding run (loopback port 1 closed, exit 1) -> ExposcanFindings{finding_severity="low"}
#   clean run (--expect-closed 1, exit 0)       -> no alert
#   failed run (check of a missing policy, 3)   -> ExposcanRunFailed
# Loopback only.
set -euo pipefail
: "${EXPOSCAN:?set EXPOSCAN}" "${EXPOSCAN_SOURCE_DIR:?}"
command -v promtool >/dev/null || { echo "SKIP: promtool not installed (package prometheus)"; exit 77; }
rules=$EXPOSCAN_SOURCE_DIR/dist/prometheus/exposcan.rules.yml
tmp=$(mktemp -d /tmp/exposcan-alerts.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM

promtool check rules "$rules"
promtool test rules "$EXPOSCAN_SOURCE_DIR/tests/ship/prometheus/exposcan_rules_test.yml"

set +e
"$EXPOSCAN" scan 127.0.0.1 -p 1 -q --format prometheus="$tmp/finding.prom" >/dev/null
"$EXPOSCAN" scan 127.0.0.1 -p 1 -q --expect-closed 1 --format prometheus="$tmp/clean.prom" >/dev/null
"$EXPOSCAN" check "$tmp/missing.yaml" -q --format prometheus="$tmp/failed.prom" 2>/dev/null
set -e
for f in finding clean failed; do promtool check metrics <"$tmp/$f.prom"; done

# A promtool test whose input series are exactly the samples of each file, as
# node_exporter would expose them (plus its instance label), held for 10 min.
/usr/bin/python3 - "$tmp" "$rules" >"$tmp/real_test.yml" <<'PY'
import json, re, sys
tmp, rules = sys.argv[1:3]
sample = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$')
def series(path):
    out = []
    for line in open(path):
        m = sample.match(line.strip())
        if not m or line.startswith('#'):
            continue
        name, _, labels, value = m.groups()
        labels = 'instance="origin:9100"' + (',' + labels if labels else '')
        out.append({"series": f"{name}{{{labels}}}", "values": f"{value}x10"})
    return out
# promtool compares annotations too: the texts the rules render for this input.
annotations = {
    "ExposcanFindings": {
        "summary": "exposcan: 1 low finding(s) on origin:9100",
        "description": "The last exposcan check run from origin:9100 has findings "
                       "(exposcan_findings by rule says which)."},
    "ExposcanRunFailed": {
        "summary": "exposcan: the last run on origin:9100 did not complete",
        "description": "exposcan_run_success is 0 (exposcan_exit_code 2 = inconclusive, 3 = configuration "
                       "error); see `journalctl -u 'exposcan-check@*'`."},
}
def alerts(name, severity, **labels):
    return {"exp_labels": {"severity": severity, "instance": "origin:9100", **labels},
            "exp_annotations": annotations[name]}
names = ["ExposcanFindingsCritical", "ExposcanFindings", "ExposcanRunStale", "ExposcanRunFailed"]
expect = {
    "finding": {"ExposcanFindings": [alerts("ExposcanFindings", "warning", finding_severity="low")]},
    "clean": {},
    "failed": {"ExposcanRunFailed": [alerts("ExposcanRunFailed", "warning")]},
}
tests = []
for run, fired in expect.items():
    checks = [{"eval_time": "5m", "alertname": n, "exp_alerts": fired.get(n, [])} for n in names]
    tests.append({"interval": "1m", "input_series": series(f"{tmp}/{run}.prom"), "alert_rule_test": checks})
print(json.dumps({"rule_files": [rules], "evaluation_interval": "1m", "tests": tests}, indent=1))
PY
promtool test rules "$tmp/real_test.yml"
echo "alert rules: promtool unit tests and real-run textfiles ok"
