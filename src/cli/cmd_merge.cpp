// `exposcan merge`: shard reports (scan --shard I/N --format json=FILE) into
// the one report of the whole job; the library checks and merges (merge.hpp).
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/version.hpp"
#include "exposcan/merge.hpp"

namespace exposcan::cli {

namespace {

struct MergeFlags {
    std::vector<std::string> reports;
    OutputFlags output;
};

int run(MergeFlags& flags) {
    MergeJob job;
    job.paths = flags.reports;
    job.tool_version = std::string(build_version());
    if (!flags.output.gate.policy.empty()) job.policy = policy::load_policy_file(flags.output.gate.policy);
    auto report = merge_reports(job);
    return finish_run(report, flags.output);
}

}  // namespace

Action add_merge_command(CLI::App& app) {
    auto flags = std::make_shared<MergeFlags>();
    auto* cmd = app.add_subcommand("merge", "Combine the JSON reports of scan --shard I/N into one report and verdict");
    cmd->add_option("reports", flags->reports, "JSON reports of every shard (scan --shard I/N --format json=FILE)")
        ->required();
    add_output_flags(*cmd, flags->output);
    add_policy_flags(*cmd, flags->output);
    cmd->remove_option(cmd->get_option("--canary"));  // the shards checked their canaries; merge sends nothing
    cmd->footer("Every shard 1..N exactly once, from the same exposcan version, job and policy file; otherwise "
                "a one-line error and exit 3 (mismatch, duplicate, invalid JSON) or 2 (a shard missing or failed). "
                "With --policy, give the file the shards were scanned with. See docs/scaling.md.");
    return [flags] { return run_with_outputs("merge", flags->output, [&] { return run(*flags); }); };
}

}  // namespace exposcan::cli
