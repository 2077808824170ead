// `exposcan check POLICY`: every target of the file, one after the other
// (each has its own port set), then the leak audit for targets with a domain.
#include <map>

#include "exposcan/error.hpp"
#include "exposcan/leak.hpp"
#include "exposcan/run.hpp"
#include "run/stages.hpp"

namespace exposcan {

namespace {

// Resolves one policy target; scope errors name the policy line. Every
// resolved address carries the policy target's name (parity groups by it).
std::vector<Target> resolve(const policy::Policy& pol, const policy::TargetPolicy& t, const Limits& limits) {
    std::vector<Target> out;
    try {
        out = scan::resolve_targets(t.addresses, limits);
    } catch (const UsageError& e) {
        throw UsageError(pol.source + ":" + std::to_string(t.line) + ": target '" + t.name + "': " + e.what());
    }
    for (auto& target : out) target.name = t.name;
    return out;
}

// An address reached through two targets (overlapping CIDRs, a hostname)
// would be judged twice against different expectations.
void reject_overlap(const policy::Policy& pol, const std::vector<std::vector<Target>>& resolved) {
    std::map<std::string, std::string> owner;
    for (std::size_t i = 0; i < resolved.size(); ++i)
        for (const auto& t : resolved[i])
            if (auto [it, fresh] = owner.emplace(t.address_string(), t.name); !fresh && it->second != t.name)
                throw UsageError(pol.source + ":" + std::to_string(pol.targets[i].line) + ": target '" + t.name +
                                 "': address " + t.address_string() + " is also in target '" + it->second + "'");
}

void merge_leak(RunReport& report, LeakReport leak) {
    if (!report.leak) { report.leak = std::move(leak); return; }
    report.leak->domain += ", " + leak.domain;
    for (auto& c : leak.checks) report.leak->checks.push_back(std::move(c));
    for (auto& why : leak.inconclusive) report.leak->inconclusive.push_back(std::move(why));
}

void audit_leaks(const policy::TargetPolicy& t, const std::vector<Target>& targets, const Options& options,
                 RunReport& report) {
    leak::LeakRequest request;
    request.domain = *t.domain;
    for (const auto& target : targets) request.origins.push_back(target.address);
    auto leak_options = options.leak;
    if (t.cdn != "cloudflare") {
        request.cdn = "file";
        leak_options.cdn_ranges_file = t.cdn;
    }
    auto leak_report = leak::audit(request, leak_options, options.limits);
    auto found = leak::findings_from(leak_report, t.name);
    report.findings.insert(report.findings.end(), found.begin(), found.end());
    merge_leak(report, std::move(leak_report));
}

}  // namespace

RunReport run_check(const CheckJob& job, const RunHooks& hooks) {
    RunReport report;
    report.command = "check";
    report.started_at = std::chrono::system_clock::now();
    auto t0 = std::chrono::steady_clock::now();
    std::vector<std::vector<Target>> resolved;
    for (const auto& t : job.policy.targets) resolved.push_back(resolve(job.policy, t, job.options.limits));
    reject_overlap(job.policy, resolved);
    for (const auto& targets : resolved) report.targets.insert(report.targets.end(), targets.begin(), targets.end());

    for (std::size_t i = 0; i < job.policy.targets.size(); ++i) {
        const auto& t = job.policy.targets[i];
        if (detail::stop_requested(hooks)) {
            report.inconclusive.push_back(t.name + ": not scanned (interrupted)");
            continue;
        }
        auto stages = detail::scan_and_probe(resolved[i], t.ports, job.options, hooks);
        auto found = policy::evaluate(t, stages.scans, stages.probes);
        report.findings.insert(report.findings.end(), found.begin(), found.end());
        std::move(stages.scans.begin(), stages.scans.end(), std::back_inserter(report.scans));
        std::move(stages.probes.begin(), stages.probes.end(), std::back_inserter(report.probes));
        if (t.domain && !detail::stop_requested(hooks)) audit_leaks(t, resolved[i], job.options, report);
    }
    detail::finish(report, t0);
    return report;
}

}  // namespace exposcan
