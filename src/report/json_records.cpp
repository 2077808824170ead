#include "report/json_records.hpp"

#include <cmath>
#include <ctime>
#include <map>

namespace exposcan::report {

nlohmann::json target_json(const Target& t) {
    return {{"name", t.name}, {"spec", t.spec}, {"address", t.address_string()},
            {"family", t.address.is_v6() ? "ipv6" : "ipv4"}};
}

nlohmann::json port_json(const PortResult& r) {
    return {{"port", r.port}, {"state", to_string(r.state)}, {"reason", to_string(r.reason)},
            {"tries", r.tries}, {"time_us", r.elapsed_us}};
}

nlohmann::json stats_json(const ScanStats& s) {
    // Rounded so reports stay diffable: 4 significant digits of loss, 1/10 connect/s.
    return {{"connects", s.connects},
            {"answers", s.answers},
            {"retransmissions", s.retransmissions},
            {"loss_probes", s.loss_probes},
            {"tries", {{"open", s.tries_open}, {"closed", s.tries_closed}, {"filtered", s.tries_filtered}}},
            {"loss_samples", s.loss_samples},
            {"loss_lost", s.loss_lost},
            {"loss_estimate", std::round(s.loss_estimate * 1e4) / 1e4},
            {"max_tries", s.max_tries},
            {"rtt_p50_us", s.rtt_p50_us},
            {"rtt_p90_us", s.rtt_p90_us},
            {"rtt_max_us", s.rtt_max_us},
            {"timeout_us", s.timeout_us},
            {"rate", std::round(s.rate * 10) / 10}};
}

nlohmann::json scan_json(const TargetScan& s, bool with_ports) {
    nlohmann::json j = {{"target", s.target.name},
                        {"address", s.target.address_string()},
                        {"complete", s.complete},
                        {"incomplete_reason", s.incomplete_reason},
                        {"elapsed_ms", s.elapsed.count()},
                        {"srtt_us", s.srtt_us},
                        {"reachability", to_string(s.reachability)},
                        {"ports_scanned", s.scanned.to_string()},
                        {"counts", {{"open", s.count(PortState::open)},
                                    {"closed", s.count(PortState::closed)},
                                    {"filtered", s.count(PortState::filtered)}}},
                        {"stats", stats_json(s.stats)}};
    if (with_ports) {
        j["ports"] = nlohmann::json::array();
        for (const auto& r : s.ports) j["ports"].push_back(port_json(r));
    }
    return j;
}

nlohmann::json probe_json(const ProbeResult& p) {
    nlohmann::json j = {{"target", p.target.name}, {"address", p.target.address_string()}, {"port", p.port},
                        {"service", p.service},    {"exposure", to_string(p.exposure)},   {"version", p.version},
                        {"evidence", p.evidence},  {"over_tls", p.over_tls},              {"elapsed_ms", p.elapsed.count()}};
    if (p.tls)
        j["tls"] = {{"subject", p.tls->subject},     {"issuer", p.tls->issuer},   {"sans", p.tls->sans},
                    {"not_after", p.tls->not_after}, {"expired", p.tls->expired}, {"self_signed", p.tls->self_signed},
                    {"version", p.tls->version}};
    return j;
}

nlohmann::json leak_json(const LeakReport& l) {
    auto checks = nlohmann::json::array();
    for (const auto& c : l.checks)
        checks.push_back({{"check", c.check}, {"subject", c.subject}, {"value", c.value},
                          {"verdict", c.verdict}, {"detail", c.detail}});
    return {{"domain", l.domain}, {"origins", l.origins}, {"checks", checks}, {"inconclusive", l.inconclusive}};
}

nlohmann::json finding_json(const Finding& f) {
    nlohmann::json j = {{"rule", f.rule},         {"severity", to_string(f.severity)},
                        {"target", f.target},     {"address", f.address},
                        {"location", f.location}, {"title", f.title},
                        {"evidence", f.evidence}, {"fix", f.fix},
                        {"key", f.key()}};
    j["port"] = f.port ? nlohmann::json(*f.port) : nlohmann::json(nullptr);
    return j;
}

Finding finding_from_json(const nlohmann::json& j) {
    Finding f;
    f.rule = j.at("rule").get<std::string>();
    auto sev = parse_severity(j.at("severity").get<std::string>());
    if (!sev) throw nlohmann::json::other_error::create(501, "unknown severity", &j);
    f.severity = *sev;
    f.target = j.at("target").get<std::string>();
    f.address = j.value("address", "");
    f.location = j.at("location").get<std::string>();
    if (j.contains("port") && !j["port"].is_null()) f.port = j["port"].get<std::uint16_t>();
    f.title = j.value("title", "");
    f.evidence = j.value("evidence", "");
    f.fix = j.value("fix", "");
    return f;
}

namespace {

nlohmann::json check_json(const std::optional<PortResult>& r) {
    if (!r) return nullptr;
    return {{"state", to_string(r->state)}, {"reason", to_string(r->reason)}, {"time_us", r->elapsed_us}};
}

}  // namespace

nlohmann::json canary_json(const CanaryCheck& c) {
    return {{"spec", c.spec},           {"address", c.target.address_string()}, {"port", c.port},
            {"before", check_json(c.before)}, {"after", check_json(c.after)}, {"ok", c.ok()}};
}

std::vector<std::string> reachability_notes(const RunReport& r) {
    std::vector<std::string> out;
    for (const auto& s : r.scans) {
        // An incomplete scan is already inconclusive, with its own reason.
        if (s.reachability != Reachability::not_proven || !s.complete) continue;
        out.push_back(s.target.name + " " + s.target.address_string() +
                      ": reachability not proven: no port answered and no canary of this address family answered "
                      "(add --canary HOST:PORT or `canary:`), so 'filtered' may also mean this runner's path is dead");
    }
    return out;
}

std::string verdict_name(ExitCode code) {
    switch (code) {
        case ExitCode::clean: return "clean";
        case ExitCode::findings: return "findings";
        case ExitCode::inconclusive: return "inconclusive";
        case ExitCode::usage: return "usage-error";
    }
    return "inconclusive";
}

std::string rfc3339(std::chrono::system_clock::time_point t) {
    auto secs = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    ::gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

nlohmann::json summary_json(const RunReport& r) {
    std::map<std::string, int> by_severity = {{"critical", 0}, {"high", 0}, {"medium", 0}, {"low", 0}, {"info", 0}};
    for (const auto& f : r.findings) ++by_severity[std::string(to_string(f.severity))];
    return {{"findings", r.findings.size()},
            {"by_severity", by_severity},
            {"resolved", r.resolved.size()},
            {"unchanged", r.unchanged.size()},
            {"inconclusive", r.inconclusive.size()},
            {"reachability_not_proven", reachability_notes(r).size()},
            {"verdict", verdict_name(r.exit_code)},
            {"exit_code", static_cast<int>(r.exit_code)}};
}

std::string dump(const nlohmann::json& j, int indent) {
    return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace exposcan::report
