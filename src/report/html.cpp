// --format html: one self-contained page for people (docs/output.md "HTML").
// No script at all, no external fetch: a Content-Security-Policy of
// default-src 'none' (inline style only) makes that a property of the page,
// not only of this code. Every byte from a record goes through xml_escape, so
// a hostile banner cannot open a tag or an attribute.
//
// Per target, the 65,535 ports are a 256 x 256 grid (port p at column p % 256,
// row p / 256): runs of one state are one <rect> each, so an all-filtered
// host is 256 rects, and each open or closed port also gets a large marker so
// that three answering ports stand out among 65,532 silent ones.
#include <array>
#include <ostream>

#include "report/json_records.hpp"
#include "report/writers.hpp"
#include "report/xml_escape.hpp"

namespace exposcan::report {

namespace {

constexpr int k_grid = 256;              // columns (and rows) of the port map
constexpr std::size_t k_max_markers = 512;   // per state: beyond this the ports are a pattern, not a few dots
constexpr std::size_t k_max_closed_rows = 20;  // a host without a firewall: closed ports as ranges, not 65k rows

std::string esc(std::string_view text) { return xml_escape(text); }

const char* k_style = R"(
body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:72em}
h1{margin-bottom:0}h2{border-bottom:1px solid #ccc;margin-top:2em}
.verdict{font-size:1.3em;font-weight:bold;padding:.3em .6em;display:inline-block;border-radius:4px}
.v-clean{background:#d7f5dd}.v-findings{background:#fbd5d5}.v-inconclusive,.v-usage-error{background:#fdf0c4}
table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border:1px solid #ddd;padding:.25em .5em;
text-align:left;vertical-align:top}th{background:#f4f4f4}td.ev{font-family:monospace;word-break:break-all}
.sev-critical{color:#fff;background:#a00}.sev-high{background:#f4b4b4}.sev-medium{background:#fcdca8}
.sev-low{background:#fff3b0}.sev-info{background:#e8eef7}
.portmap{border:1px solid #999;image-rendering:pixelated;background:#fff}
.unscanned{fill:#fff}.filtered{fill:#c9ced6}.closed{fill:#e0a000}.open{fill:#d00000}
.mark-open{fill:#d00000;stroke:#000;stroke-width:.6}.mark-closed{fill:#e0a000;stroke:#000;stroke-width:.6}
.legend span{display:inline-block;width:1em;height:1em;margin:0 .3em 0 1em;vertical-align:middle;border:1px solid #999}
.note{background:#fdf0c4;padding:.3em .6em}
)";

std::string severity_class(Severity s) { return "sev-" + std::string(to_string(s)); }

// `ports` as rects of one class, one per run within a grid row.
void grid_runs(std::ostream& out, const PortSet& ports, const char* cls) {
    ports.for_each_range([&](std::uint32_t first, std::uint32_t last) {
        for (auto p = first; p <= last;) {
            auto row = p / k_grid;
            auto end = std::min(last, row * k_grid + k_grid - 1);
            out << "<rect class=\"" << cls << "\" x=\"" << p % k_grid << "\" y=\"" << row << "\" width=\""
                << end - p + 1 << "\" height=\"1\"/>";
            p = end + 1;
        }
    });
}

void grid_markers(std::ostream& out, const TargetScan& s) {
    bool mark_open = s.count(PortState::open) <= k_max_markers;
    bool mark_closed = s.count(PortState::closed) <= k_max_markers;
    for (const auto& r : s.ports) {
        if (r.state == PortState::filtered || (r.state == PortState::open && !mark_open) ||
            (r.state == PortState::closed && !mark_closed))
            continue;
        out << "<circle class=\"mark-" << to_string(r.state) << "\" cx=\"" << r.port % k_grid + 0.5 << "\" cy=\""
            << r.port / k_grid + 0.5 << "\" r=\"3\"><title>" << r.port << "/tcp " << to_string(r.state) << " ("
            << to_string(r.reason) << ")</title></circle>";
    }
}

void port_map(std::ostream& out, const TargetScan& s) {
    PortSet open, closed;
    for (const auto& r : s.ports) {
        if (r.state == PortState::open) open.add(r.port);
        else if (r.state == PortState::closed) closed.add(r.port);
    }
    out << "<svg class=\"portmap\" viewBox=\"0 0 " << k_grid << ' ' << k_grid
        << "\" width=\"512\" height=\"512\" role=\"img\" aria-label=\"ports 1-65535 of " << esc(s.target.address_string())
        << ": " << open.size() << " open, " << closed.size() << " closed\" data-open=\"" << open.size()
        << "\" data-closed=\"" << closed.size() << "\" data-scanned=\"" << s.scanned.size() << "\">";
    out << "<rect class=\"unscanned\" width=\"" << k_grid << "\" height=\"" << k_grid << "\"/>";
    grid_runs(out, s.scanned, "filtered");
    grid_runs(out, closed, "closed");
    grid_runs(out, open, "open");
    grid_markers(out, s);
    out << "</svg>\n<p class=\"legend\">port p at column p mod 256, row p / 256:"
        << "<span style=\"background:#d00000\"></span>open"
        << "<span style=\"background:#e0a000\"></span>closed"
        << "<span style=\"background:#c9ced6\"></span>filtered"
        << "<span style=\"background:#fff\"></span>not scanned</p>\n";
}

void scan_section(std::ostream& out, const TargetScan& s, std::size_t index) {
    out << "<article class=\"target\" id=\"scan-" << index << "\"><h3>" << esc(s.target.name) << " ("
        << esc(s.target.address_string()) << ")</h3>\n<p>" << s.count(PortState::open) << " open, "
        << s.count(PortState::closed) << " closed, " << s.count(PortState::filtered) << " filtered of "
        << s.scanned.size() << " ports in " << s.elapsed.count() << " ms; smoothed RTT " << s.srtt_us
        << " &#181;s; reachability: " << to_string(s.reachability);
    if (!s.complete) out << "; <strong>incomplete</strong>: " << esc(s.incomplete_reason);
    const auto& st = s.stats;  // why a scan took what it took (docs/scan-engine.md "Stats")
    out << "</p>\n<p class=\"stats\">" << st.connects << " connects (" << st.retransmissions << " retransmissions, "
        << st.loss_probes << " loss probes), " << st.answers << " answers; loss estimate " << st.loss_estimate
        << " from " << st.loss_samples << " samples, " << st.max_tries << " tries per silent port; RTT p50/p90/max "
        << st.rtt_p50_us / 1000.0 << "/" << st.rtt_p90_us / 1000.0 << "/" << st.rtt_max_us / 1000.0
        << " ms, per-try timeout " << st.timeout_us / 1000.0 << " ms; " << static_cast<long long>(st.rate)
        << " connects/s</p>\n";
    port_map(out, s);
    bool closed_rows = s.count(PortState::closed) <= k_max_closed_rows;
    if (!closed_rows) {
        PortSet closed;
        for (const auto& r : s.ports)
            if (r.state == PortState::closed) closed.add(r.port);
        out << "<p>closed (conn-refused): " << closed.to_string() << "</p>\n";
    }
    bool any = false;
    for (const auto& r : s.ports) {
        if (r.state == PortState::closed && !closed_rows) continue;
        if (!any) out << "<table class=\"ports\"><tr><th>port</th><th>state</th><th>reason</th><th>tries</th></tr>\n";
        any = true;
        out << "<tr class=\"" << to_string(r.state) << "-row\"><td>" << r.port << "/tcp</td><td>" << to_string(r.state)
            << "</td><td>" << to_string(r.reason) << "</td><td>" << static_cast<int>(r.tries) << "</td></tr>\n";
    }
    if (any) out << "</table>\n";
    out << "</article>\n";
}

void findings_section(std::ostream& out, const RunReport& report) {
    out << "<section id=\"findings\"><h2>Findings (" << report.findings.size() << ")</h2>\n";
    if (report.findings.empty()) {
        out << "<p>None.</p></section>\n";
        return;
    }
    out << "<table><tr><th>severity</th><th>rule</th><th>where</th><th>what</th><th>evidence</th><th>fix</th></tr>\n";
    for (int sev = static_cast<int>(Severity::critical); sev >= 0; --sev)
        for (const auto& f : report.findings) {
            if (static_cast<int>(f.severity) != sev) continue;
            out << "<tr class=\"finding\"><td class=\"" << severity_class(f.severity) << "\">" << to_string(f.severity)
                << "</td><td>" << esc(f.rule) << "</td><td class=\"ev\">" << esc(f.location) << "</td><td>"
                << esc(f.title) << "</td><td class=\"ev\">" << esc(f.evidence) << "</td><td>" << esc(f.fix)
                << "</td></tr>\n";
        }
    out << "</table></section>\n";
}

void probes_section(std::ostream& out, const RunReport& report) {
    if (report.probes.empty()) return;
    out << "<section id=\"probes\"><h2>Services</h2><table><tr><th>address</th><th>port</th><th>service</th>"
           "<th>exposure</th><th>version</th><th>evidence</th></tr>\n";
    for (const auto& p : report.probes)
        out << "<tr><td>" << esc(p.target.address_string()) << "</td><td>" << p.port << "</td><td>"
            << esc(p.service.empty() ? "unknown" : p.service) << "</td><td>" << to_string(p.exposure) << "</td><td>"
            << esc(p.version) << "</td><td class=\"ev\">" << esc(p.evidence) << "</td></tr>\n";
    out << "</table></section>\n";
}

void leak_section(std::ostream& out, const LeakReport& leak) {
    out << "<section id=\"leak\"><h2>Origin-leak audit: " << esc(leak.domain) << "</h2>\n<p>origins:";
    for (const auto& o : leak.origins) out << ' ' << esc(o);
    out << "</p>\n<table><tr><th>check</th><th>subject</th><th>value</th><th>verdict</th><th>detail</th></tr>\n";
    for (const auto& c : leak.checks)
        out << "<tr class=\"leak-" << esc(c.verdict) << "\"><td>" << esc(c.check) << "</td><td class=\"ev\">"
            << esc(c.subject) << "</td><td class=\"ev\">" << esc(c.value) << "</td><td>" << esc(c.verdict)
            << "</td><td>" << esc(c.detail) << "</td></tr>\n";
    out << "</table></section>\n";
}

void notes_section(std::ostream& out, const RunReport& report) {
    auto notes = reachability_notes(report);
    if (report.inconclusive.empty() && notes.empty() && report.canaries.empty()) return;
    out << "<section id=\"notes\"><h2>Trust</h2>\n";
    for (const auto& why : report.inconclusive) out << "<p class=\"note\">inconclusive: " << esc(why) << "</p>\n";
    for (const auto& note : notes) out << "<p class=\"note\">note: " << esc(note) << "</p>\n";
    for (const auto& c : report.canaries)
        out << "<p>canary " << esc(c.spec) << " (" << esc(c.target.address_string()) << "): "
            << (c.ok() ? "answered before and after the run" : "did NOT answer: the run is inconclusive") << "</p>\n";
    out << "</section>\n";
}

void stats_section(std::ostream& out, const RunReport& report) {
    std::size_t scanned = 0;
    for (const auto& s : report.scans) scanned += s.scanned.size();
    out << "<section id=\"stats\"><h2>Run</h2><table>"
        << "<tr><th>command</th><td>" << esc(report.command) << "</td></tr>"
        << "<tr><th>exposcan</th><td>" << esc(report.tool_version) << "</td></tr>"
        << "<tr><th>started</th><td>" << rfc3339(report.started_at) << "</td></tr>"
        << "<tr><th>elapsed</th><td>" << report.elapsed.count() << " ms</td></tr>"
        << "<tr><th>addresses</th><td>" << report.scans.size() << "</td></tr>"
        << "<tr><th>(address, port) pairs scanned</th><td>" << scanned << "</td></tr>"
        << "<tr><th>service probes</th><td>" << report.probes.size() << "</td></tr>";
    if (!report.vantage.empty()) out << "<tr><th>vantage</th><td>" << esc(report.vantage) << "</td></tr>";
    for (const auto& v : report.vantages)
        out << "<tr><th>vantage " << esc(v.name) << "</th><td>" << v.shards << " report(s) merged</td></tr>";
    if (!report.baseline.empty())
        out << "<tr><th>baseline</th><td>" << esc(report.baseline) << ": " << report.resolved.size() << " resolved, "
            << report.unchanged.size() << " unchanged</td></tr>";
    out << "</table></section>\n";
}

}  // namespace

void write_html(const RunReport& report, std::ostream& out) {
    auto verdict = verdict_name(report.exit_code);
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        << "<title>exposcan: " << verdict << "</title>\n<style>" << k_style << "</style></head>\n<body>\n"
        << "<h1>exposcan report</h1>\n<p class=\"verdict v-" << verdict << "\" id=\"verdict\" data-exit=\""
        << static_cast<int>(report.exit_code) << "\">verdict: " << verdict << " (exit "
        << static_cast<int>(report.exit_code) << ", " << report.findings.size() << " finding(s))</p>\n";
    findings_section(out, report);
    notes_section(out, report);
    out << "<section id=\"targets\"><h2>Ports</h2>\n";
    for (std::size_t i = 0; i < report.scans.size(); ++i) scan_section(out, report.scans[i], i);
    out << "</section>\n";
    probes_section(out, report);
    if (report.leak) leak_section(out, *report.leak);
    stats_section(out, report);
    out << "</body></html>\n";
}

}  // namespace exposcan::report
