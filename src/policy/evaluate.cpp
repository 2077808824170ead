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
    // Nothing scanned: this runner could not send to the address at all (no
    // route, no IPv6, a broadcast address); the evidence names the cause.
    f.title = scan.scanned.empty() ? scan.target.address_string() + " was not scanned"
                                   : "scan of " + scan.target.address_string() + " did not finish; its results are partial";
    f.evidence = detail::safe_text(scan.incomplete_reason);
    f.fix = "Re-run; check the scanner's own network, ulimit -n and --rate; partial results never pass the gate";
    return f;
}

// Every port silent although the policy names ports that must answer: the
// scanner's own network may be down, so nothing here can be trusted (exit 2,
// docs/policy.md "Exit codes") rather than a list of unexpected-filtered findings.
bool nothing_answered(const TargetPolicy& policy, const TargetScan& scan) {
    if (!scan.complete || !scan.ports.empty()) return false;
    for (const auto* must_answer : {&policy.expect.open, &policy.expect.closed})
        for (auto p : must_answer->to_vector())
            if (scan.scanned.contains(p)) return true;
    return policy.expect.default_state != PortState::filtered;
}

Finding unanswered_finding(const TargetScan& scan) {
    auto f = incomplete_finding(scan);
    f.title = "no port of " + scan.target.address_string() + " answered, not even those the policy expects to answer";
    f.evidence = "every port timed out";
    f.fix = "Check the scanner's own network and that the target is up; the result is inconclusive, not clean";
    return f;
}

}  // namespace

std::vector<Finding> evaluate(const TargetPolicy& policy, const std::vector<TargetScan>& scans,
                              const std::vector<ProbeResult>& probes) {
    std::vector<Finding> out;
    for (const auto& scan : scans) {
        if (nothing_answered(policy, scan)) {
            out.push_back(unanswered_finding(scan));
            continue;
        }
        detail::port_findings(policy, scan, out);
        if (!scan.complete) out.push_back(incomplete_finding(scan));
    }
    detail::parity_findings(scans, out);
    detail::service_findings(policy, probes, out);
    return out;
}

}  // namespace exposcan::policy
