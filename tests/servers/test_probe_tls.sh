#!/usr/bin/env bash
# TLS on any open port, through the CLI (JSON report, checked against docs/schema):
# two real TLS servers, each with two certificates made here with openssl:
#   fresh:   self-signed, valid for a day, SANs -> tls.certificate + tls.self-signed (info)
#   expired: self-signed, notAfter 2020-02-01 (`openssl ca -selfsign` takes explicit
#            dates) -> also tls.expired (medium); nginx serves it with TLS 1.0 only,
#            and the negotiated version says so
# socat's OpenSSL listener wraps a protocol nobody knows (it prints a line and
# closes): the port is `tls` (speaks TLS, nothing recognised inside) and still
# carries its certificate. nginx answers HTTPS: the certificate is there too.
# A plain TCP port that prints the same line carries no tls object.
source "$EXPOSCAN_SOURCE_DIR/tests/unit/probe/live_lib.sh"
live_require openssl socat nginx
[ -n "${EXPOSCAN:-}" ] || { echo "SKIP: EXPOSCAN (the CLI) not set"; exit 77; }
live_setup tls
cd "$dir"
openssl req -x509 -newkey rsa:2048 -nodes -keyout fresh.key -out fresh.crt -days 1 -subj /CN=fresh.exposcan.test \
    -addext "subjectAltName=DNS:fresh.exposcan.test,IP:127.0.0.1" 2>/dev/null
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

socat_tls() {  # socat_tls PORT CERT: a TLS listener speaking an unknown protocol, a fork per connection
    live_bg socat "OPENSSL-LISTEN:$1,bind=127.0.0.1,reuseaddr,fork,cert=$dir/$2.crt,key=$dir/$2.key,verify=0" \
        SYSTEM:"echo 'HELLO unknown-protocol 1.0'" 2>/dev/null
}
socat_fresh=$(free_port); socat_tls "$socat_fresh" fresh
socat_old=$(free_port); socat_tls "$socat_old" old
plain=$(free_port)
live_bg socat "TCP-LISTEN:$plain,bind=127.0.0.1,reuseaddr,fork" SYSTEM:"echo 'HELLO unknown-protocol 1.0'" 2>/dev/null

nginx_fresh=$(free_port); nginx_old=$(free_port)
mkdir -p body proxy fastcgi uwsgi scgi
cat >nginx.conf <<CONF
user root;
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $dir/body; proxy_temp_path $dir/proxy; fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi; scgi_temp_path $dir/scgi;
    server { listen 127.0.0.1:$nginx_fresh ssl; ssl_certificate $dir/fresh.crt; ssl_certificate_key $dir/fresh.key;
             ssl_protocols TLSv1.2 TLSv1.3; location / { return 200 "fresh\n"; } }
    # An old server: TLS 1.0 only (OpenSSL 3 needs security level 0 for it on both ends).
    server { listen 127.0.0.1:$nginx_old ssl; ssl_certificate $dir/old.crt; ssl_certificate_key $dir/old.key;
             ssl_protocols TLSv1; ssl_ciphers DEFAULT:@SECLEVEL=0; location / { return 200 "old\n"; } }
}
CONF
live_bg nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/nginx-error.log" >"$dir/nginx.out" 2>&1
for p in "$socat_fresh" "$socat_old" "$plain" "$nginx_fresh" "$nginx_old"; do
    wait_port 127.0.0.1 "$p" || { cat "$dir/nginx.out" "$dir/nginx-error.log" 2>/dev/null; exit 1; }
done

ports="$socat_fresh,$socat_old,$plain,$nginx_fresh,$nginx_old"
t0=$(date +%s.%N)
"$EXPOSCAN" scan 127.0.0.1 -q -p "$ports" --expect-open "$ports" --format json="$dir/scan.json" >/dev/null || true
echo "scan of 5 ports: $(/usr/bin/python3 -c "print(round($(date +%s.%N) - $t0, 2))") s"
/usr/bin/python3 - "$dir/scan.json" "$EXPOSCAN_SOURCE_DIR/docs/schema/exposcan-report.schema.json" \
    "$socat_fresh" "$socat_old" "$plain" "$nginx_fresh" "$nginx_old" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
import jsonschema
jsonschema.validate(d, json.load(open(sys.argv[2])))
socat_fresh, socat_old, plain, nginx_fresh, nginx_old = map(int, sys.argv[3:8])
probes = {p["port"]: p for p in d["probes"]}
for port in (socat_fresh, socat_old, nginx_fresh, nginx_old):
    print(port, {k: probes[port][k] for k in ("service", "exposure", "over_tls", "evidence")}, probes[port].get("tls"))
assert "tls" not in probes[plain], probes[plain]
assert probes[plain]["exposure"] == "unknown-service", probes[plain]
# An unknown protocol inside TLS: `tls`, with the certificate.
for port in (socat_fresh, socat_old):
    assert probes[port]["exposure"] == "tls" and probes[port]["over_tls"], probes[port]
for port in (nginx_fresh, nginx_old):
    assert probes[port]["over_tls"], probes[port]
# libcurl (system OpenSSL security level) cannot speak TLS 1.0: the port still carries what our handshake saw.
assert "TLS handshake done (TLSv1)" in probes[nginx_old]["evidence"], probes[nginx_old]
for port, cn, fresh in ((socat_fresh, "fresh", True), (nginx_fresh, "fresh", True),
                        (socat_old, "expired", False), (nginx_old, "expired", False)):
    t = probes[port].get("tls")
    assert t, probes[port]
    assert t["subject"] == f"CN = {cn}.exposcan.test" and t["issuer"] == t["subject"], t
    assert t["self_signed"] and t["expired"] == (not fresh), t
    if fresh:
        assert t["sans"] == ["DNS:fresh.exposcan.test", "IP:127.0.0.1"], t
    else:
        assert t["sans"] == [] and t["not_after"] == "2020-02-01T00:00:00Z", t
assert probes[socat_fresh]["tls"]["version"] == "TLSv1.3", probes[socat_fresh]
assert probes[nginx_fresh]["tls"]["version"] == "TLSv1.3", probes[nginx_fresh]
assert probes[nginx_old]["tls"]["version"] == "TLSv1", probes[nginx_old]  # ssl_protocols TLSv1
rules = sorted((f["rule"], f["port"], f["severity"]) for f in d["findings"] if f["rule"].startswith("tls."))
want = []
for port in (socat_fresh, socat_old, nginx_fresh, nginx_old):
    want += [("tls.certificate", port, "info"), ("tls.self-signed", port, "info")]
want += [("tls.expired", socat_old, "medium"), ("tls.expired", nginx_old, "medium")]
assert rules == sorted(want), rules
ev = next(f["evidence"] for f in d["findings"] if f["rule"] == "tls.certificate" and f["port"] == nginx_fresh)
assert "DNS:fresh.exposcan.test" in ev and "TLSv1.3" in ev, ev
print("cli: ok:", len(rules), "tls findings")
PY
