// The pipeline: targets -> scan -> probes -> findings -> verdict (src/run/).
#pragma once
#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "exposcan/model.hpp"
#include "exposcan/options.hpp"
#include "exposcan/policy.hpp"
#include "exposcan/scan.hpp"

namespace exposcan {

struct ScanJob {
    std::vector<std::string> target_specs;  // command line and --targets-file lines
    std::vector<std::string> exclude_specs;  // --exclude, --exclude-file: never scanned
    PortSet ports = PortSet::all();
    policy::TargetPolicy policy;        // expectations for every address (command-line flags)...
    // ...unless a policy file is given (--policy): then each address is judged
    // by the policy target that names it, and an address no target names is a
    // UsageError. Its `canary:` entries join `canaries`.
    std::optional<policy::Policy> policy_file;
    std::vector<std::string> canaries;  // --canary HOST:PORT (model.hpp CanaryCheck)
    Options options;
    Shard shard;                        // --shard I/N (default 1/1: the whole work)
    std::string vantage;                // --vantage NAME (vantage.hpp): the run's label; policy
                                        // expect_by_vantage entries of that name apply
};

struct RunHooks {
    scan::ProgressFn progress;          // may be empty
    const std::atomic<bool>* stop = nullptr;  // set by a signal handler
};

// Resolves, scans, probes and evaluates. Throws UsageError for bad input only.
RunReport run_scan(const ScanJob& job, const RunHooks& hooks);

// What the report records as the job (model.hpp WorkDescription).
WorkDescription describe_work(const ScanJob& job);

// 0 only if every part completed and nothing violates the policy; findings
// outrank inconclusive; see docs/policy.md "Exit codes".
ExitCode decide_exit_code(const RunReport& report);

// The gate (docs/policy.md "Exit codes"): which findings make the run fail.
struct GateOptions {
    std::optional<Severity> fail_on = Severity::low;  // --fail-on; nullopt = "never"
    bool fail_on_any = false;  // with a baseline: unchanged findings fail too, not only new ones
};
ExitCode decide_exit_code(const RunReport& report, const GateOptions& gate);

// Everything one policy file names: scans (+probes) every target, runs the
// leak audit where a target has `domain:`, evaluates. Throws UsageError for a
// target outside the allowed scope (message names the policy line).
struct CheckJob {
    policy::Policy policy;
    std::vector<std::string> canaries;  // --canary, in addition to the policy's `canary:`
    Options options;
    std::string vantage;                // --vantage NAME, as ScanJob
    Shard shard;                        // --shard I/N: this share of every target's pairs (merge re-joins)
};
RunReport run_check(const CheckJob& job, const RunHooks& hooks);

// --baseline: findings of a previous JSON report (its findings + unchanged).
// Throws UsageError "FILE: ..." when unreadable, larger than max_bytes, or not
// an exposcan report.
std::vector<Finding> load_baseline(const std::string& path, std::size_t max_bytes = Limits{}.max_baseline_bytes);
// Splits report.findings into new (kept in findings), unchanged and resolved.
void apply_baseline(RunReport& report, const std::vector<Finding>& previous, const std::string& source);

}  // namespace exposcan
