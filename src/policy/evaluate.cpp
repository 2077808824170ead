#include "exposcan/policy.hpp"
#include "policy/finding_make.hpp"
#include "policy/rules_detail.hpp"

namespace exposcan::policy {

PortState Expectation::expected(std::uint16_t port) const {
    if (open.contains(port)) return PortState::open;
    if (closed.contains(port)) return PortState::closed;
    if (filtered.contains(port)) return PortState::filtered;
    return default_state;
}

namespace {

Finding incomplete_finding(const TargetScan& scan) {
    auto f = detail::make_finding("scan.incomplete", Severity::info, scan.target, std::nullopt);
    f.title = "scan of " + scan.target.address_string() + " did not finish; its results are partial";
    f.evidence = detail::safe_text(scan.incomplete_reason);
    f.fix = "Re-run; check the scanner's own network, ulimit -n and --rate; partial results never pass the gate";
    return f;
}

}  // namespace

std::vector<Finding> evaluate(const TargetPolicy& policy, const std::vector<TargetScan>& scans,
                              const std::vector<ProbeResult>& probes) {
    std::vector<Finding> out;
    for (const auto& scan : scans) {
        detail::port_findings(policy, scan, out);
        if (!scan.complete) out.push_back(incomplete_finding(scan));
    }
    detail::parity_findings(scans, out);
    detail::service_findings(policy, probes, out);
    return out;
}

}  // namespace exposcan::policy
