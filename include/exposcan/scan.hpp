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

// --targets-file / -iL FILE ("-" = stdin): one target per line (text_lines
// rules), each line's syntax and CIDR scope checked now, so a bad line is
// "FILE:LINE: bad target '...': why" (UsageError) before the first packet.
// Hostnames are resolved later, with the others.
std::vector<std::string> load_targets_file(const std::string& path, const Limits& limits);

// --exclude-file FILE: addresses, CIDRs (of any width: excluding is always
// safe) or hostnames, one per line; bad lines as above.
std::vector<std::string> load_exclude_file(const std::string& path, const Limits& limits);

// Drops every target whose address an exclude spec covers (an address, a
// CIDR, or a hostname's resolved addresses). Throws UsageError on a bad spec,
// or when no target is left ("every target is excluded").
std::vector<Target> exclude_targets(std::vector<Target> targets, const std::vector<std::string>& excludes);

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
