// --baseline: a previous JSON report. Identity is Finding::key() (rule +
// target + location), so a changed title or evidence is not a new finding.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "exposcan/error.hpp"
#include "exposcan/run.hpp"
#include "report/json_records.hpp"

namespace exposcan {

std::vector<Finding> load_baseline(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError(path + ": cannot read baseline: " + std::strerror(errno));
    try {
        auto doc = nlohmann::json::parse(in);
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
