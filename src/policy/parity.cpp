// ipv6.parity: a target's IPv4 and IPv6 addresses should look the same from
// outside. The classic miss: ufw/iptables rules added for IPv4 only, so a
// port dropped on v4 is wide open on v6.
#include <algorithm>
#include <map>

#include "policy/finding_make.hpp"
#include "policy/port_group.hpp"
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

const FamilyView& more_exposed(const FamilyView& v4, const FamilyView& v6) {
    return exposure_rank(v6.result.state) >= exposure_rank(v4.result.state) ? v6 : v4;
}

Severity parity_severity(const FamilyView& exposed) {
    return rules::info(Rule::ipv6_parity).severity_if(exposed.result.state == PortState::open);
}

Finding parity_finding(const FamilyView& v4, const FamilyView& v6, std::uint16_t port) {
    const auto& exposed = more_exposed(v4, v6);
    auto f = make_finding(Rule::ipv6_parity, exposed.scan->target, port);
    f.severity = parity_severity(exposed);
    f.title = "port " + std::to_string(port) + "/tcp is " + std::string(to_string(v4.result.state)) +
              " on IPv4 but " + std::string(to_string(v6.result.state)) + " on IPv6";
    f.evidence = "IPv4 " + v4.scan->target.address_string() + ": " + std::string(to_string(v4.result.state)) +
                 "; IPv6 " + v6.scan->target.address_string() + ": " + std::string(to_string(v6.result.state));
    return f;
}

// Many differing ports on one address (IPv6 without any firewall while IPv4
// drops) become one finding at tcp://ADDR, like the port rules.
Finding aggregated_parity(const TargetScan& exposed, PortGroup& group) {
    auto f = make_finding(Rule::ipv6_parity, exposed.target, std::nullopt);
    f.severity = group.severity();
    f.title = std::to_string(group.count()) + " ports differ between IPv4 and IPv6, more exposed on " +
              exposed.target.address_string();
    f.evidence = port_ranges_evidence(group.ports());
    return f;
}

void parity_for_group(const std::vector<const TargetScan*>& v4, const std::vector<const TargetScan*>& v6,
                      std::vector<Finding>& out) {
    PortSet answered;  // ports not silent somewhere; silent everywhere = parity
    for (const auto* group : {&v4, &v6})
        for (const auto* s : *group)
            for (const auto& r : s->ports) answered.add(r.port);
    std::map<const TargetScan*, PortGroup> by_exposed;  // keyed by the more exposed address
    for (std::uint32_t p = 1; p <= 65535; ++p) {
        auto port = static_cast<std::uint16_t>(p);
        if (!answered.contains(port)) continue;
        auto a = family_view(v4, port);
        auto b = family_view(v6, port);
        if (!a || !b || a->result.state == b->result.state) continue;
        const auto& exposed = more_exposed(*a, *b);
        by_exposed[exposed.scan].add(port, parity_severity(exposed), [&] { return parity_finding(*a, *b, port); });
    }
    std::vector<Finding> per_port;
    for (auto& [scan, group] : by_exposed) {
        if (group.aggregated()) out.push_back(aggregated_parity(*scan, group));
        else std::move(group.kept().begin(), group.kept().end(), std::back_inserter(per_port));
    }
    std::stable_sort(per_port.begin(), per_port.end(),
                     [](const Finding& x, const Finding& y) { return x.port.value_or(0) < y.port.value_or(0); });
    std::move(per_port.begin(), per_port.end(), std::back_inserter(out));
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
