#!/usr/bin/env bash
# demo-lab.sh [exposcan check options...]: the whole story of docs/lab.md
# "Demo" -- an origin behind a CDN with the classic mistakes, found by one
# `exposcan check`, fixed, and checked again: exit 1 -> 0. Root only; every
# address lives in namespaces this script creates and removes.
#
#   "internet" ns (scanner) 198.51.100.1, 2001:db8:1::1    exposcan runs here
#       CDN edge (nginx)    198.51.100.200, 2001:db8:1::200 TLS for example.test, proxies to the origin
#       DNS (nsd)           198.51.100.53                   example.test, its reverse zone, provider.test
#   origin ns               198.51.100.10, 2001:db8:1::10
#       firewall (ufw-like) input drop; 25 reset; 80/443 only from the CDN
#       nginx :80           the site, echoing its own address in a header      (mistake 1)
#       redis :6379         no auth; the v4 rule allows only the VPN, its v6
#                           twin forgot the source: open on IPv6 only         (mistake 2)
#       Docker-style DNAT   9200 -> container 203.0.113.2 (Elasticsearch-like,
#                           no auth), forwarded past the input chain          (mistake 3)
#   DNS: MX + SPF + direct. point at the origin, its PTR names the site      (mistake 4)
#
# Env: DEMO_PORTS (default 1-65535; tests scan fewer), DEMO_REPORT_DIR (if set,
# each run also writes before.json / after.json there).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_cmd nft nsd nginx redis-server openssl curl
lab_require_exposcan

FIX=$LAB_DIR/../fixtures/demo
ports=${DEMO_PORTS:-1-65535}
lab_create demo
d=$LAB_TMP

say() { echo "$*" >&2; }
fill() { sed -e "s|@DIR@|$d|g" -e "s|@FIX@|$FIX|g" "$1" >"$2"; }

# --- the "internet": CDN edge and DNS share the scanner's link
ip -n "$LAB_NS_SCANNER" addr add 198.51.100.200/24 dev veth-s
ip -n "$LAB_NS_SCANNER" addr add 198.51.100.53/24 dev veth-s
# preferred_lft 0: never chosen as the source of the scanner's own v6 packets
# (the origin would take the scanner for the CDN; v4 uses the primary address).
ip -n "$LAB_NS_SCANNER" addr add 2001:db8:1::200/64 dev veth-s nodad preferred_lft 0
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=example.test" \
    -addext "subjectAltName=DNS:example.test,DNS:www.example.test" \
    -keyout "$d/cdn.key" -out "$d/cdn.crt" >/dev/null 2>&1 || lab_fail "openssl req failed"
mkdir -p "$d"/{cdn,origin}-{body,proxy,fastcgi,uwsgi,scgi}
cp "$FIX/example.test.zone" "$d/example.test.zone"
cp "$FIX/reverse.zone" "$d/reverse.zone"
fill "$FIX/nsd.conf.in" "$d/nsd.conf"
start_nsd() {
    lab_scanner_bg nsd -d -c "$d/nsd.conf"
    NSD_PID=${LAB_PIDS[-1]}
    lab_wait_tcp "$LAB_NS_SCANNER" 198.51.100.53 53
}
start_nsd
fill "$FIX/cdn-nginx.conf.in" "$d/cdn.conf"
lab_scanner_bg nginx -p "$d" -c "$d/cdn.conf" -e "$d/cdn-error.log"

# --- the origin
c=$(_lab_ns_name demo c)
_lab_add_ns "$c"
_lab_link "$LAB_NS_TARGET" docker0 203.0.113.1/24 2001:db8:d0c::1/64 "$c" eth0 203.0.113.2/24 2001:db8:d0c::2/64
ip -n "$c" route add default via 203.0.113.1
lab_in_target sysctl -qw net.ipv4.ip_forward=1
firewall() {  # firewall FIXED(0|1): the origin's whole ruleset, before or after the fixes
    local redis6='meta nfproto ipv6 tcp dport 6379 accept       # v6 twin of the VPN rule: source forgotten'
    local docker_user=''
    if (($1)); then
        redis6='ip6 saddr fd00:8::/64 tcp dport 6379 accept      # fixed: the VPN only, as on v4'
        docker_user='iifname "veth-t" tcp dport 9200 drop      # fixed: DOCKER-USER-style drop'
    fi
    lab_target_nft "
flush ruleset
table inet ufw {
  chain input {
    type filter hook input priority 0; policy drop;
    iif lo accept
    ct state established,related accept
    meta l4proto { icmp, ipv6-icmp } accept
    tcp dport 25 reject with tcp reset
    ip saddr 198.51.100.200 tcp dport { 80, 443 } accept
    ip6 saddr 2001:db8:1::200 tcp dport { 80, 443 } accept
    ip saddr 10.8.0.0/16 tcp dport 6379 accept
    $redis6
  }
}
table ip docker {
  chain prerouting {
    type nat hook prerouting priority dstnat; policy accept;
    tcp dport 9200 dnat to 203.0.113.2:9200
  }
  chain forward {
    type filter hook forward priority 0; policy accept;
    $docker_user
  }
}"
}
firewall 0
ip netns exec "$c" "$LAB_PY" "$LAB_DIR/tools/fake_es.py" 9200 &
LAB_PIDS+=($!)
lab_target_bg redis-server --port 6379 --bind '* -::*' --protected-mode no --save '' --appendonly no \
    --dir "$d" --logfile "$d/redis.log"
