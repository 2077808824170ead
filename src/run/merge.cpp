// `exposcan merge` (merge.hpp): check that the shards are one job's, each
// once, then rebuild the single run's report: scans merged per target like
// the engine's thread shards (scan/shards.hpp), probes in target and port
// order (as probe_services returns them), the policy evaluated on the whole,
// reachability and the verdict decided again (stages.hpp finish()).
#include <algorithm>
#include <map>

#include "exposcan/error.hpp"
#include "exposcan/merge.hpp"
#include "exposcan/run.hpp"
#include "exposcan/shard.hpp"
#include "run/stages.hpp"
#include "scan/shards.hpp"

namespace exposcan {

namespace {

struct Part {
    std::string path;
    RunReport report;
    Shard shard;
};

std::string differing_field(const WorkDescription& a, const WorkDescription& b) {
    if (a.targets != b.targets) return "targets";
    if (a.exclude != b.exclude) return "excludes";
    if (a.ports != b.ports) return "ports";
    if (a.policy != b.policy) return "policy";
    if (a.expect_open != b.expect_open || a.expect_closed != b.expect_closed) return "expectations";
    return "--no-probe";
}

bool same_targets(const std::vector<Target>& a, const std::vector<Target>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Target& x, const Target& y) {
        return x.name == y.name && x.address == y.address;
    });
}

// Same version, job and targets as the first; a shard count that agrees.
void check_compatible(const Part& first, const Part& p, const std::string& version) {
    if (p.report.tool_version != version)
        throw UsageError(p.path + ": made by exposcan " + p.report.tool_version + ", this is " + version +
                         "; merge with the version that scanned");
    if (!(*p.report.work == *first.report.work))
        throw UsageError(p.path + ": a different job than " + first.path + " (" +
                         differing_field(*p.report.work, *first.report.work) + " differ)");
    if (p.shard.count != first.shard.count)
        throw UsageError(p.path + ": shard " + to_string(p.shard) + " is from a split into " +
                         std::to_string(p.shard.count) + ", " + first.path + " from a split into " +
                         std::to_string(first.shard.count));
    if (!same_targets(p.report.targets, first.report.targets))
        throw UsageError(p.path + ": resolved targets differ from " + first.path +
                         " (did DNS change between shards?)");
}

// Parts sorted by shard index; every index 1..N exactly once.
std::vector<Part> check_cover(std::vector<Part> parts) {
    std::sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.shard.index < b.shard.index; });
    for (std::size_t i = 1; i < parts.size(); ++i)
        if (parts[i].shard.index == parts[i - 1].shard.index)
            throw UsageError(parts[i].path + ": duplicate shard " + to_string(parts[i].shard) + " (also " +
                             parts[i - 1].path + ")");
    std::string missing;
    unsigned n = parts.front().shard.count;
    for (unsigned i = 1, k = 0; i <= n; ++i) {
        if (k < parts.size() && parts[k].shard.index == i) { ++k; continue; }
        if (!missing.empty()) missing += ", ";
        missing += std::to_string(i) + "/" + std::to_string(n);
    }
    if (!missing.empty())
        throw IncompleteError("missing shard " + missing.substr(0, 200) + " (have " + std::to_string(parts.size()) +
                              " of " + std::to_string(n) + "); the merged report would not cover the job");
    return parts;
}

// Canary i of the whole run failed if it failed in any shard.
std::vector<CanaryCheck> merge_canaries(const std::vector<Part>& parts) {
    auto out = parts.front().report.canaries;
    for (const auto& p : parts)
        for (std::size_t i = 0; i < out.size() && i < p.report.canaries.size(); ++i)
            if (out[i].ok() && !p.report.canaries[i].ok()) out[i] = p.report.canaries[i];
    return out;
}

policy::TargetPolicy flags_policy(const WorkDescription& w) {
    policy::TargetPolicy tp;
    tp.name = "cli";
    if (!w.expect_open.empty()) tp.expect.open = parse_port_spec(w.expect_open);
    if (!w.expect_closed.empty()) tp.expect.closed = parse_port_spec(w.expect_closed);
    return tp;
}

void evaluate(RunReport& r, const MergeJob& job, const WorkDescription& w, bool probed) {
    if (w.policy == "flags") {
        if (job.policy) throw UsageError("--policy " + job.policy->source + ": the shards were scanned without a "
                                         "policy file (their expectations are in the reports)");
        auto tp = flags_policy(w);
        r.findings = policy::evaluate(tp, r.scans, r.probes);
        policy::add_evaluated(tp, r.scans, probed, r.evaluated);
        return;
    }
    if (!job.policy) throw UsageError("the shards were scanned with --policy; give merge the same --policy FILE");
    if (job.policy->identity != w.policy)
        throw UsageError("--policy " + job.policy->source + ": not the policy file the shards were scanned with (" +
                         job.policy->identity + ", shards: " + w.policy + ")");
    auto resolved = detail::resolve_policy_targets(*job.policy, job.options.limits);
    auto owner = detail::assign_policy_targets(*job.policy, resolved, r.targets);
    r.findings = detail::evaluate_by_owner(*job.policy, owner, r.scans, r.probes);
    detail::add_evaluated_by_owner(*job.policy, owner, r.scans, probed, r.evaluated);
}

RunReport combine(std::vector<Part>& parts) {
    RunReport r;
    r.command = parts.front().report.command;  // scan or check (same job, check_compatible)
    r.tool_version = parts.front().report.tool_version;
    r.targets = parts.front().report.targets;
    r.work = parts.front().report.work;
    r.started_at = parts.front().report.started_at;
    std::vector<std::vector<TargetScan>> scans;
    for (auto& p : parts) {
        r.started_at = std::min(r.started_at, p.report.started_at);
        r.elapsed = std::max(r.elapsed, p.report.elapsed);
        scans.push_back(std::move(p.report.scans));
        r.probes.insert(r.probes.end(), p.report.probes.begin(), p.report.probes.end());
    }
    // check: no one port list (each policy target has its own); the shards' union is each target's.
    r.scans = scan::merge_shards(scans, r.work->ports.empty() ? PortSet{} : parse_port_spec(r.work->ports));
    std::map<std::string, std::size_t> rank;
    for (std::size_t i = 0; i < r.targets.size(); ++i) rank[r.targets[i].address_string()] = i;
    std::stable_sort(r.probes.begin(), r.probes.end(), [&rank](const ProbeResult& a, const ProbeResult& b) {
        auto ra = rank[a.target.address_string()], rb = rank[b.target.address_string()];
        return ra != rb ? ra < rb : a.port < b.port;
    });
    r.canaries = merge_canaries(parts);
    return r;
}

}  // namespace

RunReport merge_reports(const MergeJob& job) {
    if (job.paths.empty()) throw UsageError("merge: no reports given");
    std::vector<Part> parts;
    for (const auto& path : job.paths) {
        Part p{path, load_shard_report(path, job.options.limits.max_baseline_bytes), Shard{}};
        p.shard = p.report.shard.value_or(Shard{});
        if (!parts.empty()) check_compatible(parts.front(), p, job.tool_version);
        else if (p.report.tool_version != job.tool_version) check_compatible(p, p, job.tool_version);
        parts.push_back(std::move(p));
    }
    parts = check_cover(std::move(parts));
    bool probed = parts.front().report.work->probe;
    auto r = combine(parts);
    evaluate(r, job, *r.work, probed);
    auto elapsed = r.elapsed;
    detail::finish(r, std::chrono::steady_clock::now());
    r.elapsed = elapsed;
    return r;
}

}  // namespace exposcan
