// `exposcan merge` (merge.hpp): check that the shards are one job's, each
// once, then rebuild the single run's report: scans merged per target like
// the engine's thread shards (scan/shards.hpp), probes in target and port
// order (as probe_services returns them), the policy evaluated on the whole,
// reachability and the verdict decided again (stages.hpp finish()).
#include <algorithm>
#include <iterator>
#include <map>

#include "exposcan/error.hpp"
#include "exposcan/merge.hpp"
#include "exposcan/run.hpp"
#include "exposcan/shard.hpp"
#include "run/merge_vantages.hpp"
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

std::string vantage_suffix(const std::string& vantage) {
    return vantage.empty() ? std::string() : " (vantage " + vantage + ")";
}

bool same_targets(const std::vector<Target>& a, const std::vector<Target>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Target& x, const Target& y) {
        return x.name == y.name && x.address == y.address;
    });
}

// Same version, job and targets as the first (every vantage scans one job).
void check_compatible(const Part& first, const Part& p, const std::string& version) {
    if (p.report.tool_version != version)
        throw UsageError(p.path + ": made by exposcan " + p.report.tool_version + ", this is " + version +
                         "; merge with the version that scanned");
    if (!(*p.report.work == *first.report.work))
        throw UsageError(p.path + ": a different job than " + first.path + " (" +
                         differing_field(*p.report.work, *first.report.work) + " differ)");
    if (!same_targets(p.report.targets, first.report.targets))
        throw UsageError(p.path + ": resolved targets differ from " + first.path +
                         " (did DNS change between shards, or answer differently per vantage? give addresses)");
}

// Shards of one vantage agree on their shard count.
void check_split(const Part& first, const Part& p) {
    if (p.shard.count != first.shard.count)
        throw UsageError(p.path + ": shard " + to_string(p.shard) + " is from a split into " +
                         std::to_string(p.shard.count) + ", " + first.path + " from a split into " +
                         std::to_string(first.shard.count) + vantage_suffix(p.report.vantage));
}

