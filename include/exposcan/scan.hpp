// The TCP connect-scan engine (src/scan/).
#pragma once
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "exposcan/model.hpp"
#include "exposcan/options.hpp"
#include "exposcan/port_spec.hpp"

namespace exposcan::scan {

// The port syntax is core's (exposcan/port_spec.hpp).
using exposcan::parse_port_spec;

// Literals (v4/v6), hostnames (every resolved address becomes a Target) and
// CIDRs (wider than limits allow -> UsageError unless limits.allow_wide).
// Duplicates removed, order kept. Throws UsageError with a one-line message.
std::vector<Target> resolve_targets(const std::vector<std::string>& specs, const Limits& limits);

struct Progress {
    std::uint64_t done = 0;
    std::uint64_t total = 0;
    double rate = 0;          // connects per second, recent
    double eta_seconds = 0;
};
using ProgressFn = std::function<void(const Progress&)>;

// Scans every port of every target on `io`. Returns one TargetScan per target,
// in target order. Never throws for network outcomes; local resource errors
// that do not recover mark the scan incomplete. `stop` set -> finishes early,
// every unfinished TargetScan marked incomplete.
boost::asio::awaitable<std::vector<TargetScan>> scan_targets(
    const std::vector<Target>& targets, const PortSet& ports, const ScanOptions& options,
    ProgressFn progress, const std::atomic<bool>& stop);

}  // namespace exposcan::scan
