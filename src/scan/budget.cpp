#include "scan/budget.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace exposcan::scan {

namespace {

constexpr std::size_t k_default_ephemeral = 28232;  // Linux default 32768-60999

std::size_t ephemeral_range() {
    std::ifstream in("/proc/sys/net/ipv4/ip_local_port_range");
    std::size_t lo = 0, hi = 0;
    if (!(in >> lo >> hi) || hi < lo) return k_default_ephemeral;
    return hi - lo + 1;
}

std::size_t open_fds() {
    std::error_code ec;
    std::size_t n = 0;
    for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end; it.increment(ec)) ++n;
    return n;
}

}  // namespace

void raise_fd_limit() {
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur >= lim.rlim_max) return;
    lim.rlim_cur = lim.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &lim);  // best effort: the budget reads back what we got
}

Budget compute_budget(std::size_t max_inflight, std::uint64_t jobs) {
    Budget b;
    rlimit lim{};
    b.fd_limit = ::getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY
                     ? static_cast<std::size_t>(lim.rlim_cur) : std::size_t{1} << 20;
    b.fds_open = open_fds();
    b.ephemeral_ports = ephemeral_range();
    std::size_t used = b.fds_open + k_fd_reserve;
    std::size_t by_fd = b.fd_limit > used ? b.fd_limit - used : 1;
    std::size_t n = std::min(by_fd, b.ephemeral_ports / 2);
    n = std::min(n, max_inflight > 0 ? max_inflight : k_default_max_inflight);
    n = static_cast<std::size_t>(std::min<std::uint64_t>(n, jobs));
    b.inflight = std::max<std::size_t>(n, 1);
    return b;
}

}  // namespace exposcan::scan