// Parts sorted by shard index; every index 1..N exactly once.
std::vector<Part> check_cover(std::vector<Part> parts) {
    std::sort(parts.begin(), parts.end(), [](const Part& a, const Part& b) { return a.shard.index < b.shard.index; });
    for (std::size_t i = 1; i < parts.size(); ++i)
        if (parts[i].shard.index == parts[i - 1].shard.index)
            throw UsageError(parts[i].path + ": duplicate shard " + to_string(parts[i].shard) +
                             vantage_suffix(parts[i].report.vantage) + " (also " +
                             parts[i - 1].path + ")");
    std::string missing;
    unsigned n = parts.front().shard.count;
    for (unsigned i = 1, k = 0; i <= n; ++i) {
        if (k < parts.size() && parts[k].shard.index == i) { ++k; continue; }
        if (!missing.empty()) missing += ", ";
        missing += std::to_string(i) + "/" + std::to_string(n);
    }
    if (!missing.empty())
        throw IncompleteError("missing shard " + missing.substr(0, 200) + vantage_suffix(parts.front().report.vantage) +
                              " (have " + std::to_string(parts.size()) +
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

// How the merged job is judged: the policy file's target owning each
// address, or the expectations the shards were given as flags.
struct Judge {
    std::optional<policy::Policy> file;
    policy::TargetPolicy flags;
    std::vector<std::size_t> owner;  // file: policy target per address
    [[nodiscard]] const policy::TargetPolicy& target_for(std::size_t address) const {
        return file ? file->targets[owner[address]] : flags;
    }
};

Judge make_judge(const MergeJob& job, const WorkDescription& w, std::vector<Target>& targets) {
    Judge judge;
    if (w.policy == "flags") {
        if (job.policy) throw UsageError("--policy " + job.policy->source + ": the shards were scanned without a "
                                         "policy file (their expectations are in the reports)");
        judge.flags = flags_policy(w);
        return judge;
    }
    if (!job.policy) throw UsageError("the shards were scanned with --policy; give merge the same --policy FILE");
    if (job.policy->identity != w.policy)
        throw UsageError("--policy " + job.policy->source + ": not the policy file the shards were scanned with (" +
                         job.policy->identity + ", shards: " + w.policy + ")");
    judge.file = job.policy;
    auto resolved = detail::resolve_policy_targets(*job.policy, job.options.limits);
    judge.owner = detail::assign_policy_targets(*job.policy, resolved, targets);
    return judge;
}

// Findings and evaluated rule families of one vantage's (or the only) report,
// judged by what the policy expects from that vantage.
void evaluate(RunReport& r, const Judge& judge, bool probed) {
    if (!judge.file) {
        auto tp = policy::for_vantage(judge.flags, r.vantage);
        r.findings = policy::evaluate(tp, r.scans, r.probes);
        policy::add_evaluated(tp, r.scans, probed, r.evaluated);
        return;
    }
    auto seen_from = policy::for_vantage(*judge.file, r.vantage);
    r.findings = detail::evaluate_by_owner(seen_from, judge.owner, r.scans, r.probes);
    detail::add_evaluated_by_owner(seen_from, judge.owner, r.scans, probed, r.evaluated);
}

// A vantage the policy expects something of but no report came from: those
// expectations were not checked, so the merged verdict cannot be clean.
void check_expected_vantages(RunReport& r, const Judge& judge, const std::vector<std::string>& merged) {
    if (!judge.file) return;
    for (const auto& name : policy::expected_vantages(*judge.file))
        if (std::find(merged.begin(), merged.end(), name) == merged.end())
            r.inconclusive.push_back("vantage " + name + ": the policy expects what it sees (expect_by_vantage) but "
                                     "no report from it was merged");
}

// Probes in target and port order, as probe_services returns them.
void sort_probes(RunReport& r) {
    std::map<std::string, std::size_t> rank;
    for (std::size_t i = 0; i < r.targets.size(); ++i) rank[r.targets[i].address_string()] = i;
    std::stable_sort(r.probes.begin(), r.probes.end(), [&rank](const ProbeResult& a, const ProbeResult& b) {
        auto ra = rank[a.target.address_string()], rb = rank[b.target.address_string()];
        return ra != rb ? ra < rb : a.port < b.port;
    });
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
    sort_probes(r);
    r.canaries = merge_canaries(parts);
    r.vantage = parts.front().report.vantage;
    return r;
}

// Each vantage's parts ("" = runs without --vantage), by name; within one,
// every shard exactly once (missing: IncompleteError).
std::map<std::string, std::vector<Part>> by_vantage(std::vector<Part> parts) {
    std::map<std::string, std::vector<Part>> out;
    for (auto& p : parts) {
        auto& group = out[p.report.vantage];
        if (!group.empty()) check_split(group.front(), p);
        group.push_back(std::move(p));
    }
    for (auto& [name, group] : out) group = check_cover(std::move(group));
    if (out.size() > 1 && out.count(""))
        throw UsageError(out.at("").front().path + ": has no --vantage, but other reports do (" +
                         std::next(out.begin())->second.front().path + "); label every vantage's runs");
    return out;
}

// vantage.divergent per address over r.vantages, each vantage's view with
// what the policy expects from there.
void add_divergences(RunReport& r, const Judge& judge) {
    for (std::size_t i = 0; i < r.targets.size(); ++i) {
        std::vector<policy::VantageView> views;
        for (const auto& v : r.vantages) views.push_back({v.name, &v.scans[i], &judge.target_for(i).expect_for(v.name)});
        auto found = policy::divergence_findings(views);
        r.findings.insert(r.findings.end(), found.begin(), found.end());
        r.evaluated[r.targets[i].name].add(RuleFamily::vantages);
    }
}

// Several vantages: each judged by its own expectations, the scans kept per
// vantage, the top-level scans the most exposed state, and the ports whose
// state differs between vantages compared (vantage.divergent). Canaries are
// per vantage (each place proves its own path): all of them are kept, and
// one that failed anywhere makes the merged run inconclusive.
RunReport merge_vantages(std::map<std::string, std::vector<Part>>& groups, const MergeJob& job, bool probed) {
    std::vector<RunReport> each;
    for (auto& [name, parts] : groups) each.push_back(combine(parts));
    RunReport r;
    r.command = each.front().command;  // scan or check, the same in every part
    r.tool_version = each.front().tool_version;
    r.targets = each.front().targets;
    r.work = each.front().work;
    r.started_at = each.front().started_at;
    auto judge = make_judge(job, *r.work, r.targets);
    std::vector<std::pair<std::string, std::vector<Finding>>> findings;
    std::vector<std::vector<ProbeResult>> probes;
    std::vector<std::string> names;
    for (auto& v : each) {
        evaluate(v, judge, probed);
        r.started_at = std::min(r.started_at, v.started_at);
        r.elapsed = std::max(r.elapsed, v.elapsed);
        for (const auto& [target, families] : v.evaluated) r.evaluated[target].add(families);
        findings.emplace_back(v.vantage, std::move(v.findings));
        probes.push_back(std::move(v.probes));
        names.push_back(v.vantage);
        detail::judge_reachability(v);  // each vantage's own proof (its canaries, its answers)
        r.canaries.insert(r.canaries.end(), v.canaries.begin(), v.canaries.end());
        r.vantages.push_back({v.vantage, static_cast<unsigned>(groups.at(v.vantage).size()), std::move(v.scans)});
    }
    r.findings = detail::join_findings(findings);
    add_divergences(r, judge);
    r.scans = detail::most_exposed(r.vantages);
    r.probes = detail::union_probes(std::move(probes));
    sort_probes(r);
    check_expected_vantages(r, judge, names);
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
    bool probed = parts.front().report.work->probe;
    auto groups = by_vantage(std::move(parts));
    RunReport r;
    if (groups.size() > 1) {
        r = merge_vantages(groups, job, probed);
    } else {
        r = combine(groups.begin()->second);
        auto judge = make_judge(job, *r.work, r.targets);
        evaluate(r, judge, probed);  // one vantage's shards: exactly the single run from there
    }
    auto elapsed = r.elapsed;
    detail::finish(r, std::chrono::steady_clock::now());
    r.elapsed = elapsed;
    return r;
}

}  // namespace exposcan
