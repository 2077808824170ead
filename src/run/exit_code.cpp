// The pipeline gate (docs/policy.md "Exit codes"). scan.incomplete is never a
// failing finding: an unfinished part makes the run inconclusive (2) instead.
#include <algorithm>

#include "exposcan/run.hpp"

namespace exposcan {

namespace {

bool fails_gate(const Finding& f, const GateOptions& gate) {
    return gate.fail_on && f.rule != rules::id(Rule::scan_incomplete) && f.severity >= *gate.fail_on;
}

bool any_inconclusive(const RunReport& report) {
    if (!report.inconclusive.empty()) return true;
    if (report.leak && !report.leak->inconclusive.empty()) return true;
    return std::any_of(report.scans.begin(), report.scans.end(), [](const TargetScan& s) { return !s.complete; });
}

}  // namespace

ExitCode decide_exit_code(const RunReport& report, const GateOptions& gate) {
    auto fails = [&](const Finding& f) { return fails_gate(f, gate); };
    bool failing = std::any_of(report.findings.begin(), report.findings.end(), fails) ||
                   (gate.fail_on_any && std::any_of(report.unchanged.begin(), report.unchanged.end(), fails));
    if (failing) return ExitCode::findings;
    if (any_inconclusive(report)) return ExitCode::inconclusive;
    return ExitCode::clean;
}

ExitCode decide_exit_code(const RunReport& report) { return decide_exit_code(report, GateOptions{}); }

}  // namespace exposcan
