// Shared steps of run_scan and run_check: scan + probe on one io_context,
// and the bookkeeping that turns partial parts into `inconclusive` lines.
#pragma once
#include <boost/asio/awaitable.hpp>

#include "exposcan/run.hpp"

namespace exposcan::detail {

struct Stages {
    std::vector<TargetScan> scans;
    std::vector<ProbeResult> probes;
};

// Blocking: scans `targets` on `ports`, then probes the open ports.
Stages scan_and_probe(const std::vector<Target>& targets, const PortSet& ports, const Options& options,
                      const RunHooks& hooks);

bool stop_requested(const RunHooks& hooks);

// Re-connects a sample of each complete scan's answered ports; a scan whose
// sample is now all silent is marked incomplete (liveness.cpp says why).
boost::asio::awaitable<void> recheck_liveness(std::vector<TargetScan>& scans, const ScanOptions& options,
                                              const std::atomic<bool>& stop);

// Inconclusive lines for incomplete scans / unreachable targets, elapsed time
// and the exit code (default gate; the CLI re-decides with its flags).
void finish(RunReport& report, std::chrono::steady_clock::time_point t0);

}  // namespace exposcan::detail
