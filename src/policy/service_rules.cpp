// service.no-auth / service.info-leak from probe results; which rule, its
// severity and the fix per service come from the catalog (rules::service_hint).
#include "policy/finding_make.hpp"
#include "policy/rules_detail.hpp"

namespace exposcan::policy::detail {

namespace {

Finding service_finding(const ProbeResult& p) {
    const auto& hint = rules::service_hint(p.service);
    auto f = make_finding(hint.rule, p.target, p.port, hint.elevated);
    auto name = p.service.empty() ? std::string("a service") : safe_text(p.service);
    f.title = hint.rule == Rule::service_info_leak
                  ? name + " on " + std::to_string(p.port) + " exposes internal status without authentication"
                  : name + " on " + std::to_string(p.port) + " answers without authentication";
    f.evidence = safe_text(p.evidence);
    if (!p.version.empty()) f.evidence = "version " + safe_text(p.version) + (f.evidence.empty() ? "" : "; " + f.evidence);
    f.fix = std::string(hint.fix);
    return f;
}

}  // namespace

void service_findings(const TargetPolicy& policy, const std::vector<ProbeResult>& probes,
                      std::vector<Finding>& out) {
    if (policy.services == ServiceRule::ignore) return;
    for (const auto& p : probes)
        if (p.exposure == Exposure::unauthenticated) out.push_back(service_finding(p));
}

}  // namespace exposcan::policy::detail
