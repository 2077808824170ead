// --baseline: a previous JSON report. Identity is Finding::key() (rule +
// target + location), so a changed title or evidence is not a new finding.
#include <nlohmann/json.hpp>
#include <set>

#include "exposcan/error.hpp"
#include "exposcan/read_file.hpp"
#include "exposcan/run.hpp"
#include "report/json_records.hpp"

namespace exposcan {

namespace {

// Only these top-level members are kept while parsing: the ports, probes and
// leak checks of a big report never become a DOM (docs/resource-bounds.md).
bool wanted(const nlohmann::json& key) {
    return key == "schema_version" || key == "findings" || key == "unchanged";
}

nlohmann::json parse_report(const std::string& text) {
    return nlohmann::json::parse(text, [](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
        return event != nlohmann::json::parse_event_t::key || depth != 1 || wanted(parsed);
    });
}

}  // namespace

std::vector<Finding> load_baseline(const std::string& path, std::size_t max_bytes) {
    auto text = read_file_capped(path, max_bytes, "baseline");
    try {
        auto doc = parse_report(text);
        if (!doc.is_object() || doc.value("schema_version", 0) != k_schema_version)
            throw UsageError(path + ": not an exposcan JSON report (schema_version " + std::to_string(k_schema_version) +
                             "); write one with --format json=FILE");
        std::vector<Finding> out;
        // A report made with a baseline lists still-present findings under "unchanged".
        for (const char* list : {"findings", "unchanged"})
            for (const auto& j : doc.value(list, nlohmann::json::array())) out.push_back(report::finding_from_json(j));
        return out;
    } catch (const nlohmann::json::exception& e) {
        throw UsageError(path + ": invalid baseline: " + e.what());
    }
}

void apply_baseline(RunReport& report, const std::vector<Finding>& previous, const std::string& source) {
    std::set<std::string> before;
    for (const auto& f : previous) before.insert(f.key());
    std::set<std::string> now;
    std::vector<Finding> added;
    for (auto& f : report.findings) {
        now.insert(f.key());
        (before.count(f.key()) ? report.unchanged : added).push_back(std::move(f));
    }
    report.findings = std::move(added);
    report.resolved.clear();
    std::set<std::string> seen;
    for (const auto& f : previous)
        if (!now.count(f.key()) && seen.insert(f.key()).second) report.resolved.push_back(f);
    report.baseline = source;
}

}  // namespace exposcan
