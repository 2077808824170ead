// JUnit XML: one <testsuite> per target, one <testcase> per rule x target for
// the rules this run evaluated (RunReport::evaluated), so a CI system shows
// every check that ran as passed or failed, and none that did not run.
// Findings are <failure>s; scan.incomplete is an <error> (the check could not
// run to completion).
#include <algorithm>
#include <map>
#include <sstream>

#include "report/json_records.hpp"
#include "report/writers.hpp"
#include "report/xml_escape.hpp"

namespace exposcan::report {

namespace {

constexpr const char* k_run_suite = "exposcan-run";

using Grouped = std::map<std::string, std::map<std::string, std::vector<const Finding*>>>;

std::string details(const std::vector<const Finding*>& findings) {
    std::string out;
    for (const auto* f : findings)
        out += "[" + std::string(to_string(f->severity)) + "] " + f->location + ": " + f->title +
               "\nevidence: " + f->evidence + "\nfix: " + f->fix + "\n";
    return out;
}

enum class CaseKind { pass, failure, error };

// scan.incomplete is an error; findings that are all information (a port
// speaks TLS) pass, as they never fail the run; anything else fails.
CaseKind kind_of(const std::string& rule, const std::vector<const Finding*>& findings) {
    if (findings.empty()) return CaseKind::pass;
    if (rule == rules::id(Rule::scan_incomplete)) return CaseKind::error;
    for (const auto* f : findings)
        if (f->severity != Severity::info) return CaseKind::failure;
    return CaseKind::pass;
}

void write_case(std::ostream& out, const std::string& target, const std::string& rule,
                const std::vector<const Finding*>& findings) {
    out << "    <testcase classname=\"exposcan." << xml_escape(target) << "\" name=\"" << xml_escape(rule) << "\"";
    if (findings.empty()) { out << "/>\n"; return; }
    out << ">\n";
    const auto kind = kind_of(rule, findings);
    if (kind == CaseKind::pass) {
        out << "      <system-out>" << xml_escape(details(findings)) << "</system-out>\n    </testcase>\n";
        return;
    }
    auto tag = kind == CaseKind::error ? "error" : "failure";
    const auto* worst = *std::max_element(findings.begin(), findings.end(), [](const Finding* a, const Finding* b) {
        return a->severity < b->severity;
    });
    out << "      <" << tag << " message=\"" << xml_escape(std::to_string(findings.size()) + " finding(s): " + worst->title)
        << "\" type=\"" << xml_escape(std::string(to_string(worst->severity))) << "\">"
        << xml_escape(details(findings)) << "</" << tag << ">\n";
    out << "    </testcase>\n";
}

Grouped group(const RunReport& report) {
    Grouped g;
    for (const auto& [target, families] : report.evaluated)
        for (const auto& r : rules::all())
            if (families.contains(r.family)) g[target][std::string(r.id)];
    for (const auto& f : report.findings) g[f.target][f.rule].push_back(&f);
    return g;
}

}  // namespace

void write_junit(const RunReport& report, std::ostream& out) {
    auto groups = group(report);
    std::size_t tests = 0, failures = 0, errors = 0;
    std::ostringstream suites;
    for (const auto& [target, by_rule] : groups) {
        std::size_t f = 0, e = 0;
        std::ostringstream cases;
        for (const auto& [rule, findings] : by_rule) {
            write_case(cases, target, rule, findings);
            const auto kind = kind_of(rule, findings);
            if (kind != CaseKind::pass) ++(kind == CaseKind::error ? e : f);
        }
        suites << "  <testsuite name=\"" << xml_escape(target) << "\" tests=\"" << by_rule.size() << "\" failures=\"" << f
               << "\" errors=\"" << e << "\" skipped=\"0\" time=\"" << report.elapsed.count() / 1000.0 << "\">\n"
               << cases.str() << "  </testsuite>\n";
        tests += by_rule.size(), failures += f, errors += e;
    }
    // The run itself as a check: an inconclusive part shows as an error in CI
    // even when no target-level record carries it (e.g. a leak DNS timeout).
    std::string why;
    for (const auto& line : report.inconclusive) why += line + "\n";
    // Unproven reachability is a check that could not be made: skipped, not passed.
    std::string unproven;
    for (const auto& note : reachability_notes(report)) unproven += note + "\n";
    suites << "  <testsuite name=\"" << k_run_suite << "\" tests=\"2\" failures=\"0\" errors=\"" << (why.empty() ? 0 : 1)
           << "\" skipped=\"" << (unproven.empty() ? 0 : 1) << "\">\n";
    if (!report.vantage.empty())
        suites << "    <properties><property name=\"vantage\" value=\"" << xml_escape(report.vantage)
               << "\"/></properties>\n";
    suites << "    <testcase classname=\"exposcan.run\" name=\"run.complete\"";
    if (why.empty()) suites << "/>\n";
    else suites << ">\n      <error message=\"inconclusive\" type=\"inconclusive\">" << xml_escape(why) << "</error>\n    </testcase>\n";
    suites << "    <testcase classname=\"exposcan.run\" name=\"run.reachability\"";
    if (unproven.empty()) suites << "/>\n";
    else suites << ">\n      <skipped message=\"" << xml_escape(unproven) << "\"/>\n    </testcase>\n";
    suites << "  </testsuite>\n";
    tests += 2, errors += why.empty() ? 0 : 1;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        << "<testsuites name=\"exposcan\" tests=\"" << tests << "\" failures=\"" << failures << "\" errors=\"" << errors
        << "\" time=\"" << report.elapsed.count() / 1000.0 << "\">\n"
        << suites.str() << "</testsuites>\n";
}

}  // namespace exposcan::report
