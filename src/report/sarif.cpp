// SARIF 2.1.0 (OASIS): one run; tool.driver.rules = the catalog's rules this
// run evaluated (RunReport::evaluated), plus any other rule a result names
// (e.g. a resolved baseline finding); results located at tcp://host:port.
// Validated against the official schema in tests.
#include <algorithm>
#include <map>

#include "report/json_records.hpp"
#include "report/writers.hpp"

namespace exposcan::report {

namespace {

std::string_view level_of(Severity s) {
    if (s >= Severity::high) return "error";
    if (s == Severity::medium) return "warning";
    return "note";
}

nlohmann::json rule_json(const RuleInfo& info) {
    return {{"id", info.id},
            {"name", info.name},
            {"shortDescription", {{"text", info.title}}},
            {"fullDescription", {{"text", info.description}}},
            {"help", {{"text", info.fix}}},
            {"defaultConfiguration", {{"level", level_of(info.severity)}}}};
}

// A rule this version does not know (from another version's baseline): described by its finding.
nlohmann::json unknown_rule_json(const Finding& example) {
    auto help = example.fix.empty() ? example.rule : example.fix;
    return {{"id", example.rule},
            {"shortDescription", {{"text", example.title}}},
            {"fullDescription", {{"text", example.title}}},
            {"help", {{"text", help}}},
            {"defaultConfiguration", {{"level", level_of(example.severity)}}}};
}

nlohmann::json result_json(const Finding& f, std::size_t rule_index, std::string_view baseline_state) {
    nlohmann::json r = {
        {"ruleId", f.rule},
        {"ruleIndex", rule_index},
        {"level", level_of(f.severity)},
        {"message", {{"text", f.title + (f.evidence.empty() ? "" : " [" + f.evidence + "]")}}},
        {"locations", {{{"physicalLocation", {{"artifactLocation", {{"uri", f.location}}}}}}}},
        {"partialFingerprints", {{"exposcanFindingKey/v1", f.key()}}},
        {"properties", {{"severity", to_string(f.severity)}, {"target", f.target}, {"address", f.address},
                        {"evidence", f.evidence}, {"fix", f.fix}}}};
    if (!baseline_state.empty()) r["baselineState"] = baseline_state;
    return r;
}

}  // namespace

void write_sarif(const RunReport& report, std::ostream& out) {
    std::map<std::string, std::size_t> index;
    auto descriptors = nlohmann::json::array();  // tool.driver.rules
    auto results = nlohmann::json::array();
    bool with_baseline = !report.baseline.empty();
    auto add_rule = [&](std::string_view id, const Finding* example) {
        auto [it, fresh] = index.try_emplace(std::string(id), descriptors.size());
        if (!fresh) return it->second;
        const auto* info = rules::find(id);
        descriptors.push_back(info ? rule_json(*info) : unknown_rule_json(*example));
        return it->second;
    };
    for (const auto& r : rules::all())
        if (std::any_of(report.evaluated.begin(), report.evaluated.end(),
                        [&](const auto& target) { return target.second.contains(r.family); }))
            add_rule(r.id, nullptr);
    auto add = [&](const Finding& f, std::string_view state) {
        results.push_back(result_json(f, add_rule(f.rule, &f), state));
    };
    for (const auto& f : report.findings) add(f, with_baseline ? "new" : "");
    for (const auto& f : report.resolved) add(f, "absent");
    auto notes = nlohmann::json::array();
    for (const auto& why : report.inconclusive)
        notes.push_back({{"level", "warning"}, {"message", {{"text", "inconclusive: " + why}}}});
    for (const auto& note : reachability_notes(report))
        notes.push_back({{"level", "note"}, {"message", {{"text", note}}}});
    nlohmann::json invocation = {{"executionSuccessful", report.exit_code == ExitCode::clean ||
                                                             report.exit_code == ExitCode::findings},
                                 {"exitCode", static_cast<int>(report.exit_code)},
                                 {"toolExecutionNotifications", notes},
                                 {"startTimeUtc", rfc3339(report.started_at)}};
    nlohmann::json driver = {{"name", "exposcan"},
                             {"version", report.tool_version.empty() ? "0" : report.tool_version},
                             {"rules", descriptors}};
    auto targets = nlohmann::json::array();
    for (const auto& t : report.targets) targets.push_back(t.name + "=" + t.address_string());
    nlohmann::json run = {{"tool", {{"driver", driver}}}, {"invocations", {invocation}}, {"results", results},
                          {"properties", {{"targets", targets}}}};
    // --vantage: runs of one job from several places are separate analyses
    // (a code-scanning "category" each), not one overwriting the other.
    if (!report.vantage.empty()) {
        run["automationDetails"] = {{"id", "exposcan/vantage/" + report.vantage + "/"}};
        run["properties"]["vantage"] = report.vantage;
    }
    nlohmann::json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                          {"version", "2.1.0"},
                          {"runs", {run}}};
    out << dump(doc, 2) << '\n';
}

}  // namespace exposcan::report
