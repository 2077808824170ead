#include "scan/error_map.hpp"

#include <boost/asio/error.hpp>
#include <cerrno>

namespace exposcan::scan {

namespace {

constexpr Outcome answer(PortState state, Reason reason) { return {OutcomeKind::answer, state, reason}; }
constexpr Outcome k_silent{OutcomeKind::silent, PortState::filtered, Reason::no_response};
constexpr Outcome k_local{OutcomeKind::local_error, PortState::filtered, Reason::no_response};
constexpr Outcome k_unsent{OutcomeKind::unsent, PortState::filtered, Reason::no_response};

// Linux turns ICMP into errno (net/ipv4/icmp.c icmp_err_convert, net/ipv6/icmp.c):
//   v4 net-unreach/unknown, net-prohibited, net-tos  -> ENETUNREACH
//   v4 host-unreach, host-prohibited, admin-prohibited (code 13), host-tos -> EHOSTUNREACH
//   v4 port-unreach -> ECONNREFUSED;  v4 host-unknown -> EHOSTDOWN
//   v6 no-route -> ENETUNREACH;  v6 addr-unreach, beyond-scope -> EHOSTUNREACH
//   v6 adm-prohibited, policy-fail, reject-route -> EACCES;  v6 port-unreach -> ECONNREFUSED
// So, exactly like nmap -sT on Linux, a v4 admin-prohibited reads as host-unreach.
Outcome classify_errno(int err) {
    switch (err) {
        case 0: return answer(PortState::open, Reason::syn_ack);
        case ECONNREFUSED: return answer(PortState::closed, Reason::conn_refused);
        case EHOSTUNREACH: return answer(PortState::filtered, Reason::host_unreach);
        case ENETUNREACH: return answer(PortState::filtered, Reason::net_unreach);
        case EACCES: return answer(PortState::filtered, Reason::admin_prohibited);
        // EPERM: no ICMP maps to it; it is our own OUTPUT firewall (netfilter,
        // a cgroup BPF hook) refusing the SYN. The target never saw a packet,
        // so it is no port state (nmap would time out and call it filtered:
        // a false all-clear for a runner that blocks its own egress).
        case EPERM: return k_unsent;
        // nmap: ENOPROTOOPT -> proto-unreach, ENONET -> dest-unreach; model.hpp
        // has no such reasons yet, so these read as the nearest, host-unreach.
        case ENOPROTOOPT:
        case ENONET: return answer(PortState::filtered, Reason::host_unreach);
        case EMFILE:
        case ENFILE:
        case EADDRNOTAVAIL:
        case EADDRINUSE:
        case ENOBUFS:
        case ENOMEM:
        case EAGAIN:
        case ENETDOWN:  // our own interface: nmap bails out, we back off and may give up
        case ENOSPC:    // epoll_ctl: the engine's epoll set is full (max_user_watches)
            return k_local;
        // ETIMEDOUT/EHOSTDOWN: nmap's "no-response"; anything unknown: nmap
        // leaves the probe to time out. Both are silence.
        default: return k_silent;
    }
}

}  // namespace

Outcome classify(const boost::system::error_code& ec) {
    if (!ec) return classify_errno(0);
    if (ec == boost::asio::error::operation_aborted) return k_silent;
    if (ec.category() != boost::system::system_category() && ec.category() != boost::system::generic_category())
        return k_silent;
    return classify_errno(ec.value());
}

}  // namespace exposcan::scan
