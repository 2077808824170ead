// How many connects may be in flight at once, from the process's fd limit
// and the ephemeral port range (docs/scan-engine.md "Concurrency").
#pragma once
#include <cstddef>
#include <cstdint>

namespace exposcan::scan {

// fds kept free for stdout/stderr, output files, DNS, the epoll/timer fds.
inline constexpr std::size_t k_fd_reserve = 32;

// Without --max-inflight: more in flight than this buys no speed (a core
// manages ~35k attempts/s, i.e. ~3.5k in flight at the 100 ms minimum
// timeout, per shard) but costs ~1.7 KiB of coroutine frames each.
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
