// The pipeline: targets -> scan -> probes -> findings -> verdict (src/run/).
#pragma once
#include <atomic>
#include <string>
#include <vector>

#include "exposcan/model.hpp"
#include "exposcan/options.hpp"
#include "exposcan/policy.hpp"
#include "exposcan/scan.hpp"

namespace exposcan {

struct ScanJob {
    std::vector<std::string> target_specs;
    PortSet ports = PortSet::all();
    policy::TargetPolicy policy;        // expectations applied to every target
    Options options;
};

struct RunHooks {
    scan::ProgressFn progress;          // may be empty
    const std::atomic<bool>* stop = nullptr;  // set by a signal handler
};

// Resolves, scans, probes and evaluates. Throws UsageError for bad input only.
RunReport run_scan(const ScanJob& job, const RunHooks& hooks);

// 0 only if every part completed and nothing violates the policy; findings
// outrank inconclusive; see docs/design.md "Exit codes".
ExitCode decide_exit_code(const RunReport& report);

}  // namespace exposcan
