// PLACEHOLDER until the probes land.
#include "exposcan/probe.hpp"

namespace exposcan::probe {

std::vector<ProbeTarget> open_endpoints(const std::vector<TargetScan>& scans) {
    std::vector<ProbeTarget> out;
    for (const auto& s : scans)
        for (const auto& r : s.ports)
            if (r.state == PortState::open) out.push_back(ProbeTarget{s.target, r.port});
    return out;
}

boost::asio::awaitable<std::vector<ProbeResult>> probe_services(
    const std::vector<ProbeTarget>&, const ProbeOptions&, const Limits&) {
    co_return std::vector<ProbeResult>{};
}

}  // namespace exposcan::probe
