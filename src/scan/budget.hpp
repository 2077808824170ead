// How many connects may be in flight at once, from the process's fd limit
// and the ephemeral port range (docs/scan-engine.md "Concurrency").
#pragma once
#include <cstddef>
#include <cstdint>

namespace exposcan::scan {

// fds kept free for stdout/stderr, output files, DNS, the epoll/timer fds.
inline constexpr std::size_t k_fd_reserve = 32;

struct Budget {
    std::size_t fd_limit = 0;        // soft RLIMIT_NOFILE after raising it
    std::size_t fds_open = 0;        // already open when the scan starts
    std::size_t ephemeral_ports = 0; // size of net.ipv4.ip_local_port_range
    std::size_t inflight = 0;        // the answer
};

// Raises the soft RLIMIT_NOFILE to the hard limit (once per process).
void raise_fd_limit();

// min(fd budget - reserve, ephemeral/2, max_inflight if nonzero, jobs), >= 1.
Budget compute_budget(std::size_t max_inflight, std::uint64_t jobs);

}  // namespace exposcan::scan
