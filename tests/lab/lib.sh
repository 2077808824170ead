# shellcheck shell=bash
# tests/lab/lib.sh -- network-namespace lab for exposcan's end-to-end tests.
# Source it; needs root. Nothing here touches the root namespace's links or
# addresses: every link is created directly inside a namespace we created.
#
# API (details: docs/lab.md)
#   lab_require_root                 exit 77 (ctest "skipped") with a message unless root
#   lab_require_cmd CMD...           exit 77 unless every CMD is installed
#   lab_create NAME [--routed]       scanner ns <-> target ns over a veth pair; --routed puts a
#                                    router ns in between (needed by lab_delay). Sets:
#       LAB_NS_SCANNER LAB_NS_TARGET [LAB_NS_ROUTER]   namespace names (xs-NAME-s-$$ ...)
#       LAB_S4 LAB_S6                scanner addresses (default 198.51.100.1, 2001:db8:1::1)
#       LAB_T4 LAB_T6                target addresses  (default 198.51.100.10, 2001:db8:1::10;
#                                    routed: 203.0.113.10, 2001:db8:2::10)
#       LAB_TMP                      private temp dir, removed by lab_destroy
#     Override defaults by setting LAB_S4/LAB_S6/LAB_T4/LAB_T6 before lab_create.
#   lab_target_addr ADDR/PREFIX      add another address to the target's link
#   lab_target_nft RULESET           load an nft ruleset (text) into the target ns (replaces ours)
#   lab_target_rules DEFAULT [RULE...]  build + load an input filter. DEFAULT and each RULE's
#                                    ACTION are one of: drop accept reset admin hostunreach netunreach
#                                    RULE = "ACTION PORTS" or "v4:ACTION PORTS" / "v6:ACTION PORTS",
#                                    PORTS in nft syntax without braces: 25  or  80,443  or  1000-1010
#                                    (drop -> filtered/no-response, reset -> closed/conn-refused,
#                                    admin -> icmp(v6) admin-prohibited, hostunreach -> icmp
#                                    host-unreachable / icmpv6 addr-unreachable, netunreach -> icmp
#                                    net-unreachable / icmpv6 no-route, accept -> open if listened)
#   lab_listen PORT...               TCP listeners (v4+v6) in the target ns; accept and close
#   lab_target_bg CMD...             run CMD in the background in the target ns (killed at destroy)
#   lab_scanner_bg CMD...            same, in the scanner ns
#   lab_in_target CMD... / lab_in_scanner CMD...   run CMD in that ns (foreground)
#   lab_scan ARGS...                 $EXPOSCAN ARGS... inside the scanner ns
#   lab_nmap ARGS...                 nmap ARGS... inside the scanner ns
#   lab_loss PCT                     drop PCT% of packets entering the target ns (nft numgen)
#   lab_loss_path PCT                drop PCT% of packets each way in the router ns (routed labs;
#                                    scanner->target and target->scanner, nft numgen)
#   lab_delay MS                     add MS ms of round-trip delay (routed labs only; TUN forwarder)
#   lab_destroy                      kill our processes, delete our namespaces and LAB_TMP.
#                                    Registered as an EXIT/INT/TERM trap by lab_create; a script that
#                                    sets its own EXIT trap must call lab_destroy from it.
#   lab_defer CMD                    run CMD (a string) during lab_destroy, before namespaces go
#   lab_log MSG / lab_fail MSG       print to stderr / print and exit 1
set -o pipefail

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB_PY=/usr/bin/python3
LAB_PIDS=()
LAB_NAMESPACES=()
LAB_DEFERRED=()
LAB_TMP=""

lab_log() { echo "lab: $*" >&2; }
lab_fail() { echo "lab: FAIL: $*" >&2; exit 1; }

lab_require_root() {
    if [[ $(id -u) -ne 0 ]]; then
        echo "lab: skipped: needs root (network namespaces, nftables)" >&2
        exit 77
    fi
}

