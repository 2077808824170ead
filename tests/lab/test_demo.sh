#!/usr/bin/env bash
# `exposcan demo` end to end (on fewer ports): before the fixes, one check of
# the policy finds each planted mistake -- Elasticsearch published past the
# firewall (open + no auth), Redis open on IPv6 only (no auth, parity), the
# origin's address in a header and in MX/SPF/direct./PTR -- and exits 1; after
# the fixes the same check is clean, exit 0; the demo exits 0 and leaves no
# namespace behind.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_cmd nft nsd nginx redis-server openssl curl
lab_require_exposcan
dir=$(mktemp -d /tmp/xs-demo-test.XXXXXX)
trap 'rm -rf "$dir"' EXIT
before_ns=$(ip netns list | grep -c '^xs-demo-' || true)
rc=0
DEMO_REPORT_DIR=$dir DEMO_PORTS=20-30,79-81,442-444,6370-6380,9190-9210 "$EXPOSCAN" demo -q \
    >"$dir/stdout" 2>"$dir/stderr" || rc=$?
[[ $rc -eq 0 ]] || { cat "$dir/stderr"; lab_fail "demo exit code $rc, expected 0 (1 before the fixes, 0 after)"; }
"$LAB_PY" - "$dir/before.json" "$dir/after.json" <<'PY'
import json, sys
before, after = (json.load(open(p)) for p in sys.argv[1:3])
assert before["exit_code"] == 1, before["exit_code"]
got = {(f["rule"], f.get("port")) for f in before["findings"]}
want = {("port.unexpected-open", 9200), ("service.no-auth", 9200), ("port.unexpected-open", 6379),
        ("service.no-auth", 6379), ("leak.http.header", None), ("leak.dns.mx", None), ("leak.dns.spf", None),
        ("leak.dns.subdomain", None), ("leak.dns.ptr", None)}
missing = want - {(r, p if r.startswith(("port.", "service.")) else None) for r, p in got}
assert not missing, f"before: missing {sorted(missing, key=str)}; got {sorted(got, key=str)}"
assert not before["inconclusive"], before["inconclusive"]
assert after["exit_code"] == 0, (after["exit_code"], [(f["rule"], f.get("location")) for f in after["findings"]],
                                  after["inconclusive"])
assert not after["findings"], after["findings"]
for scan in after["scans"]:
    answered = {p["port"]: p["state"] for p in scan["ports"]}
    assert answered == {25: "closed"}, (scan["address"], answered)
print("demo: before", sorted({r for r, _ in got}), "-> after clean")
PY
grep -q "before the fixes: exit 1; after: exit 0" "$dir/stderr" || lab_fail "demo did not print the 1 -> 0 summary"
after_ns=$(ip netns list | grep -c '^xs-demo-' || true)
[[ $after_ns == "$before_ns" ]] || lab_fail "demo left namespaces behind: $(ip netns list | grep '^xs-demo-')"
echo "test_demo: PASS"
