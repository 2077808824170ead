// merge: reading one shard report (merge.hpp load_shard_report).
#include <nlohmann/json.hpp>

#include "exposcan/error.hpp"
#include "exposcan/merge.hpp"
#include "exposcan/read_file.hpp"
#include "exposcan/vantage.hpp"
#include "report/json_records.hpp"

namespace exposcan {

namespace {

std::string first_line(std::string text) {
    if (auto nl = text.find('\n'); nl != std::string::npos) text.resize(nl);
    return text.substr(0, 200);
}

}  // namespace

RunReport load_shard_report(const std::string& path, std::size_t max_bytes) {
    auto text = read_file_capped(path, max_bytes, "shard report");
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw UsageError(path + ": truncated or invalid JSON (" + first_line(e.what()) + ")");
    }
    if (!doc.is_object() || doc.value("schema_version", 0) != k_schema_version)
        throw UsageError(path + ": not an exposcan JSON report (schema_version " + std::to_string(k_schema_version) +
                         "); write shards with --format json=FILE");
    if (auto cmd = doc.value("command", ""); cmd != "scan" && cmd != "check")
        throw UsageError(path + ": not a scan or check report (merge combines `scan --shard` or `check --shard`)");
    if (!doc.contains("work") || doc["work"].is_null()) {
        auto why = doc.value("inconclusive", nlohmann::json::array());
        if (!why.empty()) throw IncompleteError(path + ": the shard's run failed: " + first_line(why[0].dump()));
        throw UsageError(path + ": has no work description (made by an exposcan without --shard support)");
    }
    if (auto v = doc.find("vantages"); v != doc.end() && v->is_array() && !v->empty())
        throw UsageError(path + ": a merged report of several vantages; merge the vantages' own reports");
    RunReport r;
    try {
        r = report::scan_report_from_json(doc);
    } catch (const nlohmann::json::exception& e) {
        throw UsageError(path + ": invalid report: " + first_line(e.what()));
    } catch (const std::exception& e) {
        throw UsageError(path + ": invalid report: " + first_line(e.what()));
    }
    if (auto problem = vantage_name_problem(r.vantage); problem && !r.vantage.empty())
        throw UsageError(path + ": invalid report: vantage: " + *problem);
    return r;
}

}  // namespace exposcan
