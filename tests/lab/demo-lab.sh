#!/usr/bin/env bash
# demo-lab.sh [exposcan scan options...]: the scenario of docs/lab.md "Demo",
# rebuilt in network namespaces, scanned from outside with exposcan. Root only.
#
#   scanner ns 198.51.100.1 ── origin ns 198.51.100.10 ── container ns 203.0.113.2
#   origin firewall (ufw-like, table inet ufw): input policy drop; 25 reset;
#     80/443 only from the CDN (198.51.100.200, 2001:db8:1::200)
#   Docker-style publish of 9200: DNAT in prerouting to the container, forward
#     accepted -- the packet never reaches ufw's input chain ("ufw says blocked,
#     the world sees open"). An unauthenticated Elasticsearch look-alike listens.
#
# Env: DEMO_PORTS (default 1-65535) -- the tests scan fewer.
# Expected: 25 closed (expected), 80/443 filtered, 9200 OPEN -> finding, exit 1.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
lab_require_root
lab_require_cmd nft
lab_require_exposcan

ports=${DEMO_PORTS:-1-65535}
lab_create demo
c=$(_lab_ns_name demo c)
_lab_add_ns "$c"
_lab_link "$LAB_NS_TARGET" docker0 203.0.113.1/24 2001:db8:d0c::1/64 "$c" eth0 203.0.113.2/24 2001:db8:d0c::2/64
ip -n "$c" route add default via 203.0.113.1
ip -n "$c" -6 route add default via 2001:db8:d0c::1
lab_in_target sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1

lab_target_nft "
table inet ufw {
  chain input {
    type filter hook input priority 0; policy drop;
    iif lo accept
    ct state established,related accept
    meta l4proto { icmp, ipv6-icmp } accept
    tcp dport 25 reject with tcp reset
    ip saddr 198.51.100.200 tcp dport { 80, 443 } accept
    ip6 saddr 2001:db8:1::200 tcp dport { 80, 443 } accept
  }
}
table inet docker {
  chain prerouting {
    type nat hook prerouting priority dstnat; policy accept;
    tcp dport 9200 dnat ip to 203.0.113.2:9200
    tcp dport 9200 dnat ip6 to [2001:db8:d0c::2]:9200
  }
  chain forward {
    type filter hook forward priority 0; policy accept;
  }
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
  }
}"
ip netns exec "$c" "$LAB_PY" "$LAB_DIR/tools/fake_es.py" 9200 &
LAB_PIDS+=($!)
lab_listen 80 443  # the web server: only the CDN may reach it
for ((i = 0; i < 50; i++)); do
    ip netns exec "$c" bash -c 'exec 3<>/dev/tcp/127.0.0.1/9200' 2>/dev/null && break
    sleep 0.1
done

# The story goes to stderr, so stdout is exactly exposcan's output (e.g. --format json).
cat >&2 <<INFO

== exposcan demo: an origin server behind a CDN, rebuilt in network namespaces
   origin $LAB_T4 / $LAB_T6: ufw-like firewall drops everything, SMTP 25 answers with a reset,
   80/443 accept only the CDN; Docker publishes Elasticsearch on 9200 past the firewall.
   Policy: everything filtered, 25 closed (--expect-closed 25).

\$ exposcan scan $LAB_T4 $LAB_T6 -p $ports --expect-closed 25 $*
INFO
rc=0
lab_scan scan "$LAB_T4" "$LAB_T6" -p "$ports" --expect-closed 25 "$@" || rc=$?
echo >&2
echo "exit code: $rc (0 clean, 1 findings, 2 inconclusive, 3 usage error)" >&2
exit "$rc"
