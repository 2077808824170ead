// expect_by_vantage (policy.hpp): which vantage must see what.
#include <set>

#include "exposcan/policy.hpp"

namespace exposcan::policy {

const Expectation& TargetPolicy::expect_for(std::string_view vantage) const {
    auto it = expect_by_vantage.find(std::string(vantage));
    return it == expect_by_vantage.end() ? expect : it->second;
}

TargetPolicy for_vantage(TargetPolicy target, std::string_view vantage) {
    target.expect = target.expect_for(vantage);
    return target;
}

Policy for_vantage(Policy policy, std::string_view vantage) {
    for (auto& t : policy.targets) t = for_vantage(std::move(t), vantage);
    return policy;
}

std::vector<std::string> expected_vantages(const Policy& policy) {
    std::set<std::string> names;
    for (const auto& t : policy.targets)
        for (const auto& [name, e] : t.expect_by_vantage) names.insert(name);
    return {names.begin(), names.end()};
}

}  // namespace exposcan::policy
