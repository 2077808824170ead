// Shared steps of run_scan and run_check: scan + probe on one io_context,
// and the bookkeeping that turns partial parts into `inconclusive` lines.
#pragma once
#include <boost/asio/awaitable.hpp>

#include "exposcan/run.hpp"

namespace exposcan::detail {

struct Stages {
    std::vector<TargetScan> scans;
    std::vector<ProbeResult> probes;
    bool probed = false;  // the open ports were probed (services can be judged)
};

// Blocking: scans `targets` on `ports`, then probes the open ports.
Stages scan_and_probe(const std::vector<Target>& targets, const PortSet& ports, const Options& options,
                      const RunHooks& hooks);

// scan_and_probe of this shard's share only (--shard, shard.hpp): targets
// whose shares are equal are scanned together, so at most N groups run one
// after another. Scans come back in target order, one per target (a target
// with no pair in this shard: empty `scanned`, complete).
Stages scan_share(const std::vector<Target>& targets, const PortSet& ports, const Shard& shard,
                  const Options& options, const RunHooks& hooks);

bool stop_requested(const RunHooks& hooks);

// Re-connects a sample of each complete scan's answered ports; a scan whose
// sample is now all silent is marked incomplete (liveness.cpp says why), and
// so is one whose re-check had not finished at `until` (the run's deadline).
boost::asio::awaitable<void> recheck_liveness(std::vector<TargetScan>& scans, const ScanOptions& options,
                                              const std::atomic<bool>& stop,
                                              std::chrono::steady_clock::time_point until);

// Every policy target's addresses, resolved, in policy order; scope errors
// name the policy line. An address reached through two targets (overlapping
// CIDRs, a hostname) is refused: it would be judged twice (policy_targets.cpp).
std::vector<std::vector<Target>> resolve_policy_targets(const policy::Policy& policy, const Limits& limits);

// scan --policy: each scanned address is judged by the policy target that
// names it (its name becomes the Target's); returns that target's index per
// address. An address no target names is a UsageError, never judged by
// another target's expectations.
std::vector<std::size_t> assign_policy_targets(const policy::Policy& policy,
                                               const std::vector<std::vector<Target>>& resolved,
                                               std::vector<Target>& targets);

// Findings of every policy target over the scans and probes of its own addresses.
std::vector<Finding> evaluate_by_owner(const policy::Policy& policy, const std::vector<std::size_t>& owner,
                                       std::vector<TargetScan>& scans, const std::vector<ProbeResult>& probes);

// The rule families evaluate_by_owner() judged, per target name.
void add_evaluated_by_owner(const policy::Policy& policy, const std::vector<std::size_t>& owner,
                            const std::vector<TargetScan>& scans, bool probed,
                            std::map<std::string, RuleFamilies>& evaluated);

// --canary / policy `canary:` specs -> one CanaryCheck per resolved address.
// Throws UsageError for a bad spec (before any packet is sent).
std::vector<CanaryCheck> resolve_canaries(const std::vector<std::string>& specs, const Limits& limits);

// Connects to every canary once and records the answer in `before` or `after`
// (canary.cpp). Blocking; skipped once a stop was requested.
enum class CanaryPhase { before, after };
void check_canaries(std::vector<CanaryCheck>& canaries, CanaryPhase phase, const ScanOptions& options,
                    const RunHooks& hooks);

// Sets every scan's `reachability` and adds an inconclusive line per failed
// canary (reachability.cpp).
void judge_reachability(RunReport& report);

// Inconclusive lines for incomplete scans / unreachable targets, elapsed time
// and the exit code (default gate; the CLI re-decides with its flags).
void finish(RunReport& report, std::chrono::steady_clock::time_point t0);

}  // namespace exposcan::detail
