// JSON Lines: one self-describing object per line ("type" first), so a stream
// consumer (jq -c, a log shipper) needs no document parser. Silent (filtered,
// no-response) ports are counted in the scan record, not listed.
#include "report/json_records.hpp"
#include "report/writers.hpp"

namespace exposcan::report {

namespace {

void line(std::ostream& out, const char* type, nlohmann::json j) {
    nlohmann::json rec = {{"type", type}};
    rec.update(j);
    out << dump(rec, -1) << '\n';
}

}  // namespace

void write_jsonl(const RunReport& report, std::ostream& out) {
    line(out, "run", {{"schema_version", k_schema_version}, {"tool", "exposcan"}, {"version", report.tool_version},
                      {"command", report.command}, {"started_at", rfc3339(report.started_at)},
                      {"vantage", report.vantage.empty() ? nlohmann::json(nullptr) : nlohmann::json(report.vantage)}});
    for (const auto& t : report.targets) line(out, "target", target_json(t));
    for (const auto& s : report.scans) {
        line(out, "scan", scan_json(s, false));
        for (const auto& r : s.ports) {
            auto j = port_json(r);
            j["target"] = s.target.name;
            j["address"] = s.target.address_string();
            line(out, "port", j);
        }
    }
    for (const auto& p : report.probes) line(out, "probe", probe_json(p));
    if (report.leak)
        for (const auto& c : report.leak->checks)
            line(out, "leak", {{"domain", report.leak->domain}, {"check", c.check}, {"subject", c.subject},
                               {"value", c.value}, {"verdict", c.verdict}, {"detail", c.detail}});
    for (const auto& f : report.findings) line(out, "finding", finding_json(f));
    for (const auto& f : report.resolved) line(out, "resolved", finding_json(f));
    for (const auto& f : report.unchanged) line(out, "unchanged", finding_json(f));
    for (const auto& c : report.canaries) line(out, "canary", canary_json(c));
    for (const auto& why : report.inconclusive) line(out, "inconclusive", {{"reason", why}});
    for (const auto& note : reachability_notes(report)) line(out, "note", {{"text", note}});
    auto summary = summary_json(report);
    summary["elapsed_ms"] = report.elapsed.count();
    line(out, "summary", summary);
}

}  // namespace exposcan::report
