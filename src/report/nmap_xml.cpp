// nmap's XML output (`nmap -sT -oX`, xmloutputversion 1.05), so the tools users
// already have read exposcan's results: ndiff, Metasploit's db_import,
// nmap-parse-output, libnmap. Shaped like nmap's own: every host "up" with
// reason user-set (exposcan scans like -Pn: no host discovery), open ports
// always listed, a closed or filtered state with more than 25 ports folded
// into <extraports> with one <extrareasons> per reason (nmap's
// PortList::isIgnoredState without -v). Silent ports are filtered/no-response.
// Services only where a probe identified one (method="probed"): exposcan does
// not guess names from a services table as nmap does (method="table").
#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <vector>

#include "report/writers.hpp"
#include "report/xml_escape.hpp"

namespace exposcan::report {

namespace {

constexpr std::size_t k_max_listed_per_state = 25;  // nmap's max_per_state

using ByReason = std::map<Reason, PortSet>;

struct HostPorts {
    std::map<PortState, ByReason> by_state;  // closed and filtered; open is always listed
    std::vector<PortResult> listed;          // sorted by port
};

std::size_t total(const ByReason& reasons) {
    std::size_t n = 0;
    for (const auto& [reason, ports] : reasons) n += ports.size();
    return n;
}

bool folded(const HostPorts& h, PortState state) {
    auto it = h.by_state.find(state);
    return it != h.by_state.end() && total(it->second) > k_max_listed_per_state;
}

// nmap's order (PortList::nextIgnoredState): the larger count first, closed
// before filtered on a tie. ndiff compares the extraports in document order.
std::vector<PortState> folded_states(const HostPorts& h) {
    std::vector<PortState> states;
    for (auto state : {PortState::closed, PortState::filtered})
        if (folded(h, state)) states.push_back(state);
    std::stable_sort(states.begin(), states.end(), [&h](PortState a, PortState b) {
        return total(h.by_state.at(a)) > total(h.by_state.at(b));
    });
    return states;
}

HostPorts classify(const TargetScan& scan) {
    HostPorts h;
    PortSet silent = scan.scanned;
    for (const auto& r : scan.ports) {
        silent.remove(r.port);
        if (r.state != PortState::open) h.by_state[r.state][r.reason].add(r.port);
    }
    if (!silent.empty()) h.by_state[PortState::filtered][Reason::no_response].add_all(silent);
    for (const auto& r : scan.ports)
        if (r.state == PortState::open || !folded(h, r.state)) h.listed.push_back(r);
    if (!folded(h, PortState::filtered))
        for (auto p : silent.to_vector()) h.listed.push_back({p, PortState::filtered, Reason::no_response, 0, 0});
    std::sort(h.listed.begin(), h.listed.end(), [](const auto& a, const auto& b) { return a.port < b.port; });
    return h;
}

std::int64_t unix_seconds(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

// nmap's startstr/timestr: ctime()'s layout, here in UTC so reports compare.
std::string ctime_string(std::chrono::system_clock::time_point t) {
    auto secs = static_cast<std::time_t>(unix_seconds(t));
    std::tm tm{};
    ::gmtime_r(&secs, &tm);
    char buf[64];
    auto n = std::strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y", &tm);
    return std::string(buf, n);
}

void write_extraports(std::ostream& out, PortState state, const ByReason& reasons) {
    out << "<extraports state=\"" << to_string(state) << "\" count=\"" << total(reasons) << "\">\n";
    std::vector<std::pair<Reason, const PortSet*>> order;
    for (const auto& [reason, ports] : reasons) order.emplace_back(reason, &ports);
    // nmap lists the most frequent reason first.
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.second->size() > b.second->size(); });
    for (const auto& [reason, ports] : order)
        out << "<extrareasons reason=\"" << to_string(reason) << "\" count=\"" << ports->size()
            << "\" proto=\"tcp\" ports=\"" << ports->to_string() << "\"/>\n";
    out << "</extraports>\n";
}

void write_service(std::ostream& out, const ProbeResult& p) {
    out << "<service name=\"" << xml_escape(p.service) << "\"";
    if (!p.version.empty()) out << " version=\"" << xml_escape(p.version) << "\"";
    if (p.over_tls) out << " tunnel=\"ssl\"";
    out << " method=\"probed\" conf=\"10\"/>";
}

void write_port(std::ostream& out, const PortResult& r, const ProbeResult* probe) {
    out << "<port protocol=\"tcp\" portid=\"" << r.port << "\"><state state=\"" << to_string(r.state)
        << "\" reason=\"" << to_string(r.reason) << "\" reason_ttl=\"0\"/>";
    if (probe) write_service(out, *probe);
    out << "</port>\n";
}

// A probe that named its service, for this address and port.
const ProbeResult* probe_for(const RunReport& report, const Target& t, std::uint16_t port) {
    for (const auto& p : report.probes)
        if (p.port == port && !p.service.empty() && p.target.address == t.address) return &p;
    return nullptr;
}

void write_host(std::ostream& out, const RunReport& report, const TargetScan& scan) {
    const auto& t = scan.target;
    auto h = classify(scan);
    auto start = unix_seconds(report.started_at);
    auto end = unix_seconds(report.started_at + scan.elapsed);
    out << "<host starttime=\"" << start << "\" endtime=\"" << end << "\">"
        << "<status state=\"up\" reason=\"user-set\" reason_ttl=\"0\"/>\n"
        << "<address addr=\"" << xml_escape(t.address_string()) << "\" addrtype=\""
        << (t.address.is_v6() ? "ipv6" : "ipv4") << "\"/>\n<hostnames>\n";
    // A name the user gave (not a literal or a CIDR) is nmap's type="user".
    if (!t.spec.empty() && t.spec != t.address_string() && t.spec.find('/') == std::string::npos)
        out << "<hostname name=\"" << xml_escape(t.spec) << "\" type=\"user\"/>\n";
    out << "</hostnames>\n<ports>";
    for (auto state : folded_states(h)) write_extraports(out, state, h.by_state.at(state));
    for (const auto& r : h.listed) write_port(out, r, probe_for(report, t, r.port));
    out << "</ports>\n</host>\n";
}

PortSet scanned_union(const RunReport& report) {
    PortSet all;
    for (const auto& s : report.scans) all.add_all(s.scanned);
    return all;
}

void write_runstats(std::ostream& out, const RunReport& report) {
    auto end = report.started_at + report.elapsed;
    auto elapsed = static_cast<double>(report.elapsed.count()) / 1000.0;
    auto hosts = report.scans.size();
    bool ok = report.exit_code == ExitCode::clean || report.exit_code == ExitCode::findings;
    std::string why;
    for (const auto& line : report.inconclusive) why += (why.empty() ? "" : "; ") + line;
    out << "<runstats><finished time=\"" << unix_seconds(end) << "\" timestr=\"" << ctime_string(end)
        << "\" summary=\"exposcan done at " << ctime_string(end) << "; " << hosts << " IP address"
        << (hosts == 1 ? "" : "es") << " (" << hosts << " host" << (hosts == 1 ? "" : "s") << " up) scanned in "
        << elapsed << " seconds\" elapsed=\"" << elapsed << "\" exit=\"" << (ok ? "success" : "error") << "\"";
    if (!ok) out << " errormsg=\"" << xml_escape(why.empty() ? "run inconclusive" : why) << "\"";
    out << "/><hosts up=\"" << hosts << "\" down=\"0\" total=\"" << hosts << "\"/>\n</runstats>\n";
}

}  // namespace

void write_nmap_xml(const RunReport& report, std::ostream& out) {
    auto services = scanned_union(report);
    auto args = "exposcan " + report.command;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE nmaprun>\n"
        << "<nmaprun scanner=\"exposcan\" args=\"" << xml_escape(args) << "\" start=\""
        << unix_seconds(report.started_at) << "\" startstr=\"" << ctime_string(report.started_at)
        << "\" version=\"" << xml_escape(report.tool_version) << "\" xmloutputversion=\"1.05\">\n"
        << "<scaninfo type=\"connect\" protocol=\"tcp\" numservices=\"" << services.size() << "\" services=\""
        << services.to_string() << "\"/>\n<verbose level=\"0\"/>\n<debugging level=\"0\"/>\n";
    for (const auto& scan : report.scans) write_host(out, report, scan);
    write_runstats(out, report);
    out << "</nmaprun>\n";
}

}  // namespace exposcan::report