fill "$FIX/origin-nginx.conf.in" "$d/origin.conf"
lab_target_bg nginx -p "$d" -c "$d/origin.conf" -e "$d/origin-error.log"
lab_wait_tcp "$LAB_NS_SCANNER" 198.51.100.200 443
lab_wait_tcp "$LAB_NS_TARGET" 127.0.0.1 6379
lab_wait_tcp "$LAB_NS_TARGET" 127.0.0.1 80
lab_wait_tcp "$c" 127.0.0.1 9200

# --- the policy: what the admin believes
echo "198.51.100.200/32
2001:db8:1::200/128" >"$d/cdn-ranges.txt"
cat >"$d/origin.yaml" <<EOF
# exposcan policy of the demo origin (docs/policy.md)
canary: ["198.51.100.10:25", "[2001:db8:1::10]:25"]   # 25 answers (closed) from here: the path is alive
targets:
  - name: origin
    addresses: [198.51.100.10, "2001:db8:1::10"]
    domain: example.test          # audit DNS, HTTP and TLS for origin leaks
    cdn: $d/cdn-ranges.txt        # the CDN's ranges (Cloudflare's are built in)
    ports: "$ports"
    expect:
      default: filtered           # only the CDN may reach 80/443; SSH is behind the provider's firewall
      closed: [25]                # SMTP answers with a reset
    services: deny-unauthenticated
EOF

# check NAME ARGS...: one `exposcan check` of the policy, text to stderr (the
# story), the user's extra options after ours; sets RC.
check() {
    local name=$1 report=()
    shift
    [[ -n ${DEMO_REPORT_DIR:-} ]] && report=(--format text --format "json=$DEMO_REPORT_DIR/$name.json")
    say ""
    say "\$ exposcan check origin.yaml --dns-server 198.51.100.53 --cdn-ca cdn.crt $*"
    RC=0
    lab_scan check "$d/origin.yaml" --dns-server 198.51.100.53 --cdn-ca "$d/cdn.crt" "${report[@]}" "$@" || RC=$?
    say "exit code: $RC (0 clean, 1 findings, 2 inconclusive, 3 usage error)"
}

cat >&2 <<INFO

== exposcan demo: an origin server behind a CDN, rebuilt in network namespaces on this machine
   origin 198.51.100.10 / 2001:db8:1::10; CDN edge 198.51.100.200; DNS 198.51.100.53
   The admin's intent (origin.yaml): everything filtered, SMTP 25 closed, only the CDN on 80/443,
   no unauthenticated service, nothing in DNS/HTTP/TLS that gives the origin away.
   What really happened: a header echoes the origin's address, Redis is open on IPv6 only,
   Docker published Elasticsearch past the firewall, and MX/SPF/direct./PTR name the origin.
INFO
check before "$@"
before=$RC

cat >&2 <<INFO

== Applying the fixes the findings name:
   - Docker: drop outside traffic to 9200 in the forward path (DOCKER-USER-style rule)
   - Redis: the IPv6 rule gets the same source restriction as the IPv4 one
   - DNS: MX and SPF to the mail provider, direct. removed, PTR to the provider's neutral name
   - origin web server: the X-Backend-Server header is gone
INFO
firewall 1
cp "$FIX/example.test.fixed.zone" "$d/example.test.zone"
cp "$FIX/reverse.fixed.zone" "$d/reverse.zone"
kill "$NSD_PID" && wait "$NSD_PID" 2>/dev/null || true
start_nsd
sed -i '/DEMO-LEAK/d' "$d/origin.conf"
lab_in_target nginx -p "$d" -c "$d/origin.conf" -e "$d/origin-error.log" -s reload
for ((i = 0; i < 50; i++)); do  # until the reloaded worker answers without the header
    lab_in_scanner curl -s -o /dev/null -D - --resolve example.test:443:198.51.100.200 --cacert "$d/cdn.crt" \
        https://example.test/ 2>/dev/null | grep -qi x-backend-server || break
    sleep 0.1
done

check after "$@"
after=$RC
say ""
say "== before the fixes: exit $before; after: exit $after  (1 = findings, 0 = clean)"
say "== cleaning up: namespaces, servers and temp files of this demo are removed"
[[ $before == 1 && $after == 0 ]]
