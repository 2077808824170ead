// ipv6.parity: a target's IPv4 and IPv6 addresses should look the same from
// outside. The classic miss: ufw/iptables rules added for IPv4 only, so a
// port dropped on v4 is wide open on v6.
#include <algorithm>
#include <map>
#include <set>

#include "policy/finding_make.hpp"
#include "policy/rules_detail.hpp"

namespace exposcan::policy::detail {

namespace {

struct FamilyView {
    const TargetScan* scan = nullptr;  // the most exposed address of this family for the port
    PortResult result;
};

int exposure_rank(PortState s) { return s == PortState::open ? 2 : s == PortState::closed ? 1 : 0; }

// Per family, the most exposed answer any address gave for `port`
// (open > closed > filtered); nullopt when no address of it scanned the port.
std::optional<FamilyView> family_view(const std::vector<const TargetScan*>& scans, std::uint16_t port) {
    std::optional<FamilyView> best;
    for (const auto* s : scans) {
        if (!s->scanned.contains(port)) continue;
        auto r = s->lookup(port);
        bool undecided = r.state == PortState::filtered && !s->complete;
        if (undecided) return std::nullopt;  // cannot compare what was not decided
        if (!best || exposure_rank(r.state) > exposure_rank(best->result.state)) best = FamilyView{s, r};
    }
    return best;
}

Finding parity_finding(const FamilyView& v4, const FamilyView& v6, std::uint16_t port) {
    const auto& exposed = exposure_rank(v6.result.state) >= exposure_rank(v4.result.state) ? v6 : v4;
    bool open_somewhere = exposed.result.state == PortState::open;
    auto f = make_finding("ipv6.parity", open_somewhere ? Severity::high : Severity::medium,
                          exposed.scan->target, port);
    f.title = "port " + std::to_string(port) + "/tcp is " + std::string(to_string(v4.result.state)) +
              " on IPv4 but " + std::string(to_string(v6.result.state)) + " on IPv6";
    f.evidence = "IPv4 " + v4.scan->target.address_string() + ": " + std::string(to_string(v4.result.state)) +
                 "; IPv6 " + v6.scan->target.address_string() + ": " + std::string(to_string(v6.result.state));
    f.fix = "Firewall rules differ by family: add the same rule for IPv6 (ip6tables, ufw with IPV6=yes, "
            "or one nftables inet table for both)";
    return f;
}

void parity_for_group(const std::vector<const TargetScan*>& v4, const std::vector<const TargetScan*>& v6,
                      std::vector<Finding>& out) {
    std::set<std::uint16_t> answered;  // ports not silent somewhere; silent everywhere = parity
    for (const auto* group : {&v4, &v6})
        for (const auto* s : *group)
            for (const auto& r : s->ports) answered.insert(r.port);
    for (auto port : answered) {
        auto a = family_view(v4, port);
        auto b = family_view(v6, port);
        if (a && b && a->result.state != b->result.state) out.push_back(parity_finding(*a, *b, port));
    }
}

}  // namespace

void parity_findings(const std::vector<TargetScan>& scans, std::vector<Finding>& out) {
    std::map<std::string, std::pair<std::vector<const TargetScan*>, std::vector<const TargetScan*>>> groups;
    std::vector<std::string> order;
    for (const auto& s : scans) {
        auto [it, fresh] = groups.try_emplace(s.target.name);
        if (fresh) order.push_back(s.target.name);
        (s.target.address.is_v6() ? it->second.second : it->second.first).push_back(&s);
    }
    for (const auto& name : order) {
        const auto& [v4, v6] = groups[name];
        if (!v4.empty() && !v6.empty()) parity_for_group(v4, v6, out);
    }
}

}  // namespace exposcan::policy::detail
