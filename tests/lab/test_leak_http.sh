#!/usr/bin/env bash
# The HTTP/TLS side of the origin-leak audit in a netns lab (issue 15): a real
# nginx as CDN edge and as origin, nsd for DNS, exposcan leak from outside.
#   leaky:  /about (linked from /) echoes the origin in a header, /status
#           (--path) prints its IPv6 address in the body, TLS on 443/8443
#           accepts no client certificate and serves the site on 8443, the
#           bare IP serves the site's favicon, an old address still serves it,
#           and so does a nearby address (198.51.100.12, --near), while a
#           neighbour's own page on 198.51.100.201 is not taken for the site.
#           DNS (nsd): a TXT IP literal, an SVCB ipv6hint, an open zone
#           transfer and a CT name (a crt.sh-layout server) naming the origin;
#           a wildcard to a non-CDN host is one finding, not one per wordlist name.
#   locked: the same site with Authenticated-Origin-Pulls-style client
#           certificates, ssl_reject_handshake, no address in the pages and
#           port 80 firewalled to the CDN, the demo's fixed zone with
#           transfers refused: no finding at all.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_cmd nft nsd nginx openssl curl
lab_require_exposcan

FIX=$LAB_DIR/../fixtures/leak-http
DEMO=$LAB_DIR/../fixtures/demo
lab_create leakhttp
d=$LAB_TMP
fill() { sed -e "s|@DIR@|$d|g" -e "s|@FIX@|$DEMO|g" "$1" >"$2"; }

# --- the "internet": CDN edge and DNS on the scanner's link; an old origin address on the target
ip -n "$LAB_NS_SCANNER" addr add 198.51.100.200/24 dev veth-s
ip -n "$LAB_NS_SCANNER" addr add 198.51.100.53/24 dev veth-s
lab_target_addr 198.51.100.11/24
lab_target_addr 198.51.100.12/24
ip -n "$LAB_NS_SCANNER" addr add 198.51.100.201/24 dev veth-s
mkdir -p "$d/neighbour"
printf '<html><head><title>Parked</title></head><body>This domain is parked by a hoster.</body></html>\n' \
    >"$d/neighbour/index.html"
lab_scanner_bg "$LAB_PY" -m http.server 80 --bind 198.51.100.201 --directory "$d/neighbour"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=example.test" \
    -addext "subjectAltName=DNS:example.test" -keyout "$d/site.key" -out "$d/site.crt" >/dev/null 2>&1 ||
    lab_fail "openssl req failed"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=origin-pull CA" \
    -keyout "$d/pull-ca.key" -out "$d/pull-ca.crt" >/dev/null 2>&1 || lab_fail "openssl req (CA) failed"
