// service.no-auth / service.info-leak from probe results (docs/probes.md).
#include <array>
#include <string_view>

#include "policy/finding_make.hpp"
#include "policy/rules_detail.hpp"

namespace exposcan::policy::detail {

namespace {

struct ServiceRuleInfo {
    std::string_view service;
    std::string_view rule;
    Severity severity;
    std::string_view fix;
};

constexpr std::string_view k_no_auth = "service.no-auth";
constexpr std::string_view k_info_leak = "service.info-leak";

constexpr std::array k_services = {
    ServiceRuleInfo{"elasticsearch", k_no_auth, Severity::critical,
                    "Enable security (xpack.security.enabled: true) and bind network.host to 127.0.0.1 or a private "
                    "IP; if Docker publishes it, use -p 127.0.0.1:9200:9200 or DOCKER-USER rules"},
    ServiceRuleInfo{"opensearch", k_no_auth, Severity::critical,
                    "Enable the security plugin and bind network.host to 127.0.0.1 or a private IP; if Docker "
                    "publishes it, use -p 127.0.0.1:9200:9200 or DOCKER-USER rules"},
    ServiceRuleInfo{"redis", k_no_auth, Severity::critical,
                    "Set requirepass (or ACL users), bind 127.0.0.1 and keep protected-mode yes"},
    ServiceRuleInfo{"mongodb", k_no_auth, Severity::critical,
                    "Enable security.authorization and set net.bindIp to 127.0.0.1 or a private IP"},
    ServiceRuleInfo{"docker", k_no_auth, Severity::critical,
                    "The Docker API is root on the host: remove -H tcp://0.0.0.0:2375, use the unix socket or "
                    "2376 with --tlsverify client certificates"},
    ServiceRuleInfo{"etcd", k_no_auth, Severity::critical,
                    "Enable --client-cert-auth or RBAC and listen on 127.0.0.1 or a private IP"},
    ServiceRuleInfo{"memcached", k_no_auth, Severity::critical,
                    "Start memcached with -l 127.0.0.1 (and -U 0); use SASL if remote access is needed"},
    ServiceRuleInfo{"postgresql", k_no_auth, Severity::critical,
                    "Replace trust with scram-sha-256 in pg_hba.conf and set listen_addresses to localhost"},
    ServiceRuleInfo{"prometheus", k_info_leak, Severity::high,
                    "Bind Prometheus to 127.0.0.1 or require auth (web.config.file basic_auth_users)"},
    ServiceRuleInfo{"node_exporter", k_info_leak, Severity::medium,
                    "Bind the exporter to 127.0.0.1/a private IP or require auth (web.config.file)"},
    ServiceRuleInfo{"kibana", k_info_leak, Severity::medium,
                    "Enable security so /api/status needs a login, and bind server.host to 127.0.0.1"},
    ServiceRuleInfo{"opensearch-dashboards", k_info_leak, Severity::medium,
                    "Enable the security plugin so /api/status needs a login, and bind server.host to 127.0.0.1"},
};

constexpr ServiceRuleInfo k_other_service{
    "", k_no_auth, Severity::high, "Require authentication or bind the service to 127.0.0.1 or a private address"};

const ServiceRuleInfo& info_for(std::string_view service) {
    for (const auto& s : k_services)
        if (s.service == service) return s;
    return k_other_service;
}

Finding service_finding(const ProbeResult& p) {
    const auto& info = info_for(p.service);
    auto f = make_finding(std::string(info.rule), info.severity, p.target, p.port);
    auto name = p.service.empty() ? std::string("a service") : safe_text(p.service);
    f.title = info.rule == k_info_leak
                  ? name + " on " + std::to_string(p.port) + " exposes internal status without authentication"
                  : name + " on " + std::to_string(p.port) + " answers without authentication";
    f.evidence = safe_text(p.evidence);
    if (!p.version.empty()) f.evidence = "version " + safe_text(p.version) + (f.evidence.empty() ? "" : "; " + f.evidence);
    f.fix = std::string(info.fix);
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
