#include "scan/budget.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

namespace exposcan::scan {

namespace {

constexpr std::size_t k_default_ephemeral = 28232;  // Linux default 32768-60999

std::size_t read_ephemeral_range() {
    std::ifstream in("/proc/sys/net/ipv4/ip_local_port_range");
    std::size_t lo = 0, hi = 0;
    if (!(in >> lo >> hi) || hi < lo) return k_default_ephemeral;
    return hi - lo + 1;
}

// Read once per process: the liveness re-check starts a small scan per target.
std::size_t ephemeral_range() {
    static const std::size_t range = read_ephemeral_range();
    return range;
}

// readdir, not std::filesystem: the liveness re-check starts a small scan per
// target, and building a path per entry was 18 % of a 4,096-target run.
std::size_t open_fds() {
    DIR* dir = ::opendir("/proc/self/fd");
    if (dir == nullptr) return 0;
    std::size_t n = 0;
    while (const dirent* e = ::readdir(dir))
        if (e->d_name[0] != '.') ++n;
    ::closedir(dir);
    return n;  // counts the directory's own fd too, as before: one spare
}

// An upper bound on the open fds without listing them: the fd table's size
// (FDSize in /proc/self/status), which is above the highest open fd. 0: unknown.
std::size_t fd_table_size() {
    int fd = ::open("/proc/self/status", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    char buf[4096];
    auto n = ::read(fd, buf, sizeof buf - 1);
    ::close(fd);
    if (n <= 0) return 0;
    buf[n] = '\0';
    const char* at = std::strstr(buf, "\nFDSize:");
    return at ? static_cast<std::size_t>(std::strtoull(at + 8, nullptr, 10)) : 0;
}

// Listing /proc/self/fd costs O(open fds) in the kernel; the liveness re-check
// starts a small scan per target while hundreds of sockets are open (25 % of
// a 4,096-target run). When even the table's size leaves room for every job,
// the count cannot change the budget, and is skipped.
std::size_t fds_in_use(std::size_t fd_limit, std::uint64_t jobs) {
    auto bound = fd_table_size();
    if (bound > 0 && fd_limit >= bound + k_fd_reserve + jobs) return bound;
    return open_fds();
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
    b.fds_open = fds_in_use(b.fd_limit, jobs);  // an upper bound when that is enough
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