lab_require_cmd() {
    local c
    for c in "$@"; do
        command -v "$c" >/dev/null 2>&1 || { echo "lab: skipped: '$c' not installed" >&2; exit 77; }
    done
}

# Picks a namespace name nobody uses yet: xs-<name>-<role>-<pid>[-n].
_lab_ns_name() {
    local base="xs-$1-$2-$$" name n=0
    name=$base
    while [[ -e /run/netns/$name ]]; do n=$((n + 1)); name="$base-$n"; done
    echo "$name"
}

_lab_add_ns() {
    ip netns add "$1" || lab_fail "cannot create namespace $1"
    LAB_NAMESPACES+=("$1")
    ip -n "$1" link set lo up
    # nodad-like: addresses usable at once, no 2 s DAD wait.
    ip netns exec "$1" sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
}

# _lab_link NS_A IF_A ADDR4_A ADDR6_A NS_B IF_B ADDR4_B ADDR6_B  (addresses with prefix)
_lab_link() {
    ip link add "$2" netns "$1" type veth peer name "$6" netns "$5" || lab_fail "cannot create veth in $1/$5"
    ip -n "$1" addr add "$3" dev "$2"
    ip -n "$1" addr add "$4" dev "$2" nodad
    ip -n "$5" addr add "$7" dev "$6"
    ip -n "$5" addr add "$8" dev "$6" nodad
    ip -n "$1" link set "$2" up
    ip -n "$5" link set "$6" up
}

# Target-side kernel settings: ICMP errors unlimited so a scan of many
# rejected ports gets an answer for each (the default rate limit would turn
# some admin-prohibited ports into silent ones, a lab artefact).
_lab_tune_target() {
    ip netns exec "$LAB_NS_TARGET" sysctl -qw net.ipv4.icmp_ratelimit=0 net.ipv4.icmp_msgs_per_sec=100000 \
        net.ipv4.icmp_msgs_burst=100000 net.ipv6.icmp.ratelimit=0 net.core.somaxconn=4096 2>/dev/null || true
}

# Waits until the target answers ping on both families: the first IPv6
# neighbour resolution takes ~1 s, which would otherwise skew the scanner's
# first RTT samples (and fail a test that starts at once).
_lab_wait_reachable() {
    local a i
    for a in "$LAB_T4" "$LAB_T6"; do
        for ((i = 0; i < 50; i++)); do
            ip netns exec "$LAB_NS_SCANNER" ping -c1 -W1 -q "$a" >/dev/null 2>&1 && break
        done
        ((i < 50)) || lab_fail "target $a not reachable from the scanner namespace"
    done
}

