#include <nlohmann/json.hpp>

#include "report/writers.hpp"

namespace exposcan::report {

namespace {

nlohmann::json port_json(const PortResult& r) {
    return {{"port", r.port}, {"state", to_string(r.state)}, {"reason", to_string(r.reason)},
            {"tries", r.tries}, {"time_us", r.elapsed_us}};
}

nlohmann::json scan_json(const TargetScan& s) {
    auto ports = nlohmann::json::array();
    for (const auto& r : s.ports) ports.push_back(port_json(r));
    return {{"target", s.target.name},
            {"address", s.target.address_string()},
            {"complete", s.complete},
            {"incomplete_reason", s.incomplete_reason},
            {"elapsed_ms", s.elapsed.count()},
            {"ports_scanned", s.scanned.to_string()},
            {"counts", {{"open", s.count(PortState::open)},
                        {"closed", s.count(PortState::closed)},
                        {"filtered", s.count(PortState::filtered)}}},
            {"ports", ports}};
}

nlohmann::json finding_json(const Finding& f) {
    nlohmann::json j = {{"rule", f.rule},         {"severity", to_string(f.severity)},
                        {"target", f.target},     {"address", f.address},
                        {"location", f.location}, {"title", f.title},
                        {"evidence", f.evidence}, {"fix", f.fix}};
    j["port"] = f.port ? nlohmann::json(*f.port) : nlohmann::json(nullptr);
    return j;
}

}  // namespace

void write_json(const RunReport& report, std::ostream& out) {
    nlohmann::json doc;
    doc["schema_version"] = k_schema_version;
    doc["tool"] = {{"name", "exposcan"}, {"version", report.tool_version}};
    doc["command"] = report.command;
    doc["elapsed_ms"] = report.elapsed.count();
    doc["exit_code"] = static_cast<int>(report.exit_code);
    auto targets = nlohmann::json::array();
    for (const auto& t : report.targets)
        targets.push_back({{"name", t.name}, {"spec", t.spec}, {"address", t.address_string()}});
    doc["targets"] = targets;
    doc["scans"] = nlohmann::json::array();
    for (const auto& s : report.scans) doc["scans"].push_back(scan_json(s));
    doc["findings"] = nlohmann::json::array();
    for (const auto& f : report.findings) doc["findings"].push_back(finding_json(f));
    doc["inconclusive"] = report.inconclusive;
    out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace exposcan::report
