// How many connects may be in flight at once, from the process's fd limit
// and the ephemeral port range (docs/scan-engine.md "Concurrency").
#pragma once
#include <cstddef>
#include <cstdint>

namespace exposcan::scan {

// fds kept free for stdout/stderr, output files, DNS, the epoll/timer fds.
inline constexpr std::size_t k_fd_reserve = 32;

// Without --max-inflight: the most connects in flight. A long path needs
// many (the 100 ms lossy lab: ~60k attempts/s x a 150 ms timeout = ~9,000);
// a fast one is CPU-bound far below. Each costs ~1.7 KiB, so an engine
// starts half its share of workers and adds more only while waiting for
// answers limits the rate (engine.cpp maybe_grow).
inline constexpr std::size_t k_default_max_inflight = 16384;

struct Budget {
    std::size_t fd_limit = 0;        // soft RLIMIT_NOFILE after raising it
    std::size_t fds_open = 0;        // already open when the scan starts (or an upper bound, fd table size)
    std::size_t ephemeral_ports = 0; // size of net.ipv4.ip_local_port_range
    std::size_t inflight = 0;        // the answer
};

// Raises the soft RLIMIT_NOFILE to the hard limit (once per process).
void raise_fd_limit();

// min(fd budget - reserve, ephemeral/2, max_inflight (0: k_default_max_inflight), jobs), >= 1.
Budget compute_budget(std::size_t max_inflight, std::uint64_t jobs);

}  // namespace exposcan::scan
