#!/usr/bin/env bash
# The seed story end to end (docs/lab.md "The scenario", docs/policy.md
# "The seed scenario"): a hardened origin behind a ufw-like nftables firewall,
# checked with a policy from two vantage points:
#   origin     (198.51.100.10 + 2001:db8:1::10) seen from a random address: all
#              filtered, 25 closed, 80/443 filtered too (only the CDN may connect);
#   origin-cdn (198.51.100.11, the same host) reached from the CDN address
#              198.51.100.200 (a second scanner address, used as source by a
#              host route): 80 and 443 must be open from there.
# Steps: clean -> exit 0; Docker-style DNAT for 9200 whose accept runs before
# the drop -> exit 1 with port.unexpected-open on 9200; 443 dropped ->
# port.unexpected-filtered from the CDN view; 22 opened on IPv6 only ->
# ipv6.parity. Every writer's output of one step is parsed back and validated.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_cmd nft ip promtool xmllint
/usr/bin/python3 -c 'import jsonschema' 2>/dev/null || { echo "skip: python3-jsonschema missing"; exit 77; }
: "${EXPOSCAN:?set EXPOSCAN}"
SRC=${EXPOSCAN_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
export EXPOSCAN_SOURCE_DIR=$SRC

lab_create seed
CDN4=198.51.100.200
T4B=198.51.100.11
lab_target_addr "$T4B/24"
dev=$(ip -n "$LAB_NS_SCANNER" -o route get "$LAB_T4" | sed -n 's/.* dev \([^ ]*\).*/\1/p')
ip -n "$LAB_NS_SCANNER" addr add "$CDN4/32" dev "$dev"
ip -n "$LAB_NS_SCANNER" route add "$T4B/32" dev "$dev" src "$CDN4"
lab_listen 22 80 443 19200

# ufw-like input filter; EXTRA lines go before the CDN allow rule. `ct status dnat
# accept` stands for Docker's FORWARD accept of published ports: harmless until
# a DNAT exists, then it lets the published port past every ufw rule.
firewall() {
    lab_target_nft "table inet seed_ufw
delete table inet seed_ufw
table inet seed_ufw {
  chain input {
    type filter hook input priority 0; policy accept;
    iif lo accept
    ct state established,related accept
    meta l4proto != tcp accept
    ct status dnat accept
${1:-}
    ip saddr $CDN4 tcp dport { 80, 443 } accept
    tcp dport 25 reject with tcp reset
    meta l4proto tcp drop
  }
}"
}
docker_publish_9200() {
    lab_target_nft "table ip seed_docker {
  chain prerouting { type nat hook prerouting priority dstnat; tcp dport 9200 dnat to $LAB_T4:19200; }
}"
}
docker_remove() { lab_in_target nft delete table ip seed_docker; }

policy=$LAB_TMP/origin.yaml
cat >"$policy" <<YAML
targets:
  - name: origin
    addresses: [$LAB_T4, "$LAB_T6"]
    ports: "1-1024,9200"
    expect: {default: filtered, closed: [25]}
    services: ignore
  - name: origin-cdn
    addresses: [$T4B]
    ports: "1-1024,9200"
    expect: {default: filtered, closed: [25], open: [80, 443]}
    services: ignore
YAML

fail=0
# check STEP EXPECTED_EXIT [RULE@LOCATION...]
check() {
    local step=$1 want=$2; shift 2
    local out=$LAB_TMP/$step rc=0
    lab_scan check "$policy" --no-probe ${DEADLINE:+--deadline $DEADLINE} --format text="$out.txt" --format json="$out.json" \
        --format jsonl="$out.jsonl" --format sarif="$out.sarif" --format junit="$out.xml" \
        --format prometheus="$out.prom" || rc=$?
    local args=()
    for r in "$@"; do args+=(--expect-rule "$r"); done
    if [[ $rc != "$want" ]]; then
        echo "FAIL $step: exit $rc, expected $want"; cat "$out.txt"; fail=1; return
    fi
    if ! promtool check metrics <"$out.prom" || ! xmllint --noout "$out.xml" ||
        ! /usr/bin/python3 "$SRC/tests/fixtures/policy/validate_outputs.py" "$out" --exit "$want" "${args[@]}"; then
        echo "FAIL $step: outputs"; cat "$out.txt"; fail=1; return
    fi
    echo "ok $step: exit $rc $*"
}

firewall
check 1-hardened 0

docker_publish_9200
check 2-docker-9200 1 "port.unexpected-open@tcp://$LAB_T4:9200"
# The same run against the clean run as a baseline: 9200 is the new finding.
rc=0
lab_scan check "$policy" --no-probe --baseline "$LAB_TMP/1-hardened.json" --format json="$LAB_TMP/2b.json" || rc=$?
/usr/bin/python3 - "$LAB_TMP/2b.json" "$LAB_T4" "$rc" <<'PY' || fail=1
import json, sys
doc = json.load(open(sys.argv[1]))
new = {f["rule"] + "@" + f["location"] for f in doc["findings"]}
assert "port.unexpected-open@tcp://%s:9200" % sys.argv[2] in new, new
assert doc["resolved"] == [] and doc["exit_code"] == 1 and sys.argv[3] == "1", (doc["resolved"], sys.argv[3])
print("ok 2b-baseline: new", sorted(new))
PY
docker_remove

firewall "    tcp dport 443 drop"
check 3-drop-443 1 "port.unexpected-filtered@tcp://$T4B:443"

firewall "    meta nfproto ipv6 tcp dport 22 accept"
check 4-ssh-v6-only 1 "ipv6.parity@tcp://[$LAB_T6]:22" "port.unexpected-open@tcp://[$LAB_T6]:22"

# Adoption: `init` writes the current (clean) state as a policy; checking it passes.
firewall
lab_scan init "$LAB_T4" "$LAB_T6" -p 1-1024,9200 --name seed -o "$LAB_TMP/init.yaml"
rc=0; lab_scan check "$LAB_TMP/init.yaml" --no-probe --format text="$LAB_TMP/init.txt" || rc=$?
if [[ $rc == 0 ]] && grep -q "closed: \[25\]" "$LAB_TMP/init.yaml"; then echo "ok 5-init-roundtrip"
else echo "FAIL 5-init-roundtrip: exit $rc"; cat "$LAB_TMP/init.yaml" "$LAB_TMP/init.txt"; fail=1; fi

# A run cut short is inconclusive (2), never clean, in every writer.
sed 's/ports: "1-1024,9200"/ports: all/' "$policy" >"$LAB_TMP/all.yaml"
policy=$LAB_TMP/all.yaml DEADLINE=1 check 6-deadline 2

# SIGINT mid-run: partial results are still written, the run is inconclusive.
rc=0
ip netns exec "$LAB_NS_SCANNER" "$EXPOSCAN" check "$LAB_TMP/all.yaml" --no-probe \
    --format json="$LAB_TMP/7.json" >/dev/null 2>&1 &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid" || rc=$?
if [[ $rc == 2 ]] && grep -q interrupted "$LAB_TMP/7.json"; then echo "ok 7-sigint: exit 2"
else echo "FAIL 7-sigint: exit $rc"; fail=1; fi

exit $fail
