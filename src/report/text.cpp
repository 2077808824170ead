// Human output: per address a short port table (open and closed with the
// reason, filtered as a count; -v lists filtered ports that gave a reason),
// then findings by severity with their fix, then the verdict.
#include <array>
#include <iomanip>
#include <sstream>

#include "report/json_records.hpp"
#include "report/writers.hpp"

namespace exposcan::report {

namespace {

struct Paint {
    bool on;
    std::string operator()(std::string_view text, const char* code) const {
        return on ? "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m" : std::string(text);
    }
};

const char* severity_colour(Severity s) {
    constexpr std::array<const char*, 5> k_colours = {"2", "36", "33", "31", "1;31"};
    return k_colours[static_cast<std::size_t>(s)];
}

constexpr std::size_t k_max_closed_lines = 20;

std::string closed_ports(const TargetScan& s) {
    PortSet closed;
    for (const auto& r : s.ports)
        if (r.state == PortState::closed) closed.add(r.port);
    return closed.to_string();
}

// One line: what the engine did, so a slow scan shows why (more tries from
// measured loss, a long timeout from the RTT, a low rate).
void write_stats(const ScanStats& st, std::ostream& out) {
    auto ms = [](std::uint32_t us) {
        if (us < 1000) return std::to_string(us) + " us";
        std::ostringstream o;
        o << std::fixed << std::setprecision(1) << us / 1000.0 << " ms";
        return o.str();
    };
    std::ostringstream loss;
    loss << std::fixed << std::setprecision(1) << st.loss_estimate * 100 << " %";
    out << "  stats: " << st.connects << " connects (" << st.retransmissions << " retransmissions, "
        << st.loss_probes << " loss probes), " << st.answers << " answers; tries open/closed/filtered "
        << st.tries_open << '/' << st.tries_closed << '/' << st.tries_filtered << "; loss " << loss.str() << " ("
        << st.loss_lost << '/' << st.loss_samples << "), up to " << st.max_tries << " tries; rtt p50 "
        << ms(st.rtt_p50_us) << " p90 " << ms(st.rtt_p90_us) << " max " << ms(st.rtt_max_us) << ", timeout "
        << ms(st.timeout_us) << "; " << static_cast<std::uint64_t>(st.rate + 0.5) << " connects/s\n";
}

void write_scan(const TargetScan& s, std::ostream& out, const WriteOptions& options, const Paint& paint) {
    out << paint(s.target.name, "1") << " (" << s.target.address_string() << "): " << s.count(PortState::open)
        << " open, " << s.count(PortState::closed) << " closed, " << s.count(PortState::filtered) << " filtered of "
        << s.scanned.size() << " ports in " << s.elapsed.count() << " ms";
    if (!s.complete) out << ' ' << paint("[INCOMPLETE: " + s.incomplete_reason + "]", "33");
    out << '\n';
    if (options.verbose) write_stats(s.stats, out);
    // A host without a firewall answers RST everywhere: list closed ports one
    // per line only while that stays readable.
    bool list_closed = options.verbose || s.count(PortState::closed) <= k_max_closed_lines;
    if (!list_closed) out << "  closed: " << closed_ports(s) << " (conn-refused)\n";
    for (const auto& r : s.ports) {
        if (r.state == PortState::filtered && !options.verbose) continue;
        if (r.state == PortState::closed && !list_closed) continue;
        auto state = std::string(to_string(r.state));
        out << "  " << std::setw(5) << r.port << "/tcp  "
            << paint(state, r.state == PortState::open ? "31" : "0") << std::string(9 - state.size(), ' ')
            << to_string(r.reason) << '\n';
    }
}

void write_findings(const std::vector<Finding>& findings, std::ostream& out, const Paint& paint) {
    for (int sev = static_cast<int>(Severity::critical); sev >= 0; --sev) {
        for (const auto& f : findings) {
            if (static_cast<int>(f.severity) != sev) continue;
            auto tag = "[" + std::string(to_string(f.severity)) + "]";
            out << paint(tag, severity_colour(f.severity)) << ' ' << f.rule << ' ' << f.location << ": " << f.title << '\n';
            if (!f.evidence.empty()) out << "    evidence: " << f.evidence << '\n';
            if (!f.fix.empty()) out << "    fix: " << f.fix << '\n';
        }
    }
}

// "[TLSv1.3 CN = a.example, self-signed, until 2027-12-03T10:00:00Z]" after a
// probe line (strings were sanitized when the probe result was built).
std::string tls_note(const ProbeResult& p) {
    if (!p.tls) return "";
    const auto& t = *p.tls;
    return " [" + t.version + " " + t.subject + (t.self_signed ? ", self-signed" : "") +
           (t.expired ? ", expired " : ", until ") + t.not_after + "]";
}

std::string ports_in(const TargetScan& s, PortState state) {
    PortSet ports;
    for (const auto& r : s.ports)
        if (r.state == state) ports.add(r.port);
    return ports.empty() ? "-" : ports.to_string();
}

// merge of several vantages: the table above is the most exposed state per
// port; here what each vantage saw of each address.
void write_vantages(const std::vector<VantageScans>& vantages, std::ostream& out) {
    for (const auto& v : vantages) {
        out << "from vantage " << v.name << " (" << v.shards << (v.shards == 1 ? " report" : " shard reports") << "):\n";
        for (const auto& s : v.scans)
            out << "  " << s.target.name << " (" << s.target.address_string() << "): open " << ports_in(s, PortState::open)
                << ", closed " << ports_in(s, PortState::closed) << ", " << s.count(PortState::filtered) << " filtered"
                << (s.complete ? "" : " [INCOMPLETE]") << '\n';
    }
}

}  // namespace

void write_text(const RunReport& report, std::ostream& out, const WriteOptions& options) {
    Paint paint{options.color};
    out << "targets:";
    for (const auto& t : report.targets) out << ' ' << t.name << '=' << t.address_string();
    out << '\n';
    if (!report.vantage.empty()) out << "vantage: " << report.vantage << '\n';
    for (const auto& s : report.scans) write_scan(s, out, options, paint);
    write_vantages(report.vantages, out);
    for (const auto& p : report.probes)
        out << "  probe " << p.target.address_string() << ':' << p.port << ' '
            << (p.service.empty() ? "unknown" : p.service) << ": " << to_string(p.exposure)
            << (p.version.empty() ? "" : " " + p.version) << tls_note(p) << '\n';
    if (!report.findings.empty()) out << '\n' << paint(report.baseline.empty() ? "Findings" : "New findings", "1") << '\n';
    write_findings(report.findings, out, paint);
    if (!report.resolved.empty()) out << '\n' << paint("Resolved since the baseline", "1") << '\n';
    for (const auto& f : report.resolved) out << "  " << f.rule << ' ' << f.location << ": " << f.title << '\n';
    if (!report.unchanged.empty()) out << report.unchanged.size() << " finding(s) unchanged since the baseline\n";
    for (const auto& why : report.inconclusive) out << paint("inconclusive: ", "33") << why << '\n';
    for (const auto& note : reachability_notes(report)) out << paint("note: ", "33") << note << '\n';
    auto verdict = verdict_name(report.exit_code);
    out << "\nverdict: " << paint(verdict, report.exit_code == ExitCode::clean ? "32" : "31") << " (exit "
        << static_cast<int>(report.exit_code) << ", " << report.findings.size() << " finding(s))\n";
}

}  // namespace exposcan::report
