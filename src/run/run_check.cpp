// `exposcan check POLICY`: every target of the file, one after the other
// (each has its own port set), then the leak audit for targets with a domain.
#include "exposcan/error.hpp"
#include "exposcan/leak.hpp"
#include "exposcan/run.hpp"
#include "run/stages.hpp"

namespace exposcan {

namespace {

void merge_leak(RunReport& report, LeakReport leak) {
    if (!report.leak) { report.leak = std::move(leak); return; }
    report.leak->domain += ", " + leak.domain;
    for (auto& c : leak.checks) report.leak->checks.push_back(std::move(c));
    for (auto& why : leak.inconclusive) report.leak->inconclusive.push_back(std::move(why));
}

struct LeakJob {
    leak::LeakRequest request;
    LeakOptions options;
};

LeakJob leak_job(const policy::TargetPolicy& t, const std::vector<Target>& targets, const Options& options) {
    LeakJob job{{}, options.leak};
    job.request.domain = *t.domain;
    for (const auto& target : targets) job.request.origins.push_back(target.address);
    if (t.cdn != "cloudflare") {
        job.request.cdn = "file";
        job.options.cdn_ranges_file = t.cdn;
    }
    return job;
}

// A bad `cdn:` file or wordlist is a usage error before the first packet.
void validate_leak_jobs(const CheckJob& job, const std::vector<std::vector<Target>>& resolved) {
    for (std::size_t i = 0; i < job.policy.targets.size(); ++i) {
        if (!job.policy.targets[i].domain) continue;
        auto lj = leak_job(job.policy.targets[i], resolved[i], job.options);
        leak::validate(lj.request, lj.options, job.options.limits);
    }
}

void audit_leaks(const policy::TargetPolicy& t, const std::vector<Target>& targets, const Options& options,
                 RunReport& report) {
    auto lj = leak_job(t, targets, options);
    auto leak_report = leak::audit(lj.request, lj.options, options.limits);
    auto found = leak::findings_from(leak_report, t.name);
    report.evaluated[t.name].add(leak::evaluated_families(lj.request));
    report.findings.insert(report.findings.end(), found.begin(), found.end());
    merge_leak(report, std::move(leak_report));
}

// What merge compares between check shards: the policy file's bytes, every
// address its targets name (a file named by `addresses: {file:}` may change
// between shards), probing. Ports differ per target: the policy has them.
WorkDescription describe_check(const CheckJob& job) {
    WorkDescription w;
    for (const auto& t : job.policy.targets)
        for (const auto& a : t.addresses) w.targets.push_back(t.name + "=" + a);
    w.policy = job.policy.identity;
    w.probe = job.options.probe.enabled;
    return w;
}

// The leak audit is one conversation per domain, not (address, port) pairs:
// its report is not merged, so a sharded check refuses it instead of dropping it.
void check_shardable(const CheckJob& job) {
    if (job.shard.count <= 1) return;
    for (const auto& t : job.policy.targets)
        if (t.domain)
            throw UsageError(job.policy.source + ":" + std::to_string(t.line) + ": target '" + t.name +
                             "': check --shard cannot split the leak audit (domain:); run it unsharded, "
                             "or shard a policy without domain:");
}

}  // namespace

RunReport run_check(const CheckJob& job, const RunHooks& hooks) {
    RunReport report;
    report.command = "check";
    report.started_at = std::chrono::system_clock::now();
    auto t0 = std::chrono::steady_clock::now();
    check_shardable(job);
    auto resolved = detail::resolve_policy_targets(job.policy, job.options.limits);
    validate_leak_jobs(job, resolved);
    for (const auto& targets : resolved) report.targets.insert(report.targets.end(), targets.begin(), targets.end());
    auto canaries = job.canaries;
    canaries.insert(canaries.end(), job.policy.canaries.begin(), job.policy.canaries.end());
    report.canaries = detail::resolve_canaries(canaries, job.options.limits);
    detail::check_canaries(report.canaries, detail::CanaryPhase::before, job.options.scan, hooks);

    for (std::size_t i = 0; i < job.policy.targets.size(); ++i) {
        const auto& t = job.policy.targets[i];
        if (detail::stop_requested(hooks)) {
            report.inconclusive.push_back(t.name + ": not scanned (interrupted)");
            continue;
        }
        auto stages = detail::scan_share(resolved[i], t.ports, job.shard, job.options, hooks);
        auto found = policy::evaluate(policy::for_vantage(t, job.vantage), stages.scans, stages.probes);
        policy::add_evaluated(t, stages.scans, stages.probed, report.evaluated);
        report.findings.insert(report.findings.end(), found.begin(), found.end());
        std::move(stages.scans.begin(), stages.scans.end(), std::back_inserter(report.scans));
        std::move(stages.probes.begin(), stages.probes.end(), std::back_inserter(report.probes));
        if (t.domain && !detail::stop_requested(hooks)) audit_leaks(t, resolved[i], job.options, report);
    }
    detail::check_canaries(report.canaries, detail::CanaryPhase::after, job.options.scan, hooks);
    report.vantage = job.vantage;
    report.work = describe_check(job);
    if (job.shard.count > 1) report.shard = job.shard;
    detail::finish(report, t0);
    return report;
}

}  // namespace exposcan
