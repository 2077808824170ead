// Which policy target judges which address (issue 11, case 1), and what
// proves a silent address was reachable (case 2).
#include <gtest/gtest.h>

#include "exposcan/error.hpp"
#include "run/stages.hpp"
#include "unit/policy/scan_builder.hpp"

namespace exposcan::detail {
namespace {

using testing::make_scan;
using testing::make_target;

policy::Policy mix() {
    return policy::parse_policy(R"(
targets:
  - name: a
    addresses: [127.0.0.1]
    expect: {open: [1777]}
  - name: b
    addresses: [127.0.0.3]
    expect: {default: filtered}
)", "mix.yaml");
}

PortSet one(std::uint16_t p) {
    PortSet s;
    s.add(p);
    return s;
}

TEST(PolicyTargets, EachAddressIsJudgedByItsOwnTarget) {
    auto pol = mix();
    auto resolved = resolve_policy_targets(pol, Limits{});
    for (bool reversed : {false, true}) {
        std::vector<Target> targets{make_target("cli", "127.0.0.1"), make_target("cli", "127.0.0.3")};
        if (reversed) std::swap(targets[0], targets[1]);
        auto owner = assign_policy_targets(pol, resolved, targets);
        std::vector<TargetScan> scans;
        for (const auto& t : targets)
            scans.push_back(make_scan(t.name, t.address_string(), one(1777), {{1777, PortState::open}}));
        auto findings = evaluate_by_owner(pol, owner, scans, {});
        ASSERT_EQ(findings.size(), 1u) << reversed;
        EXPECT_EQ(findings[0].rule, "port.unexpected-open");
        EXPECT_EQ(findings[0].target, "b");
        EXPECT_EQ(findings[0].address, "127.0.0.3");
        // The scans come back in target order, under their policy names.
        EXPECT_EQ(scans[0].target.address, targets[0].address);
        EXPECT_EQ(scans[0].target.name, reversed ? "b" : "a");
    }
}

// JUnit/SARIF list what was evaluated: service rules only for a target that
// judges services, parity only for a name with both families (issue 11 case 12).
TEST(PolicyTargets, EvaluatedFamiliesFollowTheOwningTarget) {
    auto pol = policy::parse_policy(R"(
targets:
  - name: a
    addresses: [127.0.0.1, "::1"]
  - name: b
    addresses: [127.0.0.3]
    services: ignore
)", "fam.yaml");
    auto resolved = resolve_policy_targets(pol, Limits{});
    std::vector<Target> targets{make_target("cli", "127.0.0.1"), make_target("cli", "::1"),
                                make_target("cli", "127.0.0.3")};
    auto owner = assign_policy_targets(pol, resolved, targets);
    std::vector<TargetScan> scans;
    for (const auto& t : targets) scans.push_back(make_scan(t.name, t.address_string(), one(1777), {}));
    std::map<std::string, RuleFamilies> evaluated;
    add_evaluated_by_owner(pol, owner, scans, true, evaluated);
    EXPECT_EQ(evaluated["a"], (RuleFamilies{RuleFamily::ports, RuleFamily::services, RuleFamily::parity}));
    EXPECT_EQ(evaluated["b"], RuleFamilies{RuleFamily::ports});
    EXPECT_EQ(evaluated.size(), 2u);
}

TEST(PolicyTargets, AnAddressNoTargetNamesIsAUsageError) {
    auto pol = mix();
    auto resolved = resolve_policy_targets(pol, Limits{});
    std::vector<Target> targets{make_target("cli", "127.0.0.4")};
    try {
        assign_policy_targets(pol, resolved, targets);
        FAIL() << "no error";
    } catch (const UsageError& e) {
        EXPECT_NE(std::string(e.what()).find("no target names 127.0.0.4"), std::string::npos) << e.what();
    }
}

CanaryCheck canary(const std::string& address, std::optional<PortState> before, std::optional<PortState> after) {
    CanaryCheck c;
    c.spec = address + ":9";
    c.target = make_target("canary", address);
    c.port = 9;
    if (before) c.before = PortResult{9, *before, Reason::conn_refused, 1, 100};
    if (after) c.after = PortResult{9, *after, Reason::conn_refused, 1, 100};
    return c;
}

TEST(Reachability, AnswersProveThemselvesSilenceNeedsACanaryOfItsFamily) {
    RunReport r;
    r.scans.push_back(make_scan("o", "203.0.113.10", one(25), {{25, PortState::closed}}));
    r.scans.push_back(make_scan("o", "203.0.113.11", one(25), {}));
    r.scans.push_back(make_scan("o", "2001:db8::10", one(25), {}));
    r.canaries.push_back(canary("198.51.100.1", PortState::closed, PortState::open));
    judge_reachability(r);
    EXPECT_EQ(r.scans[0].reachability, Reachability::answered);
    EXPECT_EQ(r.scans[1].reachability, Reachability::canary);
    EXPECT_EQ(r.scans[2].reachability, Reachability::not_proven);  // no v6 canary
    EXPECT_TRUE(r.inconclusive.empty());
}

TEST(Reachability, ASilentCanaryMakesTheRunInconclusive) {
    RunReport r;
    r.scans.push_back(make_scan("o", "203.0.113.11", one(25), {}));
    r.canaries.push_back(canary("198.51.100.1", PortState::closed, PortState::filtered));
    judge_reachability(r);
    EXPECT_EQ(r.scans[0].reachability, Reachability::canary_failed);
    ASSERT_EQ(r.inconclusive.size(), 1u);
    EXPECT_NE(r.inconclusive[0].find("did not answer"), std::string::npos);
    EXPECT_EQ(decide_exit_code(r), ExitCode::inconclusive);
    RunReport interrupted;
    interrupted.canaries.push_back(canary("198.51.100.1", PortState::closed, std::nullopt));
    judge_reachability(interrupted);
    EXPECT_EQ(decide_exit_code(interrupted), ExitCode::inconclusive);
}

}  // namespace
}  // namespace exposcan::detail
