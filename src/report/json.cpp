// The JSON document (docs/output.md). The small parts are nlohmann objects;
// scans[].ports is streamed one port object at a time (json_stream.hpp), so a
// 65,535-port scan never becomes a DOM of 65,535 objects.
#include "report/json_records.hpp"
#include "report/json_stream.hpp"
#include "report/writers.hpp"

namespace exposcan::report {

namespace {

template <typename T, typename F>
nlohmann::json array_of(const std::vector<T>& items, F&& to_json) {
    auto out = nlohmann::json::array();
    for (const auto& item : items) out.push_back(to_json(item));
    return out;
}

void write_scan(const TargetScan& s, std::ostream& out, int depth) {
    auto ports = [&s](std::ostream& o, int d) {
        write_array(o, d, s.ports.size(), [&s](std::size_t i, std::ostream& o2, int d2) {
            write_nested(o2, port_json(s.ports[i]), d2);
        });
    };
    write_object(out, depth, scan_json(s, false), {{"ports", ports}});
}

// merge of several vantages: each one's own scans, ports included (small:
// only answered ports are listed, model.hpp TargetScan).
nlohmann::json vantages_json(const std::vector<VantageScans>& vantages) {
    auto out = nlohmann::json::array();
    for (const auto& v : vantages) {
        auto scans = nlohmann::json::array();
        for (const auto& s : v.scans) scans.push_back(scan_json(s, true));
        out.push_back({{"name", v.name}, {"shards", v.shards}, {"scans", scans}});
    }
    return out;
}

}  // namespace

void write_json(const RunReport& report, std::ostream& out) {
    nlohmann::json doc;
    doc["schema_version"] = k_schema_version;
    doc["tool"] = {{"name", "exposcan"}, {"version", report.tool_version}};
    doc["command"] = report.command;
    doc["started_at"] = rfc3339(report.started_at);
    doc["elapsed_ms"] = report.elapsed.count();
    doc["targets"] = array_of(report.targets, target_json);
    doc["probes"] = array_of(report.probes, probe_json);
    doc["leak"] = report.leak ? leak_json(*report.leak) : nlohmann::json(nullptr);
    doc["findings"] = array_of(report.findings, finding_json);
    doc["baseline"] = report.baseline.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.baseline);
    doc["resolved"] = array_of(report.resolved, finding_json);
    doc["unchanged"] = array_of(report.unchanged, finding_json);
    doc["canaries"] = array_of(report.canaries, canary_json);
    doc["inconclusive"] = report.inconclusive;
    doc["notes"] = reachability_notes(report);
    doc["work"] = report.work ? work_json(*report.work) : nlohmann::json(nullptr);
    doc["shard"] = report.shard ? shard_json(*report.shard) : nlohmann::json(nullptr);
    doc["vantage"] = report.vantage.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.vantage);
    doc["vantages"] = vantages_json(report.vantages);
    doc["summary"] = summary_json(report);
    doc["verdict"] = verdict_name(report.exit_code);
    doc["exit_code"] = static_cast<int>(report.exit_code);
    auto scans = [&report](std::ostream& o, int d) {
        write_array(o, d, report.scans.size(),
                    [&report](std::size_t i, std::ostream& o2, int d2) { write_scan(report.scans[i], o2, d2); });
    };
    write_object(out, 0, doc, {{"scans", scans}});
    out << '\n';
}

}  // namespace exposcan::report
