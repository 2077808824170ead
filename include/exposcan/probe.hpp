// Service exposure probes (src/probe/): what answers on an open port, and does
// it let anyone in? See docs/probes.md.
#pragma once
#include <boost/asio/awaitable.hpp>
#include <cstdint>
#include <string_view>
#include <vector>

#include "exposcan/model.hpp"
#include "exposcan/options.hpp"

namespace exposcan::probe {

struct ProbeTarget {
    Target target;
    std::uint16_t port = 0;
};

// Probes every given (target, port) concurrently on the calling io_context,
// each bounded in bytes and time. Never throws for network outcomes.
boost::asio::awaitable<std::vector<ProbeResult>> probe_services(
    const std::vector<ProbeTarget>& endpoints, const ProbeOptions& options, const Limits& limits);

// The open ports of these scans, as probe endpoints.
std::vector<ProbeTarget> open_endpoints(const std::vector<TargetScan>& scans);

}  // namespace exposcan::probe
