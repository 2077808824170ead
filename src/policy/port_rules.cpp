#include <algorithm>
#include <array>
#include <memory>

#include "policy/finding_make.hpp"
#include "policy/port_group.hpp"
#include "policy/rules_detail.hpp"

namespace exposcan::policy::detail {

namespace {

Rule rule_for(PortState actual) {
    switch (actual) {
        case PortState::open: return Rule::port_unexpected_open;
        case PortState::closed: return Rule::port_unexpected_closed;
        case PortState::filtered: return Rule::port_unexpected_filtered;
    }
    return Rule::port_unexpected_filtered;
}

std::string with_port(std::string text, std::uint16_t port) {
    for (auto at = text.find("PORT"); at != std::string::npos; at = text.find("PORT"))
        text.replace(at, 4, std::to_string(port));
    return text;
}

// Open: raised on database/control-plane ports. Closed or filtered: raised when
// the port should answer (an outage); otherwise a mix-up that leaks detail.
bool elevated(PortState actual, PortState want, std::uint16_t port) {
    return actual == PortState::open ? rules::is_sensitive_port(port) : want == PortState::open;
}

Severity severity_for(PortState actual, PortState want, std::uint16_t port) {
    return rules::info(rule_for(actual)).severity_if(elevated(actual, want, port));
}

// The catalog's fix, made specific to the expected state and the port.
std::string fix_for(PortState actual, PortState want, std::uint16_t port) {
    if (actual == PortState::open)
        return with_port("Port PORT should not be reachable. " + std::string(rules::info(rule_for(actual)).fix), port);
    if (want == PortState::open)
        return with_port(actual == PortState::closed
                             ? "Nothing listens on PORT: start the service or fix its bind address; if intended, update expect"
                             : "PORT does not answer: check the service, the allow rule for this vantage (e.g. CDN ranges) "
                               "and the provider's firewall; if intended, update expect",
                         port);
    if (actual == PortState::closed)
        return with_port("The host answers on PORT with a reset: add a drop rule (ufw deny, nftables drop) so it "
                         "shows as filtered, or list it under expect.closed",
                         port);
    return with_port("PORT is now dropped instead of refused: if intended, list it under expect.filtered", port);
}

Finding port_finding(const TargetScan& scan, const PortResult& r, PortState want) {
    auto f = make_finding(rule_for(r.state), scan.target, r.port, elevated(r.state, want, r.port));
    f.title = "port " + std::to_string(r.port) + "/tcp is " + std::string(to_string(r.state)) + ", expected " +
              std::string(to_string(want));
    f.evidence = std::string(to_string(r.state)) + " (" + std::string(to_string(r.reason)) +
                 (r.tries ? ", " + std::to_string(r.tries) + " tries)" : ")");
    f.fix = fix_for(r.state, want, r.port);
    return f;
}

// The states a group of ports was expected in, as words: "filtered", "open or filtered".
std::string wants_text(unsigned wants) {
    std::string out;
    for (auto st : {PortState::open, PortState::closed, PortState::filtered}) {
        if (!(wants & (1u << static_cast<unsigned>(st)))) continue;
        out += (out.empty() ? "" : " or ") + std::string(to_string(st));
    }
    return out;
}

std::string aggregate_fix(PortState actual, unsigned wants, const std::string& first_fix) {
    if (actual == PortState::closed && wants == 1u << static_cast<unsigned>(PortState::filtered))
        return "The host answers with a reset on these ports: set a default drop policy (ufw default deny incoming, "
               "nftables policy drop) so they show as filtered, or set expect.default: closed";
    return "Compare the firewall with the policy; first port: " + first_fix;
}

// The surprises of one rule (actual state) on one address, split by whether
// the policy names the port (expect.open/closed/filtered, `9200: filtered`)
// or the port falls to expect.default: a named port stays its own finding
// unless the named ones alone pass the threshold too.
struct RuleSlot {
    PortGroup group;
    unsigned wants = 0;  // bit per expected PortState
};
struct RuleSlots {
    RuleSlot named, by_default;
};

bool is_named(const Expectation& e, std::uint16_t port) {
    return e.open.contains(port) || e.closed.contains(port) || e.filtered.contains(port);
}

// One finding for the aggregated groups of one rule on one address.
Finding aggregated(const TargetScan& scan, PortState actual, RuleSlots& slots) {
    PortSet ports;
    std::size_t count = 0;
    unsigned wants = 0;
    auto f = make_finding(rule_for(actual), scan.target, std::nullopt);
    f.severity = Severity::info;  // raised to the highest of its ports below
    std::string first_fix;
    for (auto* slot : {&slots.named, &slots.by_default}) {
        if (!slot->group.aggregated()) continue;
        ports.add_all(slot->group.ports());
        count += slot->group.count();
        wants |= slot->wants;
        f.severity = std::max(f.severity, slot->group.severity());
        if (first_fix.empty()) first_fix = slot->group.kept().front().fix;
    }
    f.title = std::to_string(count) + " ports " + std::string(to_string(actual)) + ", expected " + wants_text(wants);
    f.evidence = port_ranges_evidence(ports);
    f.fix = aggregate_fix(actual, wants, first_fix);
    return f;
}

void emit_rule(const TargetScan& scan, PortState actual, RuleSlots& slots, std::vector<Finding>& mine) {
    bool any_aggregated = slots.named.group.aggregated() || slots.by_default.group.aggregated();
    if (any_aggregated) mine.push_back(aggregated(scan, actual, slots));
    for (auto* slot : {&slots.named, &slots.by_default}) {
        if (slot->group.aggregated()) continue;
        auto& kept = slot->group.kept();
        std::move(kept.begin(), kept.end(), std::back_inserter(mine));
    }
}

// Nearly every port "open" is not 1,000 exposed services but one thing in
// front of the target completing every handshake (tarpit, SYN proxy).
constexpr std::size_t k_middlebox_min_ports = 200;
constexpr double k_middlebox_open_share = 0.95;

bool looks_like_middlebox(const TargetScan& scan) {
    auto scanned = scan.scanned.size();
    if (!scan.complete || scanned < k_middlebox_min_ports) return false;
    return static_cast<double>(scan.count(PortState::open)) >= k_middlebox_open_share * static_cast<double>(scanned);
}

Finding middlebox_finding(const TargetScan& scan) {
    auto f = make_finding(Rule::scan_suspect_middlebox, scan.target, std::nullopt);
    f.title = std::to_string(scan.count(PortState::open)) + " of " + std::to_string(scan.scanned.size()) +
              " ports accept connections: a middlebox or tarpit answers for the target";
    PortSet open;
    for (const auto& r : scan.ports)
        if (r.state == PortState::open) open.add(r.port);
    f.evidence = "open: " + port_ranges_evidence(open);
    return f;
}

// Ports not listed in scan.ports (silent = filtered) that the policy wants otherwise.
std::vector<std::uint16_t> silent_candidates(const Expectation& expect, const TargetScan& scan) {
    if (expect.default_state != PortState::filtered) return scan.scanned.to_vector();
    auto out = expect.open.to_vector();
    auto closed = expect.closed.to_vector();
    out.insert(out.end(), closed.begin(), closed.end());
    std::sort(out.begin(), out.end());
    return out;
}

bool is_listed(const TargetScan& scan, std::uint16_t port) {
    return std::binary_search(scan.ports.begin(), scan.ports.end(), PortResult{port},
                              [](const PortResult& a, const PortResult& b) { return a.port < b.port; });
}

}  // namespace

void port_findings(const TargetPolicy& policy, const TargetScan& scan, std::vector<Finding>& out) {
    if (looks_like_middlebox(scan)) {
        out.push_back(middlebox_finding(scan));
        return;
    }
    // Indexed by the actual state (= the rule); a few PortSets on the heap, not one Finding per port.
    auto slots = std::make_unique<std::array<RuleSlots, 3>>();
    auto consider = [&](const PortResult& r) {
        // An unfinished scan proves nothing "filtered": silence and local
        // unreachable errors after the path died are not the target's answer.
        if (!scan.complete && r.state == PortState::filtered) return;
        auto want = policy.expect.expected(r.port);
        if (r.state == want) return;
        auto& rule = (*slots)[static_cast<std::size_t>(r.state)];
        auto& slot = is_named(policy.expect, r.port) ? rule.named : rule.by_default;
        slot.wants |= 1u << static_cast<unsigned>(want);
        slot.group.add(r.port, severity_for(r.state, want, r.port), [&] { return port_finding(scan, r, want); });
    };
    for (const auto& r : scan.ports) consider(r);
    // An unfinished scan leaves undecided ports looking silent: no evidence of "filtered".
    if (scan.complete) {
        for (auto p : silent_candidates(policy.expect, scan)) {
            if (scan.scanned.contains(p) && !is_listed(scan, p)) consider(scan.lookup(p));
        }
    }
    std::vector<Finding> mine;
    for (auto st : {PortState::closed, PortState::filtered, PortState::open})
        emit_rule(scan, st, (*slots)[static_cast<std::size_t>(st)], mine);
    std::stable_sort(mine.begin(), mine.end(),
                     [](const Finding& a, const Finding& b) { return a.port.value_or(0) < b.port.value_or(0); });
    std::move(mine.begin(), mine.end(), std::back_inserter(out));
}

}  // namespace exposcan::policy::detail