lab_create() {
    local name=${1:?lab_create NAME [--routed]} routed=0
    [[ ${2:-} == --routed ]] && routed=1
    trap lab_destroy EXIT
    trap 'lab_destroy; exit 130' INT
    trap 'lab_destroy; exit 143' TERM
    LAB_TMP=$(mktemp -d "/tmp/xs-lab-$name.XXXXXX")
    LAB_NS_SCANNER=$(_lab_ns_name "$name" s); _lab_add_ns "$LAB_NS_SCANNER"
    LAB_NS_TARGET=$(_lab_ns_name "$name" t); _lab_add_ns "$LAB_NS_TARGET"
    LAB_S4=${LAB_S4:-198.51.100.1}
    LAB_S6=${LAB_S6:-2001:db8:1::1}
    if ((routed)); then
        LAB_T4=${LAB_T4:-203.0.113.10}
        LAB_T6=${LAB_T6:-2001:db8:2::10}
        LAB_NS_ROUTER=$(_lab_ns_name "$name" r); _lab_add_ns "$LAB_NS_ROUTER"
        ip netns exec "$LAB_NS_ROUTER" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
        _lab_link "$LAB_NS_SCANNER" veth-s "$LAB_S4/24" "$LAB_S6/64" \
            "$LAB_NS_ROUTER" veth-rs 198.51.100.254/24 2001:db8:1::fe/64
        _lab_link "$LAB_NS_TARGET" veth-t "$LAB_T4/24" "$LAB_T6/64" \
            "$LAB_NS_ROUTER" veth-rt 203.0.113.254/24 2001:db8:2::fe/64
        ip -n "$LAB_NS_SCANNER" route add default via 198.51.100.254
        ip -n "$LAB_NS_SCANNER" -6 route add default via 2001:db8:1::fe
        ip -n "$LAB_NS_TARGET" route add default via 203.0.113.254
        ip -n "$LAB_NS_TARGET" -6 route add default via 2001:db8:2::fe
    else
        LAB_NS_ROUTER=""
        LAB_T4=${LAB_T4:-198.51.100.10}
        LAB_T6=${LAB_T6:-2001:db8:1::10}
        _lab_link "$LAB_NS_SCANNER" veth-s "$LAB_S4/24" "$LAB_S6/64" \
            "$LAB_NS_TARGET" veth-t "$LAB_T4/24" "$LAB_T6/64"
    fi
    _lab_tune_target
    _lab_wait_reachable
    export LAB_NS_SCANNER LAB_NS_TARGET LAB_NS_ROUTER LAB_S4 LAB_S6 LAB_T4 LAB_T6 LAB_TMP
    lab_log "created $LAB_NS_SCANNER ($LAB_S4 $LAB_S6) -> $LAB_NS_TARGET ($LAB_T4 $LAB_T6)${LAB_NS_ROUTER:+ via $LAB_NS_ROUTER}"
}

lab_target_addr() {
    if [[ $1 == *:* ]]; then ip -n "$LAB_NS_TARGET" addr add "$1" dev veth-t nodad
    else ip -n "$LAB_NS_TARGET" addr add "$1" dev veth-t; fi
}

lab_in_target() { ip netns exec "$LAB_NS_TARGET" "$@"; }
lab_in_scanner() { ip netns exec "$LAB_NS_SCANNER" "$@"; }

# lab_wait_tcp NS HOST PORT: until something in namespace NS accepts on HOST:PORT (10 s).
lab_wait_tcp() {
    local i
    for ((i = 0; i < 100; i++)); do
        ip netns exec "$1" "$LAB_PY" -c "import socket,sys; socket.create_connection((sys.argv[1], int(sys.argv[2])), 0.2).close()" \
            "$2" "$3" 2>/dev/null && return 0
        sleep 0.1
    done
    lab_fail "nothing accepts on $2:$3 in $1"
}

lab_target_bg() {
    ip netns exec "$LAB_NS_TARGET" "$@" &
    LAB_PIDS+=($!)
}
lab_scanner_bg() {
    ip netns exec "$LAB_NS_SCANNER" "$@" &
    LAB_PIDS+=($!)
}

lab_target_nft() {
    ip netns exec "$LAB_NS_TARGET" nft -f - <<<"$1" || lab_fail "nft ruleset rejected"
}

# One nft statement for ACTION, or fails on an unknown action.
_lab_verdict() {
    local fam=$1 action=$2
    case $action in
        drop) echo drop ;;
        accept) echo accept ;;
        reset) echo "reject with tcp reset" ;;
        admin) [[ $fam == 6 ]] && echo "reject with icmpv6 type admin-prohibited" ||
               echo "reject with icmp type admin-prohibited" ;;
        hostunreach) [[ $fam == 6 ]] && echo "reject with icmpv6 type addr-unreachable" ||
                     echo "reject with icmp type host-unreachable" ;;
        netunreach) [[ $fam == 6 ]] && echo "reject with icmpv6 type no-route" ||
                    echo "reject with icmp type net-unreachable" ;;
        *) lab_fail "unknown lab action '$action'" ;;
    esac
}

