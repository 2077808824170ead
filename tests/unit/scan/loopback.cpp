#include "unit/scan/loopback.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <cstring>
#include <random>

namespace scan_test {

namespace {

// sockaddr for 127.0.0.1 / ::1 and a port.
socklen_t make_addr(const std::string& address, std::uint16_t port, sockaddr_storage& ss) {
    std::memset(&ss, 0, sizeof ss);
    if (address.find(':') == std::string::npos) {
        auto* sin = reinterpret_cast<sockaddr_in*>(&ss);
        sin->sin_family = AF_INET;
        sin->sin_port = htons(port);
        ::inet_pton(AF_INET, address.c_str(), &sin->sin_addr);
        return sizeof(sockaddr_in);
    }
    auto* sin6 = reinterpret_cast<sockaddr_in6*>(&ss);
    sin6->sin6_family = AF_INET6;
    sin6->sin6_port = htons(port);
    ::inet_pton(AF_INET6, address.c_str(), &sin6->sin6_addr);
    return sizeof(sockaddr_in6);
}

}  // namespace

Listener::Listener(const std::string& address, std::uint16_t port, int backlog) {
    sockaddr_storage ss;
    auto len = make_addr(address, port, ss);
    fd_ = ::socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int on = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&ss), len) != 0 || ::listen(fd_, backlog) != 0) {
        ::close(fd_);
        fd_ = -1;
        return;
    }
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&ss), &len);
    port_ = ntohs(ss.ss_family == AF_INET ? reinterpret_cast<sockaddr_in*>(&ss)->sin_port
                                          : reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port);
}

Listener::~Listener() {
    if (fd_ >= 0) ::close(fd_);
}

exposcan::PortSet oracle_open(const std::string& address, std::uint16_t first, std::uint16_t last) {
    exposcan::PortSet open;
    for (std::uint32_t p = first; p <= last; ++p) {
        sockaddr_storage ss;
        auto len = make_addr(address, static_cast<std::uint16_t>(p), ss);
        int fd = ::socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&ss), len) == 0) open.add(static_cast<std::uint16_t>(p));
        ::close(fd);
    }
    return open;
}

std::uint16_t random_block_start(std::uint16_t count) {
    std::random_device rd;
    std::uniform_int_distribution<int> dist(10000, 20000 - count);
    return static_cast<std::uint16_t>(dist(rd));
}

const std::string& own_loopback_v4() {
    static const std::string address = [] {
        auto host = 0x7f400000u | (static_cast<std::uint32_t>(::getpid()) & 0x3fffffu);
        in_addr a{htonl(host)};
        char text[INET_ADDRSTRLEN] = {};
        ::inet_ntop(AF_INET, &a, text, sizeof text);
        return std::string(text);
    }();
    return address;
}

V6LoopbackLock::V6LoopbackLock() {
    fd_ = ::open("/tmp/exposcan-unit-loopback-v6.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd_ >= 0) ::flock(fd_, LOCK_EX);
}

V6LoopbackLock::~V6LoopbackLock() {
    if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

std::vector<exposcan::TargetScan> scan_sync(const std::vector<std::string>& addresses, const exposcan::PortSet& ports,
                                            const exposcan::ScanOptions& options, const std::atomic<bool>* stop) {
    static const std::atomic<bool> never{false};
    auto targets = exposcan::scan::resolve_targets(addresses, exposcan::Limits{});
    boost::asio::io_context io;
    auto fut = boost::asio::co_spawn(
        io, exposcan::scan::scan_targets(targets, ports, options, {}, stop ? *stop : never), boost::asio::use_future);
    io.run();
    return fut.get();
}

}  // namespace scan_test
