#!/usr/bin/env bash
# TLS on an open port (socat's OpenSSL listener answering a fixed HTTP reply),
# two certificates made here with openssl:
#   fresh:   self-signed, valid for a day, SANs -> tls.certificate (info) +
#            tls.self-signed (info); the probe result carries subject, SANs,
#            issuer, expiry and the negotiated protocol (TLSv1.3)
#   expired: self-signed, notAfter 2020-02-01 -> also tls.expired (medium)
# Through the CLI (JSON report, checked against docs/schema).
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require openssl socat
[ -n "${EXPOSCAN:-}" ] || { echo "SKIP: EXPOSCAN (the CLI) not set"; exit 77; }
dir=$(mktemp -d /tmp/exposcan-tls-XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
cd "$dir"
openssl req -x509 -newkey rsa:2048 -nodes -keyout fresh.key -out fresh.crt -days 1 -subj /CN=fresh.exposcan.test \
    -addext "subjectAltName=DNS:fresh.exposcan.test,IP:127.0.0.1" 2>/dev/null
# A certificate that expired long ago: `openssl ca -selfsign` takes explicit dates.
mkdir ca; touch ca/index.txt; echo 01 >ca/serial
cat >ca.cnf <<CONF
[ca]
default_ca=d
[d]
database=$dir/ca/index.txt
serial=$dir/ca/serial
new_certs_dir=$dir/ca
default_md=sha256
policy=p
[p]
commonName=supplied
CONF
openssl req -new -newkey rsa:2048 -nodes -keyout old.key -subj /CN=expired.exposcan.test -out old.csr 2>/dev/null
openssl ca -batch -config ca.cnf -selfsign -keyfile old.key -in old.csr -startdate 20200101000000Z \
    -enddate 20200201000000Z -out old.crt 2>/dev/null
serve() {  # serve PORT NAME: one TLS listener, a fork per connection
    socat "OPENSSL-LISTEN:$1,bind=127.0.0.1,reuseaddr,fork,cert=$dir/$2.crt,key=$dir/$2.key,verify=0" \
        SYSTEM:"printf 'HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok'" 2>/dev/null &
    pids+=($!)
}
fresh_port=$(free_port); serve "$fresh_port" fresh
old_port=$(free_port); serve "$old_port" old
wait_port 127.0.0.1 "$fresh_port"
wait_port 127.0.0.1 "$old_port"
"$EXPOSCAN" scan 127.0.0.1 -q -p "$fresh_port,$old_port" --expect-open "$fresh_port,$old_port" \
    --format json="$dir/scan.json" >/dev/null || true
/usr/bin/python3 - "$dir/scan.json" "$fresh_port" "$old_port" "$EXPOSCAN_SOURCE_DIR/docs/schema/exposcan-report.schema.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
fresh, old = int(sys.argv[2]), int(sys.argv[3])
try:
    import jsonschema
    jsonschema.validate(d, json.load(open(sys.argv[4])))
except ImportError:
    pass
probes = {p["port"]: p for s in d["scans"] for p in s.get("probes", [])} if "scans" in d else {}
if not probes:
    probes = {p["port"]: p for p in d.get("probes", [])}
for port, cn in ((fresh, "fresh"), (old, "expired")):
    t = probes[port].get("tls")
    assert t, probes[port]
    assert f"CN = {cn}.exposcan.test" in t["subject"] or f"CN={cn}.exposcan.test" in t["subject"], t
    assert t["self_signed"] and t["version"].startswith("TLSv1"), t
print("probe tls:", probes[fresh]["tls"])
assert probes[fresh]["tls"]["sans"] == ["DNS:fresh.exposcan.test", "IP:127.0.0.1"], probes[fresh]["tls"]
assert not probes[fresh]["tls"]["expired"] and probes[old]["tls"]["expired"], probes
rules = sorted((f["rule"], f["port"], f["severity"]) for f in d["findings"] if f["rule"].startswith("tls."))
want = sorted([("tls.certificate", fresh, "info"), ("tls.self-signed", fresh, "info"),
               ("tls.certificate", old, "info"), ("tls.self-signed", old, "info"), ("tls.expired", old, "medium")])
assert rules == want, rules
print("cli: ok:", rules)
PY
