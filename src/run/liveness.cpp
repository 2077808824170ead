// Liveness re-check: after a scan, a sample of the ports that answered is
// connected again. If none of them answers any more, the path between the
// scanner and the target died during the scan (the scanner's own network went
// down, a route vanished, the target rebooted) and every "filtered" after
// that moment is unproven. Such a scan is marked incomplete, so the run ends
// inconclusive instead of clean (docs/reliability.md, "blackhole").
#include <algorithm>

#include "run/stages.hpp"

namespace exposcan::detail {

namespace {

constexpr std::size_t k_liveness_sample = 8;

// Up to k_liveness_sample answered ports spread over the answered list,
// plus the highest answered port.
PortSet answered_sample(const TargetScan& scan) {
    std::vector<std::uint16_t> answered;
    for (const auto& r : scan.ports)
        if (r.state != PortState::filtered) answered.push_back(r.port);
    PortSet sample;
    if (answered.empty()) return sample;
    auto step = std::max<std::size_t>(1, answered.size() / k_liveness_sample);
    for (std::size_t i = 0; i < answered.size() && sample.size() < k_liveness_sample; i += step)
        sample.add(answered[i]);
    sample.add(answered.back());  // the latest-scanned port in port order
    return sample;
}

bool any_answered(const std::vector<TargetScan>& rechecked) {
    for (const auto& s : rechecked)
        for (const auto& r : s.ports)
            if (r.state != PortState::filtered) return true;
    return false;
}

}  // namespace

boost::asio::awaitable<void> recheck_liveness(std::vector<TargetScan>& scans, const ScanOptions& options,
                                              const std::atomic<bool>& stop) {
    for (auto& scan : scans) {
        if (!scan.complete || stop.load()) continue;
        auto sample = answered_sample(scan);
        if (sample.empty()) continue;
        // Named locals, not braced temporaries: GCC 12 miscompiles
        // initializer lists inside coroutine bodies.
        std::vector<Target> one;
        one.push_back(scan.target);
        scan::ProgressFn no_progress;
        auto again = co_await scan::scan_targets(one, sample, options, no_progress, stop);
        if (stop.load() || any_answered(again)) continue;
        scan.complete = false;
        scan.incomplete_reason = "target stopped answering: none of " + std::to_string(sample.size()) +
                                 " ports that answered earlier (" + sample.to_string() +
                                 ") answers now; the scanner's network may have gone down";
    }
}

}  // namespace exposcan::detail
