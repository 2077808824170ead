#include "scan/route_check.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/ip/udp.hpp>
#include <cerrno>
#include <cstring>

namespace exposcan::scan {

namespace {

bool resource_error(int err) {
    return err == EMFILE || err == ENFILE || err == ENOBUFS || err == ENOMEM || err == EAGAIN;
}

std::string describe(const boost::asio::ip::address& address, int err) {
    auto text = std::string(std::strerror(err));
    auto addr = address.to_string();
    bool v6 = address.is_v6();
    switch (err) {
        case EAFNOSUPPORT: return v6 ? "no IPv6 on this runner (the kernel has IPv6 disabled)" : text;
        case ENETUNREACH:
        case EADDRNOTAVAIL:
            return v6 ? "no IPv6 route on this runner (" + text + ")"
                      : "no route to " + addr + " on this runner (" + text + ")";
        case EACCES: return addr + " is a broadcast address on this runner; a TCP connect cannot be sent to it";
        case EHOSTUNREACH: return "this runner's routing table rejects " + addr + " (unreachable route: " + text + ")";
        case EINVAL: return "this runner's routing table drops " + addr + " (blackhole route)";
        case EPERM: return "this runner's routing policy forbids " + addr + " (prohibit route: " + text + ")";
        default: return "cannot send to " + addr + " from this runner (" + text + ")";
    }
}

// One UDP socket per family and thread, connected again for each address
// (each connect() is a fresh route lookup): socket + close per check were a
// fifth of a 16,384-target run, which checks every target before and after.
struct RouteSockets {
    int v4 = -1;
    int v6 = -1;
    RouteSockets() = default;
    RouteSockets(const RouteSockets&) = delete;
    RouteSockets& operator=(const RouteSockets&) = delete;
    ~RouteSockets() {
        if (v4 >= 0) ::close(v4);
        if (v6 >= 0) ::close(v6);
    }
};

RouteSockets& route_sockets() {
    thread_local RouteSockets sockets;
    return sockets;
}

}  // namespace

std::optional<std::string> unsendable_reason(const boost::asio::ip::address& address) {
    // TCP refuses multicast destinations outright (tcp_v4_connect: ENETUNREACH);
    // UDP would accept them, so ask directly.
    if (address.is_multicast())
        return address.to_string() + " is a multicast address; a TCP connect cannot be sent to it";
    if (address.is_unspecified())
        return address.to_string() + " is the unspecified address, not a host";
    boost::asio::ip::udp::endpoint ep(address, 9);  // discard; a UDP connect sends nothing
    auto& sockets = route_sockets();
    int& fd = address.is_v6() ? sockets.v6 : sockets.v4;
    if (fd < 0) fd = ::socket(ep.protocol().family(), SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        int err = errno;
        return resource_error(err) ? std::nullopt : std::optional(describe(address, err));
    }
    // Disconnect first: a connected UDP socket keeps its source address, and
    // the next lookup would be constrained to it (a loopback source for a
    // remote address); disconnecting resets it (__udp_disconnect).
    sockaddr unspec{};
    unspec.sa_family = AF_UNSPEC;
    ::connect(fd, &unspec, sizeof unspec);
    int rc = ::connect(fd, ep.data(), static_cast<socklen_t>(ep.size()));
    int err = errno;
    if (rc == 0 || resource_error(err)) return std::nullopt;
    return describe(address, err);
}

}  // namespace exposcan::scan
