// Which policy target judges which address (run_check and scan --policy).
// One address, one target: never one target's expectations applied to
// another's address (issue 11, case 1).
#include <map>
#include <set>

#include "exposcan/error.hpp"
#include "run/stages.hpp"

namespace exposcan::detail {

namespace {

std::string where(const policy::Policy& pol, const policy::TargetPolicy& t) {
    return pol.source + ":" + std::to_string(t.line) + ": target '" + t.name + "'";
}

std::vector<Target> resolve_one(const policy::Policy& pol, const policy::TargetPolicy& t, const Limits& limits) {
    std::vector<Target> out;
    try {
        out = scan::resolve_targets(t.addresses, limits);
    } catch (const UsageError& e) {
        throw UsageError(where(pol, t) + ": " + e.what());
    }
    for (auto& target : out) target.name = t.name;  // parity groups by it
    return out;
}

// Canonical address -> index of the policy target naming it.
std::map<std::string, std::size_t> owners(const policy::Policy& pol, const std::vector<std::vector<Target>>& resolved) {
    std::map<std::string, std::size_t> owner;
    for (std::size_t i = 0; i < resolved.size(); ++i)
        for (const auto& t : resolved[i])
            if (auto [it, fresh] = owner.emplace(t.address_string(), i); !fresh && it->second != i)
                throw UsageError(where(pol, pol.targets[i]) + ": address " + t.address_string() +
                                 " is also in target '" + pol.targets[it->second].name + "'");
    return owner;
}

}  // namespace

std::vector<std::vector<Target>> resolve_policy_targets(const policy::Policy& policy, const Limits& limits) {
    std::vector<std::vector<Target>> resolved;
    for (const auto& t : policy.targets) resolved.push_back(resolve_one(policy, t, limits));
    owners(policy, resolved);
    return resolved;
}

std::vector<std::size_t> assign_policy_targets(const policy::Policy& policy,
                                               const std::vector<std::vector<Target>>& resolved,
                                               std::vector<Target>& targets) {
    auto owner = owners(policy, resolved);
    std::vector<std::size_t> out;
    for (auto& t : targets) {
        auto it = owner.find(t.address_string());
        if (it == owner.end())
            throw UsageError(policy.source + ": no target names " + t.address_string() +
                             (t.spec != t.address_string() ? " (from '" + t.spec + "')" : std::string()) +
                             "; each address is judged only by the policy target that lists it");
        t.name = policy.targets[it->second].name;
        out.push_back(it->second);
    }
    return out;
}

std::vector<Finding> evaluate_by_owner(const policy::Policy& policy, const std::vector<std::size_t>& owner,
                                       std::vector<TargetScan>& scans, const std::vector<ProbeResult>& probes) {
    // Scans move into per-target groups and back, so a 65,535-port result is never copied.
    std::vector<std::vector<TargetScan>> groups(policy.targets.size());
    std::vector<std::size_t> slot(scans.size());
    for (std::size_t i = 0; i < scans.size(); ++i) {
        slot[i] = groups[owner[i]].size();
        groups[owner[i]].push_back(std::move(scans[i]));
    }
    std::vector<Finding> out;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        if (groups[g].empty()) continue;
        std::set<std::string> addresses;
        for (const auto& s : groups[g]) addresses.insert(s.target.address_string());
        std::vector<ProbeResult> own;
        for (const auto& p : probes)
            if (addresses.count(p.target.address_string())) own.push_back(p);
        auto found = policy::evaluate(policy.targets[g], groups[g], own);
        out.insert(out.end(), found.begin(), found.end());
    }
    for (std::size_t i = 0; i < scans.size(); ++i) scans[i] = std::move(groups[owner[i]][slot[i]]);
    return out;
}

void add_evaluated_by_owner(const policy::Policy& policy, const std::vector<std::size_t>& owner,
                            const std::vector<TargetScan>& scans, bool probed,
                            std::map<std::string, RuleFamilies>& evaluated) {
    for (std::size_t i = 0; i < scans.size(); ++i)
        policy::add_evaluated(policy.targets[owner[i]], scans[i], probed, evaluated);
    policy::add_parity_evaluated(scans, evaluated);
}

}  // namespace exposcan::detail
