#include "exposcan/policy.hpp"
#include "policy/finding_make.hpp"
#include "policy/rules_detail.hpp"

namespace exposcan::policy {

const PortSet& Expectation::ports_in(PortState state) const {
    if (state == PortState::open) return open;
    if (state == PortState::closed) return closed;
    return filtered;
}

std::optional<std::string> expectation_problem(const Expectation& e, PortState state, const PortSet& ports,
                                               const PortSet& scanned) {
    for (auto other : {PortState::open, PortState::closed, PortState::filtered}) {
        if (other == state) continue;
        for (auto p : ports.to_vector())
            if (e.ports_in(other).contains(p))
                return "port " + std::to_string(p) + " is expected both " + std::string(to_string(other)) + " and " +
                       std::string(to_string(state));
    }
    for (auto p : ports.to_vector())
        if (!scanned.contains(p))
            return "port " + std::to_string(p) + " is not in the target's ports (" + scanned.to_string() +
                   "), so it would never be checked";
    return std::nullopt;
}

PortState Expectation::expected(std::uint16_t port) const {
    if (open.contains(port)) return PortState::open;
    if (closed.contains(port)) return PortState::closed;
    if (filtered.contains(port)) return PortState::filtered;
    return default_state;
}

namespace {

Finding incomplete_finding(const TargetScan& scan) {
    auto f = detail::make_finding(Rule::scan_incomplete, scan.target, std::nullopt);
    // Nothing scanned: this runner could not send to the address at all (no
    // route, no IPv6, a broadcast address); the evidence names the cause.
    f.title = scan.scanned.empty() ? scan.target.address_string() + " was not scanned"
                                   : "scan of " + scan.target.address_string() + " did not finish; its results are partial";
    f.evidence = detail::safe_text(scan.incomplete_reason);
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

void add_evaluated(const TargetPolicy& policy, const TargetScan& scan, bool probed,
                   std::map<std::string, RuleFamilies>& evaluated) {
    auto& families = evaluated[scan.target.name];
    families.add(RuleFamily::ports);
    if (probed && policy.services != ServiceRule::ignore) families.add(RuleFamily::services);
}

void add_parity_evaluated(const std::vector<TargetScan>& scans, std::map<std::string, RuleFamilies>& evaluated) {
    std::map<std::string, std::pair<bool, bool>> seen;  // name -> (has IPv4, has IPv6), as parity_findings groups
    for (const auto& scan : scans) {
        auto& [v4, v6] = seen[scan.target.name];
        (scan.target.address.is_v6() ? v6 : v4) = true;
        if (v4 && v6) evaluated[scan.target.name].add(RuleFamily::parity);
    }
}

void add_evaluated(const TargetPolicy& policy, const std::vector<TargetScan>& scans, bool probed,
                   std::map<std::string, RuleFamilies>& evaluated) {
    for (const auto& scan : scans) add_evaluated(policy, scan, probed, evaluated);
    add_parity_evaluated(scans, evaluated);
}

}  // namespace exposcan::policy
