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

std::string certificate_evidence(const TlsCertificate& c) {
    std::string out = "subject " + safe_text(c.subject);
    if (!c.sans.empty()) {
        out += "; SANs";
        for (const auto& n : c.sans) out += " " + safe_text(n);
    }
    if (!c.issuer.empty()) out += "; issuer " + safe_text(c.issuer);
    if (!c.not_after.empty()) out += "; not after " + safe_text(c.not_after);
    if (!c.version.empty()) out += "; " + safe_text(c.version);
    return out;
}

Finding tls_finding(Rule rule, const ProbeResult& p, std::string title) {
    auto f = make_finding(rule, p.target, p.port);
    f.title = std::move(title);
    f.evidence = certificate_evidence(*p.tls);
    return f;
}

// A port that spoke TLS: one info finding with the certificate, and the
// certificate's problems as their own rules.
void tls_findings(const ProbeResult& p, std::vector<Finding>& out) {
    if (!p.tls) return;
    const auto port = std::to_string(p.port);
    out.push_back(tls_finding(Rule::tls_certificate, p, "TLS on " + port + ": " + safe_text(p.tls->subject)));
    if (p.tls->self_signed)
        out.push_back(tls_finding(Rule::tls_self_signed, p, "the TLS certificate on " + port + " is self-signed"));
    if (p.tls->expired)
        out.push_back(tls_finding(Rule::tls_expired, p, "the TLS certificate on " + port + " has expired"));
}

}  // namespace

void service_findings(const TargetPolicy& policy, const std::vector<ProbeResult>& probes,
                      std::vector<Finding>& out) {
    if (policy.services == ServiceRule::ignore) return;
    for (const auto& p : probes) {
        if (p.exposure == Exposure::unauthenticated) out.push_back(service_finding(p));
        tls_findings(p, out);
    }
}

}  // namespace exposcan::policy::detail