mkdir -p "$d"/{cdn,origin}-{body,proxy,fastcgi,uwsgi,scgi} "$d/site"
cp "$FIX"/site/*.html "$d/site/"
"$LAB_PY" -c "import sys; sys.stdout.buffer.write(bytes([0,0,1,0,1,0]) + bytes(range(256)) * 4)" >"$d/site/favicon.ico"
cp "$DEMO/example.test.fixed.zone" "$d/example.test.zone"
cat "$FIX/example.test.leaky-dns.zone" >>"$d/example.test.zone"
cp "$DEMO/reverse.fixed.zone" "$d/reverse.zone"
fill "$DEMO/nsd.conf.in" "$d/nsd.conf"
sed "s|^\(    zonefile: \"$d/example.test.zone\"\)\$|\1\n    provide-xfr: 198.51.100.0/24 NOKEY|" "$d/nsd.conf" >"$d/nsd-leaky.conf"
grep -q provide-xfr "$d/nsd-leaky.conf" || lab_fail "nsd-leaky.conf lacks provide-xfr"
lab_scanner_bg nsd -d -c "$d/nsd-leaky.conf"
nsd_pid=${LAB_PIDS[-1]}
ip -n "$LAB_NS_SCANNER" addr add 198.51.100.54/24 dev veth-s
lab_scanner_bg "$LAB_PY" "$LAB_DIR/../fixtures/ct/ct_server.py" 198.51.100.54 8080 \
    "$LAB_DIR/../fixtures/ct/crtsh-example.test.json" example.test
fill "$FIX/cdn-nginx.conf.in" "$d/cdn.conf"
lab_scanner_bg nginx -p "$d" -c "$d/cdn.conf" -e "$d/cdn-error.log"
fill "$FIX/origin-leaky.conf.in" "$d/origin.conf"
lab_target_bg nginx -p "$d" -c "$d/origin.conf" -e "$d/origin-error.log"
lab_wait_tcp "$LAB_NS_SCANNER" 198.51.100.53 53
lab_wait_tcp "$LAB_NS_SCANNER" 198.51.100.200 443
lab_wait_tcp "$LAB_NS_TARGET" 127.0.0.1 8443
lab_wait_tcp "$LAB_NS_SCANNER" 198.51.100.201 80
lab_wait_tcp "$LAB_NS_SCANNER" 198.51.100.54 8080
printf '198.51.100.200/32\n2001:db8:1::200/128\n' >"$d/cdn-ranges.txt"
printf 'www\ndev\nstaging\nmail\n' >"$d/words.txt"

# run NAME: exposcan leak from the scanner namespace, JSON + text into $d; sets RC.
run() {
    RC=0
    lab_scan leak --domain example.test --origin 198.51.100.10 --origin 2001:db8:1::10 --old-origin 198.51.100.11 \
        --dns-server 198.51.100.53 --cdn-ranges "$d/cdn-ranges.txt" --cdn-ca "$d/site.crt" --wordlist "$d/words.txt" \
        --path /status --near 198.51.100.8/29 --near 198.51.100.200/29 \
        --ct-url http://198.51.100.54:8080/ --format "json=$d/$1.json" --format "text=$d/$1.txt" 2>"$d/$1.err" || RC=$?
    [[ -s $d/$1.json ]] || { cat "$d/$1.err"; lab_fail "$1: no JSON report (exit $RC)"; }
}
q() { "$LAB_PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$d/$1.json"; }
# expect NAME RULE LOCATION-SUBSTRING FIX-SUBSTRING: a finding of RULE whose location has the substring.
expect() {
    local got
    got=$(q "$1" "[f['fix'] for f in d['findings'] if f['rule']=='$2' and '$3' in f['location']]")
    [[ $got == *"$4"* ]] || { cat "$d/$1.txt"; lab_fail "$1: no $2 finding at $3 with fix '$4' (got $got)"; }
}

t0=$SECONDS
run leaky
[[ $RC == 1 ]] || { cat "$d/leaky.txt" "$d/leaky.err"; lab_fail "leaky: exit $RC, want 1"; }
expect leaky leak.http.header "https://example.test/about#x-upstream" "proxy_hide_header"
expect leaky leak.http.body "https://example.test/status" "error pages"
expect leaky origin.no-client-cert "tls 198.51.100.10 SNI" "Authenticated Origin Pulls"
expect leaky origin.no-client-cert "tls [2001:db8:1::10]:8443" "ssl_verify_client on"
expect leaky origin.serves-directly "https://example.test:8443/ @198.51.100.10" "Authenticated Origin Pulls"
expect leaky origin.serves-directly "https://example.test:8443/ @2001:db8:1::10" "Authenticated Origin Pulls"
expect leaky origin.favicon "http://198.51.100.10/favicon.ico" "default_server"
expect leaky origin.old-address "@198.51.100.11" "rotate"
expect leaky origin.near-address "http://example.test/ @198.51.100.12" "default_server"
expect leaky origin.near-address "https://example.test/ @198.51.100.12" "default_server"
expect leaky leak.dns.txt "dns://example.test#198.51.100.10" "TXT record"
expect leaky leak.dns.https "dns://example.test#2001:db8:1::10" "hints"
expect leaky leak.dns.axfr "ns1.provider.test" "provide-xfr"
expect leaky leak.ct.name "dns://certonly.example.test#198.51.100.10" "CT logs"
subs=$(q leaky "sorted(f['location'] for f in d['findings'] if f['rule']=='leak.dns.subdomain')")
[[ $subs == "['dns://*.example.test#198.51.100.11']" ]] ||
    lab_fail "leaky: the wildcard zone gave subdomain findings $subs, want only *.example.test"
q leaky "[c['detail'] for c in d['leak']['checks'] if c['check']=='dns.https' and c['value']=='2001:db8:1::10']" |
    grep -q 'SVCB ipv6hint' || lab_fail "leaky: the ipv6hint was not read from the SVCB record"
near=$(q leaky "sorted({f['location'].split('@')[-1].split('#')[0] for f in d['findings'] if f['rule']=='origin.near-address'})")
[[ $near == "['198.51.100.12']" ]] || lab_fail "leaky: --near findings at $near, want only 198.51.100.12"
# A block where nothing answers (no route, or dropped) proves nothing: inconclusive, not clean.
RC=0
lab_scan leak --domain example.test --origin 198.51.100.10 --dns-server 198.51.100.53 --cdn-ranges "$d/cdn-ranges.txt" \
    --cdn-ca "$d/site.crt" --wordlist "$d/words.txt" --no-axfr --near 203.0.113.0/29 \
    --format "json=$d/near-dark.json" 2>"$d/near-dark.err" || RC=$?
[[ $RC != 0 ]] || lab_fail "near-dark: exit 0 with a --near block where nothing answered"
q near-dark "d['inconclusive']" | grep -q "203.0.113.0/29.*not shown to be alive" ||
    lab_fail "near-dark: no inconclusive line for the silent block: $(q near-dark "d['inconclusive']")"
q leaky "[c['detail'] for c in d['leak']['checks'] if c['check']=='origin.near-address' and c['subject'].startswith('198.51.100.8/29')]" |
    grep -q 'asked 13 addresses' || lab_fail "leaky: the --near sweep's line: $(q leaky "[c for c in d['leak']['checks'] if c['check']=='origin.near-address']")"
# The crawl followed the home page's same-site links (and only those).
pages=$(q leaky "sorted(c['subject'] for c in d['leak']['checks'] if c['check']=='http.cdn')")
[[ $pages == *"https://example.test/terms"* && $pages != *elsewhere* ]] || lab_fail "leaky: crawl pages $pages"
q leaky "[c['detail'] for c in d['leak']['checks'] if c['check']=='http.favicon']" | grep -q 'http.favicon.hash:' ||
    lab_fail "leaky: no favicon query"
grep -q 'http.favicon.hash:' "$d/leaky.txt" || lab_fail "leaky: the text report does not print the favicon query"
echo "leaky: $(q leaky "len(d['findings'])") findings in $((SECONDS - t0)) s"

# --- lock the origin down: client certificates, reject unknown SNI, no leaks, 80 only from the CDN;
# the zone fixed (no TXT literal, SVCB or certonly) and transfers refused
kill "$nsd_pid"
wait "$nsd_pid" 2>/dev/null || true
cp "$DEMO/example.test.fixed.zone" "$d/example.test.zone"
lab_scanner_bg nsd -d -c "$d/nsd.conf"
lab_wait_tcp "$LAB_NS_SCANNER" 198.51.100.53 53
fill "$FIX/origin-locked.conf.in" "$d/origin.conf"
lab_in_target nginx -p "$d" -c "$d/origin.conf" -e "$d/origin-error.log" -s reload
lab_target_nft "
table inet fw {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport 80 ip saddr != 198.51.100.200 reject with tcp reset
    meta nfproto ipv6 tcp dport 80 reject with tcp reset
  }
}"
# A reload starts new workers before the old ones stop accepting: one answer from a new worker
# is not the end of the old config (a CI run once met an old worker's default certificate).
# Wait until 5 answers in a row, over both families, come from the locked config.
locked_now() {
    local a
    for a in 198.51.100.10 '[2001:db8:1::10]'; do
        lab_in_scanner curl -sk -o /dev/null -w '%{http_code}' --resolve "example.test:443:$a" \
            https://example.test/ 2>/dev/null | grep -q '^200$' && return 1  # no client certificate asked
        lab_in_scanner curl -sk -o /dev/null --resolve "nosuch.invalid:443:$a" https://nosuch.invalid/ \
            2>/dev/null && return 1  # unknown SNI not refused
    done
    return 0
}
in_row=0
for ((i = 0; i < 100 && in_row < 5; i++)); do
    if locked_now; then in_row=$((in_row + 1)); else in_row=0; sleep 0.1; fi
done
((in_row == 5)) || lab_fail "locked: the reloaded nginx did not settle on the locked config in 10 s"
t0=$SECONDS
run locked
[[ $RC == 0 ]] || { cat "$d/locked.txt" "$d/locked.err"; lab_fail "locked: exit $RC, want 0"; }
[[ $(q locked "len(d['findings'])") == 0 ]] || lab_fail "locked: findings $(q locked "[f['rule'] for f in d['findings']]")"
[[ $(q locked "len([c for c in d['leak']['checks'] if c['check']=='origin.no-client-cert' and c['verdict']=='clean'])") -ge 4 ]] ||
    lab_fail "locked: client-certificate checks not clean: $(q locked "[c for c in d['leak']['checks'] if c['check']=='origin.no-client-cert']")"
echo "locked: 0 findings in $((SECONDS - t0)) s"

# --- egress: the listener in the "internet", a fetch of its URL from the origin (exit 1), then one
# through a proxy in the CDN's ranges (exit 0).
# egress NAME NS CURL-ARGS...: runs the audit with the listener, fetches its URL from NS; sets RC.
egress() {
    local name=$1 ns=$2 url="" i
    shift 2
    lab_scan leak --domain example.test --origin 198.51.100.10 --no-http --dns-server 198.51.100.53 \
        --cdn-ranges "$d/cdn-ranges.txt" --wordlist "$d/words.txt" --egress-listen 198.51.100.1:8099 \
        --egress-timeout 20 --format "json=$d/$name.json" --format "text=$d/$name.txt" 2>"$d/$name.err" &
    local pid=$!
    for ((i = 0; i < 100; i++)); do
        url=$(grep -o 'http://198.51.100.1:8099/exposcan-egress-[0-9a-f]*' "$d/$name.err" || true)
        [[ -n $url ]] && break
        sleep 0.1
    done
    [[ -n $url ]] || { kill "$pid"; cat "$d/$name.err"; lab_fail "$name: no egress URL printed"; }
    ip netns exec "$ns" curl -s -o /dev/null "$@" "$url" || lab_fail "$name: the fetch of $url failed"
    RC=0
    wait "$pid" || RC=$?
}
egress egress-origin "$LAB_NS_TARGET"
[[ $RC == 1 ]] || { cat "$d/egress-origin.txt"; lab_fail "egress-origin: exit $RC, want 1"; }
expect egress-origin leak.egress "exposcan-egress-" "proxy"
egress egress-proxy "$LAB_NS_SCANNER" --interface 198.51.100.200
[[ $RC == 0 ]] || { cat "$d/egress-proxy.txt"; lab_fail "egress-proxy: exit $RC, want 0"; }
echo "egress: the origin's fetch found, the proxied one clean"
echo PASS
