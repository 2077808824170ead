#include "exposcan/run.hpp"
#include "run/stages.hpp"

namespace exposcan {

namespace {

std::vector<std::string> all_canaries(const ScanJob& job) {
    auto specs = job.canaries;
    if (job.policy_file) specs.insert(specs.end(), job.policy_file->canaries.begin(), job.policy_file->canaries.end());
    return specs;
}

}  // namespace

WorkDescription describe_work(const ScanJob& job) {
    WorkDescription w;
    w.targets = job.target_specs;
    w.exclude = job.exclude_specs;
    w.ports = job.ports.to_string();
    w.probe = job.options.probe.enabled;
    if (job.policy_file) {
        w.policy = job.policy_file->identity;
    } else {
        w.policy = "flags";
        w.expect_open = job.policy.expect.open.to_string();
        w.expect_closed = job.policy.expect.closed.to_string();
    }
    return w;
}

RunReport run_scan(const ScanJob& job, const RunHooks& hooks) {
    RunReport report;
    report.command = "scan";
    report.started_at = std::chrono::system_clock::now();
    auto t0 = std::chrono::steady_clock::now();
    report.targets = scan::resolve_targets(job.target_specs, job.options.limits);
    if (!job.exclude_specs.empty()) report.targets = scan::exclude_targets(std::move(report.targets), job.exclude_specs);
    std::vector<std::size_t> owner;
    if (job.policy_file) {
        auto resolved = detail::resolve_policy_targets(*job.policy_file, job.options.limits);
        owner = detail::assign_policy_targets(*job.policy_file, resolved, report.targets);
    }
    report.canaries = detail::resolve_canaries(all_canaries(job), job.options.limits);
    detail::check_canaries(report.canaries, detail::CanaryPhase::before, job.options.scan, hooks);
    auto stages = detail::scan_share(report.targets, job.ports, job.shard, job.options, hooks);
    report.scans = std::move(stages.scans);
    report.probes = std::move(stages.probes);
    if (job.policy_file) {
        auto seen_from = policy::for_vantage(*job.policy_file, job.vantage);
        report.findings = detail::evaluate_by_owner(seen_from, owner, report.scans, report.probes);
        detail::add_evaluated_by_owner(seen_from, owner, report.scans, stages.probed, report.evaluated);
    } else {
        report.findings = policy::evaluate(job.policy, report.scans, report.probes);
        policy::add_evaluated(job.policy, report.scans, stages.probed, report.evaluated);
    }
    detail::check_canaries(report.canaries, detail::CanaryPhase::after, job.options.scan, hooks);
    report.work = describe_work(job);
    if (job.shard.count > 1) report.shard = job.shard;
    report.vantage = job.vantage;
    detail::finish(report, t0);
    return report;
}

}  // namespace exposcan
