// The rule catalog as Markdown: the tables of docs/findings.md (`exposcan
// rules` prints it; tests/unit/report/test_rules_doc.cpp compares the doc).
#include <sstream>

#include "exposcan/report.hpp"

namespace exposcan::report {

namespace {

// A table cell: `|` would end the cell, a newline the row.
std::string cell(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '|') out += "\\|";
        else out += c == '\n' ? ' ' : c;
    }
    return out;
}

std::string severity_text(const RuleInfo& r) {
    if (r.elevated == r.severity) return std::string(to_string(r.severity));
    return std::string(to_string(r.elevated)) + " when " + std::string(r.elevated_when) + ", else " +
           std::string(to_string(r.severity));
}

void rules_table(std::ostream& out) {
    out << "| rule | severity | when | title | fix hint |\n|---|---|---|---|---|\n";
    for (const auto& r : rules::all())
        out << "| `" << r.id << "` | " << cell(severity_text(r)) << " | " << cell(r.description) << " | "
            << cell(r.title) << " | " << cell(r.fix) << " |\n";
}

void sensitive_ports(std::ostream& out) {
    out << "\nDatabase and control-plane ports (`" << rules::id(Rule::port_unexpected_open)
        << "` is critical on them):";
    const char* sep = " ";
    for (auto p : rules::sensitive_ports()) out << sep << p, sep = ", ";
    out << ".\n";
}

void services_table(std::ostream& out) {
    out << "\n| service | rule | severity | fix hint |\n|---|---|---|---|\n";
    for (const auto& s : rules::service_hints()) {
        const auto& r = rules::info(s.rule);
        out << "| " << (s.service.empty() ? "any other service" : cell(s.service)) << " | `" << r.id << "` | "
            << to_string(r.severity_if(s.elevated)) << " | " << cell(s.fix) << " |\n";
    }
}

}  // namespace

std::string rules_markdown() {
    std::ostringstream out;
    rules_table(out);
    sensitive_ports(out);
    services_table(out);
    return out.str();
}

}  // namespace exposcan::report
