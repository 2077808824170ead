// vantage.divergent (policy.hpp divergence_findings): the same address and
// port seen differently from two vantages is a firewall that allows by source.
#include <algorithm>
#include <set>

#include "exposcan/policy.hpp"
#include "policy/finding_make.hpp"
#include "policy/port_group.hpp"

namespace exposcan::policy {

namespace {

// What one vantage saw of one port: a decided result, or why not.
struct Seen {
    std::optional<PortResult> result;  // nullopt: not decided
    const char* why = "";              // "not scanned", "undecided (scan did not finish)"
};

Seen seen_by(const VantageView& v, std::uint16_t port) {
    if (!v.scan->scanned.contains(port)) return {std::nullopt, "not scanned"};
    auto r = v.scan->lookup(port);
    // An unfinished scan's silence is not the target's answer (as port_rules.cpp).
    if (!v.scan->complete && r.state == PortState::filtered) return {std::nullopt, "undecided (scan did not finish)"};
    return {r, ""};
}

std::string seen_text(const std::string& name, const Seen& s) {
    if (!s.result) return name + ": " + s.why;
    return name + ": " + std::string(to_string(s.result->state)) + " (" + std::string(to_string(s.result->reason)) + ")";
}

// Ports where a divergence is possible: listed (answered or ICMP) by some vantage.
std::vector<std::uint16_t> candidate_ports(const std::vector<VantageView>& views) {
    PortSet ports;
    for (const auto& v : views)
        for (const auto& r : v.scan->ports) ports.add(r.port);
    return ports.to_vector();
}

struct Verdict {
    bool divergent = false;
    bool any_open = false;
    std::vector<Seen> seen;  // per view
};

Verdict judge(const std::vector<VantageView>& views, std::uint16_t port) {
    Verdict out;
    std::set<PortState> states;
    bool as_expected = true;
    for (const auto& v : views) {
        auto s = seen_by(v, port);
        if (s.result) {
            states.insert(s.result->state);
            out.any_open = out.any_open || s.result->state == PortState::open;
            as_expected = as_expected && v.expect && v.expect->expected(port) == s.result->state;
        }
        out.seen.push_back(s);
    }
    out.divergent = states.size() > 1 && !as_expected;
    return out;
}

// "open from cloud, filtered from eu"
std::string states_by_vantage(const std::vector<VantageView>& views, const Verdict& v) {
    std::string out;
    for (auto st : {PortState::open, PortState::closed, PortState::filtered}) {
        std::string names;
        for (std::size_t i = 0; i < views.size(); ++i)
            if (v.seen[i].result && v.seen[i].result->state == st) names += (names.empty() ? "" : ", ") + views[i].name;
        if (!names.empty()) out += (out.empty() ? "" : "; ") + std::string(to_string(st)) + " from " + names;
    }
    return out;
}

Finding port_finding(const std::vector<VantageView>& views, std::uint16_t port, const Verdict& v) {
    auto f = detail::make_finding(Rule::vantage_divergent, views.front().scan->target, port, v.any_open);
    f.title = "port " + std::to_string(port) + "/tcp differs between vantages: " + states_by_vantage(views, v);
    std::string evidence;
    for (std::size_t i = 0; i < views.size(); ++i)
        evidence += (evidence.empty() ? "" : "; ") + seen_text(views[i].name, v.seen[i]);
    f.evidence = detail::safe_text(evidence);
    return f;
}

Finding aggregated(const std::vector<VantageView>& views, detail::PortGroup& group) {
    auto f = detail::make_finding(Rule::vantage_divergent, views.front().scan->target, std::nullopt);
    f.severity = group.severity();
    std::string names;
    for (const auto& v : views) names += (names.empty() ? "" : ", ") + v.name;
    f.title = std::to_string(group.count()) + " ports differ between vantages " + names;
    f.evidence = detail::port_ranges_evidence(group.ports()) + "; first: " + group.kept().front().evidence;
    return f;
}

}  // namespace

std::vector<Finding> divergence_findings(const std::vector<VantageView>& views) {
    if (views.size() < 2) return {};
    detail::PortGroup group;
    const auto& info = rules::info(Rule::vantage_divergent);
    for (auto port : candidate_ports(views)) {
        auto v = judge(views, port);
        if (!v.divergent) continue;
        group.add(port, info.severity_if(v.any_open), [&] { return port_finding(views, port, v); });
    }
    if (group.empty()) return {};
    if (group.aggregated()) return {aggregated(views, group)};
    return std::move(group.kept());
}

}  // namespace exposcan::policy
