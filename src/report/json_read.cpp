// JSON report -> RunReport, for `exposcan merge` (json_records.hpp). Every
// enum is read back through its to_string() so the names have one source.
#include <algorithm>
#include <ctime>

#include "exposcan/port_spec.hpp"
#include "report/json_records.hpp"

namespace exposcan::report {

namespace {

[[noreturn]] void bad(const nlohmann::json& j, const std::string& what) {
    throw nlohmann::json::other_error::create(501, what, &j);
}

template <typename E, std::size_t N>
E enum_from(const nlohmann::json& j, const E (&values)[N], const char* what) {
    auto name = j.get<std::string>();
    for (auto v : values)
        if (to_string(v) == name) return v;
    bad(j, std::string("unknown ") + what + " '" + name.substr(0, 40) + "'");
}

Target target_from(const nlohmann::json& j) {
    Target t;
    t.name = j.at("name").get<std::string>();
    t.spec = j.at("spec").get<std::string>();
    t.address = boost::asio::ip::make_address(j.at("address").get<std::string>());
    return t;
}

PortResult port_from(const nlohmann::json& j) {
    static constexpr PortState states[] = {PortState::open, PortState::closed, PortState::filtered};
    static constexpr Reason reasons[] = {Reason::syn_ack,      Reason::conn_refused, Reason::no_response,
                                         Reason::host_unreach, Reason::net_unreach,  Reason::admin_prohibited};
    PortResult r;
    r.port = j.at("port").get<std::uint16_t>();
    r.state = enum_from(j.at("state"), states, "state");
    r.reason = enum_from(j.at("reason"), reasons, "reason");
    if (j.contains("tries")) r.tries = j["tries"].get<std::uint8_t>();
    r.elapsed_us = j.value("time_us", 0u);
    return r;
}

ScanStats stats_from(const nlohmann::json& j) {
    ScanStats s;
    s.connects = j.value("connects", std::uint64_t{0});
    s.answers = j.value("answers", std::uint64_t{0});
    s.retransmissions = j.value("retransmissions", std::uint64_t{0});
    s.loss_probes = j.value("loss_probes", std::uint64_t{0});
    if (j.contains("tries")) {
        s.tries_open = j["tries"].value("open", std::uint64_t{0});
        s.tries_closed = j["tries"].value("closed", std::uint64_t{0});
        s.tries_filtered = j["tries"].value("filtered", std::uint64_t{0});
    }
    s.loss_samples = j.value("loss_samples", std::uint64_t{0});
    s.loss_lost = j.value("loss_lost", std::uint64_t{0});
    s.loss_estimate = j.value("loss_estimate", 0.0);
    s.max_tries = j.value("max_tries", 0);
    s.rtt_p50_us = j.value("rtt_p50_us", 0u);
    s.rtt_p90_us = j.value("rtt_p90_us", 0u);
    s.rtt_max_us = j.value("rtt_max_us", 0u);
    s.timeout_us = j.value("timeout_us", 0u);
    s.rate = j.value("rate", 0.0);
    return s;
}

TargetScan scan_from(const nlohmann::json& j, const Target& target) {
    if (j.at("address").get<std::string>() != target.address_string()) bad(j, "scans[] and targets[] differ");
    TargetScan s;
    s.target = target;
    auto scanned = j.at("ports_scanned").get<std::string>();
    if (!scanned.empty()) s.scanned = parse_port_spec(scanned);
    for (const auto& p : j.at("ports")) s.ports.push_back(port_from(p));
    s.complete = j.at("complete").get<bool>();
    s.incomplete_reason = j.value("incomplete_reason", "");
    s.elapsed = std::chrono::milliseconds(j.value("elapsed_ms", 0));
    s.srtt_us = j.value("srtt_us", 0u);
    if (j.contains("stats")) s.stats = stats_from(j["stats"]);
    return s;
}

TlsCertificate tls_from(const nlohmann::json& j) {
    TlsCertificate c;
    c.subject = j.value("subject", "");
    c.issuer = j.value("issuer", "");
    c.sans = j.value("sans", std::vector<std::string>{});
    c.not_after = j.value("not_after", "");
    c.expired = j.value("expired", false);
    c.self_signed = j.value("self_signed", false);
    c.version = j.value("version", "");
    return c;
}

ProbeResult probe_from(const nlohmann::json& j, const std::vector<Target>& targets) {
    static constexpr Exposure exposures[] = {Exposure::unauthenticated, Exposure::anonymous_limited,
                                             Exposure::auth_required,   Exposure::reachable_denied,
                                             Exposure::unknown_service, Exposure::tls};
    ProbeResult p;
    auto address = j.at("address").get<std::string>();
    auto it = std::find_if(targets.begin(), targets.end(),
                           [&](const Target& t) { return t.address_string() == address; });
    if (it == targets.end()) bad(j, "probe of an address not in targets[]");
    p.target = *it;
    p.port = j.at("port").get<std::uint16_t>();
    p.service = j.value("service", "");
    p.exposure = enum_from(j.at("exposure"), exposures, "exposure");
    p.version = j.value("version", "");
    p.evidence = j.value("evidence", "");
    p.over_tls = j.value("over_tls", false);
    p.elapsed = std::chrono::milliseconds(j.value("elapsed_ms", 0));
    if (j.contains("tls")) p.tls = tls_from(j.at("tls"));
    return p;
}

std::optional<PortResult> check_from(const nlohmann::json& j) {
    if (j.is_null()) return std::nullopt;
    auto r = port_from({{"port", 0}, {"state", j.at("state")}, {"reason", j.at("reason")}});
    r.elapsed_us = j.value("time_us", 0u);
    return r;
}

CanaryCheck canary_from(const nlohmann::json& j) {
    CanaryCheck c;
    c.spec = j.at("spec").get<std::string>();
    c.target.name = c.spec;
    c.target.spec = c.spec;
    c.target.address = boost::asio::ip::make_address(j.at("address").get<std::string>());
    c.port = j.at("port").get<std::uint16_t>();
    c.before = check_from(j.at("before"));
    c.after = check_from(j.at("after"));
    return c;
}

WorkDescription work_from(const nlohmann::json& j) {
    WorkDescription w;
    w.targets = j.at("targets").get<std::vector<std::string>>();
    w.exclude = j.at("exclude").get<std::vector<std::string>>();
    w.ports = j.at("ports").get<std::string>();
    w.policy = j.at("policy").get<std::string>();
    w.expect_open = j.value("expect_open", "");
    w.expect_closed = j.value("expect_closed", "");
    w.probe = j.at("probe").get<bool>();
    return w;
}

std::chrono::system_clock::time_point time_from(const std::string& text) {
    std::tm tm{};
    if (!::strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) return {};
    return std::chrono::system_clock::from_time_t(::timegm(&tm));
}

}  // namespace

nlohmann::json work_json(const WorkDescription& w) {
    return {{"targets", w.targets},         {"exclude", w.exclude},
            {"ports", w.ports},             {"policy", w.policy},
            {"expect_open", w.expect_open}, {"expect_closed", w.expect_closed},
            {"probe", w.probe}};
}

nlohmann::json shard_json(const Shard& s) { return {{"index", s.index}, {"count", s.count}}; }

RunReport scan_report_from_json(const nlohmann::json& doc) {
    RunReport r;
    r.tool_version = doc.at("tool").at("version").get<std::string>();
    r.command = doc.at("command").get<std::string>();
    r.started_at = time_from(doc.value("started_at", ""));
    r.elapsed = std::chrono::milliseconds(doc.value("elapsed_ms", 0));
    for (const auto& t : doc.at("targets")) r.targets.push_back(target_from(t));
    const auto& scans = doc.at("scans");
    if (scans.size() != r.targets.size()) bad(scans, "scans[] and targets[] differ in length");
    for (std::size_t i = 0; i < scans.size(); ++i) r.scans.push_back(scan_from(scans[i], r.targets[i]));
    for (const auto& p : doc.at("probes")) r.probes.push_back(probe_from(p, r.targets));
    for (const auto& c : doc.value("canaries", nlohmann::json::array())) r.canaries.push_back(canary_from(c));
    if (doc.contains("work") && !doc["work"].is_null()) r.work = work_from(doc["work"]);
    if (doc.contains("shard") && !doc["shard"].is_null())
        r.shard = Shard{doc["shard"].at("index").get<unsigned>(), doc["shard"].at("count").get<unsigned>()};
    if (doc.contains("vantage") && !doc["vantage"].is_null()) r.vantage = doc["vantage"].get<std::string>();
    for (const auto& line : doc.at("inconclusive")) r.inconclusive.push_back(line.get<std::string>());
    return r;
}

}  // namespace exposcan::report
