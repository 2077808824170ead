#include "exposcan/run.hpp"
#include "run/stages.hpp"

namespace exposcan {

RunReport run_scan(const ScanJob& job, const RunHooks& hooks) {
    RunReport report;
    report.command = "scan";
    report.started_at = std::chrono::system_clock::now();
    auto t0 = std::chrono::steady_clock::now();
    report.targets = scan::resolve_targets(job.target_specs, job.options.limits);
    auto stages = detail::scan_and_probe(report.targets, job.ports, job.options, hooks);
    report.scans = std::move(stages.scans);
    report.probes = std::move(stages.probes);
    report.findings = policy::evaluate(job.policy, report.scans, report.probes);
    detail::finish(report, t0);
    return report;
}

}  // namespace exposcan
