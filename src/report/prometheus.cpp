// Prometheus text exposition format for node_exporter's textfile collector.
// Per-port series only for ports that answered (open/closed): a filtered
// 65,535-port scan would otherwise write 65,535 series; exposcan_ports counts them.
#include <chrono>
#include <map>

#include "report/writers.hpp"

namespace exposcan::report {

namespace {

// Label values: backslash, double quote and newline escaped (exposition format).
std::string label(std::string_view v) {
    std::string out;
    for (char c : v) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

void header(std::ostream& out, const char* name, const char* help) {
    out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << " gauge\n";
}

void port_series(const RunReport& report, std::ostream& out) {
    header(out, "exposcan_target_info", "1 for each resolved target address of the run.");
    for (const auto& t : report.targets)
        out << "exposcan_target_info{target=\"" << label(t.name) << "\",address=\"" << label(t.address_string())
            << "\",spec=\"" << label(t.spec) << "\"} 1\n";
    header(out, "exposcan_port_state", "1 for each port that answered, by state (open or closed).");
    for (const auto& s : report.scans)
        for (const auto& r : s.ports)
            if (r.state != PortState::filtered)
                out << "exposcan_port_state{target=\"" << label(s.target.name) << "\",address=\""
                    << label(s.target.address_string()) << "\",port=\"" << r.port << "\",state=\""
                    << to_string(r.state) << "\"} 1\n";
    header(out, "exposcan_ports", "Number of scanned ports per target address and state.");
    for (const auto& s : report.scans)
        for (auto st : {PortState::open, PortState::closed, PortState::filtered})
            out << "exposcan_ports{target=\"" << label(s.target.name) << "\",address=\""
                << label(s.target.address_string()) << "\",state=\"" << to_string(st) << "\"} " << s.count(st) << '\n';
}

void reachability_series(const RunReport& report, std::ostream& out) {
    header(out, "exposcan_reachability_proven",
           "1 if the address answered or a canary of its family answered before and after the run, else 0.");
    for (const auto& s : report.scans) {
        bool proven = s.reachability == Reachability::answered || s.reachability == Reachability::canary;
        out << "exposcan_reachability_proven{target=\"" << label(s.target.name) << "\",address=\""
            << label(s.target.address_string()) << "\",reachability=\"" << to_string(s.reachability) << "\"} "
            << (proven ? 1 : 0) << '\n';
    }
}

void finding_series(const RunReport& report, std::ostream& out) {
    std::map<std::pair<std::string, std::string>, int> counts;
    for (const auto& f : report.findings) ++counts[{f.rule, std::string(to_string(f.severity))}];
    header(out, "exposcan_findings", "Findings of this run by rule and severity (new ones only with a baseline).");
    for (const auto& [key, n] : counts)
        out << "exposcan_findings{rule=\"" << label(key.first) << "\",severity=\"" << label(key.second) << "\"} " << n << '\n';
}

}  // namespace

void write_prometheus(const RunReport& report, std::ostream& out) {
    port_series(report, out);
    reachability_series(report, out);
    finding_series(report, out);
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(report.started_at.time_since_epoch()).count();
    header(out, "exposcan_last_run_timestamp_seconds", "When the last run started, Unix time.");
    out << "exposcan_last_run_timestamp_seconds " << seconds << '\n';
    header(out, "exposcan_last_run_duration_seconds", "How long the last run took.");
    out << "exposcan_last_run_duration_seconds " << report.elapsed.count() / 1000.0 << '\n';
    header(out, "exposcan_run_success", "1 if the run completed (exit code 0 or 1), 0 if inconclusive or failed.");
    bool ok = report.exit_code == ExitCode::clean || report.exit_code == ExitCode::findings;
    out << "exposcan_run_success " << (ok ? 1 : 0) << '\n';
    if (!report.vantage.empty()) {
        header(out, "exposcan_run_info", "The run's labels: --vantage, the place it scanned from.");
        out << "exposcan_run_info{vantage=\"" << label(report.vantage) << "\"} 1\n";
    }
    header(out, "exposcan_exit_code",
           "The exit code of the last run (0 clean, 1 findings, 2 inconclusive, 3 usage or config error).");
    out << "exposcan_exit_code " << static_cast<int>(report.exit_code) << '\n';
}

}  // namespace exposcan::report
