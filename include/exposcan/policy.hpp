// Policy: what a target should look like from outside (src/policy/).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "exposcan/model.hpp"
#include "exposcan/options.hpp"

namespace exposcan::policy {

struct Expectation {
    PortState default_state = PortState::filtered;
    PortSet open;       // ports that must be open
    PortSet closed;     // ports that must be closed
    PortSet filtered;   // ports that must be filtered
    [[nodiscard]] PortState expected(std::uint16_t port) const;
    [[nodiscard]] const PortSet& ports_in(PortState state) const;  // the list of `state`
    [[nodiscard]] PortSet& ports_in(PortState state) {
        return const_cast<PortSet&>(std::as_const(*this).ports_in(state));
    }
};

// Why `ports` cannot join the `state` list of `e` for a target that scans
// `scanned`: a port already expected in another state ("port 80 is expected
// both open and closed"), or one the scan never covers. nullopt when it can.
// The one rule for policy files and the CLI's --expect-open/--expect-closed.
std::optional<std::string> expectation_problem(const Expectation& e, PortState state, const PortSet& ports,
                                               const PortSet& scanned);

enum class ServiceRule { ignore, deny_unauthenticated };

struct TargetPolicy {
    std::string name;
    std::vector<std::string> addresses;   // literals or hostnames, as written
    PortSet ports = PortSet::all();
    Expectation expect;
    ServiceRule services = ServiceRule::deny_unauthenticated;
    std::optional<std::string> domain;    // leak audit
    std::string cdn = "cloudflare";
    int line = 0;                         // where it was declared
    // `expect_by_vantage: {NAME: {...}}`: what a run labelled --vantage NAME
    // must see; each entry is `expect` with that vantage's lines applied on top.
    std::map<std::string, Expectation> expect_by_vantage;
    // `expect` as seen from `vantage` (itself when no entry names it).
    [[nodiscard]] const Expectation& expect_for(std::string_view vantage) const;
};

struct Policy {
    std::string source;                   // file name, for messages
    std::vector<TargetPolicy> targets;
    // `canary:` HOST:PORT endpoints that must answer from this vantage before
    // and after the run (model.hpp CanaryCheck); as written, host validated.
    std::vector<std::string> canaries;
    // policy_identity() of the file's bytes: merge refuses shards of another file.
    std::string identity;
};

// The policy as a run from `vantage` judges it: every target's `expect`
// replaced by its expect_by_vantage entry for that name, if any.
Policy for_vantage(Policy policy, std::string_view vantage);
TargetPolicy for_vantage(TargetPolicy target, std::string_view vantage);

// Every vantage name the policy's targets expect something of, sorted.
std::vector<std::string> expected_vantages(const Policy& policy);

// One vantage's scan of one address and what the policy expects it to see.
struct VantageView {
    std::string name;
    const TargetScan* scan = nullptr;
    const Expectation* expect = nullptr;
};

// vantage.divergent for one address seen from several vantages (all views
// scan the same target): a port whose decided state differs between them is
// a finding, unless each vantage saw exactly what its expectation says (the
// policy wants the difference). A port a vantage did not scan, or left
// undecided (silent in an unfinished scan), never makes a difference but is
// named in the evidence. Bounded per address like the port rules.
std::vector<Finding> divergence_findings(const std::vector<VantageView>& views);

// Throws UsageError "FILE:LINE: KEY: message", or "FILE: ..." when the file
// cannot be read or is larger than max_bytes (read_file.hpp).
// Why `name` cannot name a target: empty, longer than 100 bytes, or holding a
// control character (a newline or ESC would break the YAML `init` writes and
// every line-based output). nullopt when it can. Policy files and
// `init --name` share this rule, so whatever init writes, check accepts.
std::optional<std::string> target_name_problem(std::string_view name);

Policy load_policy_file(const std::string& path, std::size_t max_bytes = Limits{}.max_policy_bytes);
Policy parse_policy(std::string_view text, std::string_view source_name);

// A commented policy expecting exactly what `scans` saw (exposcan init):
// ports open/closed on any address are listed, everything else filtered.
std::string starter_policy(const std::string& name, const std::vector<std::string>& addresses,
                           const PortSet& ports, const std::vector<TargetScan>& scans);

// Port and service findings for one policy target over its scans and probes.
std::vector<Finding> evaluate(const TargetPolicy& target, const std::vector<TargetScan>& scans,
                              const std::vector<ProbeResult>& probes);

// Adds, per target name, the rule families evaluate() judges: port rules for
// every scanned address, service rules when `probed` and services are not
// ignored, ipv6.parity where a name has addresses of both families.
void add_evaluated(const TargetPolicy& target, const std::vector<TargetScan>& scans, bool probed,
                   std::map<std::string, RuleFamilies>& evaluated);
// The same in parts, for scans judged by different targets (scan --policy):
// one address, then parity over all of them.
void add_evaluated(const TargetPolicy& target, const TargetScan& scan, bool probed,
                   std::map<std::string, RuleFamilies>& evaluated);
void add_parity_evaluated(const std::vector<TargetScan>& scans, std::map<std::string, RuleFamilies>& evaluated);

}  // namespace exposcan::policy
