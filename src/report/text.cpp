#include "report/writers.hpp"

namespace exposcan::report {

void write_text(const RunReport& report, std::ostream& out, const WriteOptions& options) {
    for (const auto& s : report.scans) {
        out << s.target.name << " (" << s.target.address_string() << "): "
            << s.count(PortState::open) << " open, " << s.count(PortState::closed) << " closed, "
            << s.count(PortState::filtered) << " filtered in " << s.elapsed.count() << " ms"
            << (s.complete ? "" : " [INCOMPLETE: " + s.incomplete_reason + "]") << '\n';
        for (const auto& r : s.ports) {
            if (r.state == PortState::filtered && !options.verbose) continue;
            out << "  " << r.port << "/tcp " << to_string(r.state) << " " << to_string(r.reason) << '\n';
        }
    }
    for (const auto& f : report.findings)
        out << "[" << to_string(f.severity) << "] " << f.rule << " " << f.location << ": " << f.title << '\n';
    for (const auto& why : report.inconclusive) out << "inconclusive: " << why << '\n';
}

}  // namespace exposcan::report