# Prints the nft rule lines for one "[v4:|v6:]ACTION PORTS" spec.
_lab_rule_lines() {
    local spec=$1 fams="4 6" action ports f
    if [[ $spec == v4:* ]]; then fams=4; spec=${spec#v4:}; fi
    if [[ $spec == v6:* ]]; then fams=6; spec=${spec#v6:}; fi
    action=${spec%% *}; ports=${spec#* }
    for f in $fams; do
        local match="meta nfproto ipv4"; [[ $f == 6 ]] && match="meta nfproto ipv6"
        echo "    $match tcp dport { $ports } $(_lab_verdict "$f" "$action")"
    done
}

lab_target_rules() {
    local default=${1:?lab_target_rules DEFAULT [RULE...]}; shift
    local rules="" spec
    for spec in "$@"; do rules+=$(_lab_rule_lines "$spec")$'\n'; done
    local tail4 tail6
    tail4=$(_lab_verdict 4 "$default"); tail6=$(_lab_verdict 6 "$default")
    # Non-TCP traffic (ARP is not in inet; ICMPv6 carries neighbour discovery) is accepted so
    # the filter only shapes what a TCP scan sees. The loss rule, if any, lives in its own table.
    lab_target_nft "table inet xs_lab
delete table inet xs_lab
table inet xs_lab {
  chain input {
    type filter hook input priority 0; policy accept;
    iif lo accept
    ct state established,related accept
    meta l4proto != tcp accept
${rules}    meta nfproto ipv4 meta l4proto tcp $tail4
    meta nfproto ipv6 meta l4proto tcp $tail6
  }
}"
}

lab_listen() {
    (($#)) || return 0
    local ready="$LAB_TMP/listen.$RANDOM.ready"
    ip netns exec "$LAB_NS_TARGET" "$LAB_PY" "$LAB_DIR/tools/listen.py" "$ready" "$@" &
    LAB_PIDS+=($!)
    local i
    for ((i = 0; i < 100; i++)); do [[ -e $ready ]] && return 0; sleep 0.05; done
    lab_fail "listeners on $* did not start"
}

lab_scan() { ip netns exec "$LAB_NS_SCANNER" "${EXPOSCAN:?set EXPOSCAN to the exposcan binary}" "$@"; }
lab_nmap() { ip netns exec "$LAB_NS_SCANNER" nmap "$@"; }

lab_loss() {
    local pct=${1:?lab_loss PCT}
    # Own table at a priority before the filter, so it composes with lab_target_rules.
    ip netns exec "$LAB_NS_TARGET" nft -f - <<EOF || lab_fail "cannot add loss rule"
table inet xs_loss
delete table inet xs_loss
table inet xs_loss {
  chain input {
    type filter hook input priority -10; policy accept;
    numgen random mod 100 < $pct drop
  }
}
EOF
}

lab_loss_path() {
    local pct=${1:?lab_loss_path PCT}
    [[ -n $LAB_NS_ROUTER ]] || lab_fail "lab_loss_path needs a routed lab (lab_create NAME --routed)"
    # Matched on the way out to a veth: a packet leaves the router through exactly one veth per
    # direction (the delay line's TUN leg exits to xsdelay and is not counted twice).
    ip netns exec "$LAB_NS_ROUTER" nft -f - <<EOF || lab_fail "cannot add path loss rule"
table inet xs_pathloss
delete table inet xs_pathloss
table inet xs_pathloss {
  chain forward {
    type filter hook forward priority -10; policy accept;
    oifname { "veth-rs", "veth-rt" } numgen random mod 100 < $pct drop
  }
}
EOF
}

lab_defer() { LAB_DEFERRED+=("$1"); }

lab_destroy() {
    local cmd pid ns
    trap - EXIT INT TERM
    for cmd in "${LAB_DEFERRED[@]}"; do eval "$cmd" || true; done
    LAB_DEFERRED=()
    for pid in "${LAB_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    # Anything else still running inside our namespaces was started by us too.
    for ns in "${LAB_NAMESPACES[@]}"; do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    done
    for pid in "${LAB_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    LAB_PIDS=()
    for ns in "${LAB_NAMESPACES[@]}"; do
        for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
        ip netns del "$ns" 2>/dev/null || true
    done
    LAB_NAMESPACES=()
    [[ -n $LAB_TMP && -d $LAB_TMP ]] && rm -rf "$LAB_TMP"
    LAB_TMP=""
    return 0
}

# Builds tests/lab/tools/delayfwd.cpp once per build dir (or into LAB_TMP).
_lab_delayfwd_bin() {
    local dir="${EXPOSCAN_BUILD_DIR:-$LAB_TMP}/lab-tools" src="$LAB_DIR/tools/delayfwd.cpp"
    local bin="$dir/delayfwd"
    if [[ ! -x $bin || $src -nt $bin ]]; then
        mkdir -p "$dir"
        g++ -std=c++20 -O2 -Wall -Wextra -Werror -o "$bin.tmp.$$" "$src" >&2 || lab_fail "cannot build delayfwd"
        mv -f "$bin.tmp.$$" "$bin"
    fi
    echo "$bin"
}

lab_delay() {
    local ms=${1:?lab_delay MS}
    [[ -n $LAB_NS_ROUTER ]] || lab_fail "lab_delay needs a routed lab (lab_create NAME --routed)"
    local bin half=$((ms / 2)) r=$LAB_NS_ROUTER ready="$LAB_TMP/delayfwd.out"
    bin=$(_lab_delayfwd_bin) || exit 1
    # Half the delay each way; a packet crosses the TUN once per direction.
    ip netns exec "$r" "$bin" xsdelay "$half" >"$ready" &
    LAB_PIDS+=($!)
    local i
    for ((i = 0; i < 100; i++)); do grep -q ready "$ready" 2>/dev/null && break; sleep 0.05; done
    ((i < 100)) || lab_fail "delayfwd did not start"
    ip netns exec "$r" sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.xsdelay.rp_filter=0
    # The TUN's queue towards delayfwd holds txqueuelen packets (500 by default): a full scan's
    # SYN bursts overflowed it whenever delayfwd waited for a CPU, and 9-14 % of a lossy
    # bench scan's packets were dropped there on top of the configured loss (the loss
    # estimate read 0.10-0.16 for a real 0.0975). 30,000 holds 0.5 s at 60k packets/s.
    ip -n "$r" link set xsdelay txqueuelen 30000 up
    # Packets from either veth go to the TUN; what the TUN returns uses the main table.
    ip -n "$r" route add default dev xsdelay table 100
    ip -n "$r" -6 route add default dev xsdelay table 100
    local v
    for v in veth-rs veth-rt; do
        ip -n "$r" rule add iif "$v" lookup 100 pref 100
        ip -n "$r" -6 rule add iif "$v" lookup 100 pref 100
    done
    lab_log "added ${ms} ms round-trip delay in $r"
}

# EXPOSCAN is set by ctest; by hand, fall back to the usual build dirs.
lab_require_exposcan() {
    local root
    root=$(cd "$LAB_DIR/../.." && pwd)
    EXPOSCAN=${EXPOSCAN:-${EXPOSCAN_BUILD_DIR:-$root/build}/exposcan}
    [[ -x $EXPOSCAN ]] || lab_fail "exposcan binary not found (set EXPOSCAN): $EXPOSCAN"
    export EXPOSCAN
}

# lab_compare ARGS...: tools/compare.py (exposcan JSON vs nmap XML vs truth).
lab_compare() { "$LAB_PY" "$LAB_DIR/tools/compare.py" "$@"; }

# lab_nmap_xml OUT.xml ARGS...: nmap -sT -Pn --reason with XML output (stdout discarded).
lab_nmap_xml() {
    local out=$1; shift
    lab_nmap -sT -Pn --reason -oX "$out" "$@" >/dev/null
}
