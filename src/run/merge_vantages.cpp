#include "run/merge_vantages.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace exposcan::detail {

namespace {

int exposure(PortState s) {
    switch (s) {
        case PortState::open: return 2;
        case PortState::closed: return 1;
        case PortState::filtered: return 0;
    }
    return 0;
}

// `into` (sorted by port) takes r where r is more exposed, or r is not listed.
void raise(std::vector<PortResult>& into, const PortResult& r) {
    auto it = std::lower_bound(into.begin(), into.end(), r.port,
                               [](const PortResult& a, std::uint16_t p) { return a.port < p; });
    if (it == into.end() || it->port != r.port) into.insert(it, r);
    else if (exposure(r.state) > exposure(it->state)) *it = r;
}

}  // namespace

std::vector<TargetScan> most_exposed(const std::vector<VantageScans>& vantages) {
    auto out = vantages.front().scans;
    for (std::size_t v = 1; v < vantages.size(); ++v) {
        for (std::size_t i = 0; i < out.size() && i < vantages[v].scans.size(); ++i) {
            const auto& s = vantages[v].scans[i];
            auto& o = out[i];
            for (const auto& r : s.ports) raise(o.ports, r);
            o.scanned.add_all(s.scanned);
            o.elapsed = std::max(o.elapsed, s.elapsed);
            if (!s.complete && o.complete) {
                o.complete = false;
                o.incomplete_reason = "from vantage " + vantages[v].name + ": " + s.incomplete_reason;
            }
        }
    }
    return out;
}

std::vector<ProbeResult> union_probes(std::vector<std::vector<ProbeResult>> per_vantage) {
    std::vector<ProbeResult> out;
    std::set<std::pair<std::string, std::uint16_t>> seen;
    for (auto& probes : per_vantage)
        for (auto& p : probes)
            if (seen.emplace(p.target.address_string(), p.port).second) out.push_back(std::move(p));
    return out;
}

std::vector<Finding> join_findings(const std::vector<std::pair<std::string, std::vector<Finding>>>& per_vantage) {
    std::vector<Finding> out;
    std::map<std::string, std::size_t> index;  // key -> position in out
    std::vector<std::string> from;             // per out[i]: "eu, cloud"
    for (const auto& [vantage, findings] : per_vantage) {
        for (const auto& f : findings) {
            auto [it, fresh] = index.emplace(f.key(), out.size());
            if (fresh) {
                out.push_back(f);
                from.push_back(vantage);
            } else {
                from[it->second] += ", " + vantage;
                out[it->second].severity = std::max(out[it->second].severity, f.severity);
            }
        }
    }
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i].title += (from[i].find(',') == std::string::npos ? " (from vantage " : " (from vantages ") + from[i] + ")";
    return out;
}

}  // namespace exposcan::detail
