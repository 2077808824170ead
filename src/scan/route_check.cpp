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

}  // namespace

std::optional<std::string> unsendable_reason(const boost::asio::ip::address& address) {
    // TCP refuses multicast destinations outright (tcp_v4_connect: ENETUNREACH);
    // UDP would accept them, so ask directly.
    if (address.is_multicast())
        return address.to_string() + " is a multicast address; a TCP connect cannot be sent to it";
    if (address.is_unspecified())
        return address.to_string() + " is the unspecified address, not a host";
    boost::asio::ip::udp::endpoint ep(address, 9);  // discard; a UDP connect sends nothing
    int fd = ::socket(ep.protocol().family(), SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        int err = errno;
        return resource_error(err) ? std::nullopt : std::optional(describe(address, err));
    }
    int rc = ::connect(fd, ep.data(), static_cast<socklen_t>(ep.size()));
    int err = errno;
    ::close(fd);
    if (rc == 0 || resource_error(err)) return std::nullopt;
    return describe(address, err);
}

}  // namespace exposcan::scan
