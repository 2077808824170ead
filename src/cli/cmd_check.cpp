// `exposcan check POLICY`: everything the policy file names, as a pipeline
// gate (exit 0 clean, 1 findings, 2 inconclusive, 3 usage/config error).
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/signals.hpp"
#include "exposcan/run.hpp"
#include "exposcan/vantage.hpp"
#include "exposcan/shard.hpp"

namespace exposcan::cli {

namespace {

struct CheckFlags {
    std::string policy_file;
    Options options;
    bool no_probe = false;
    std::optional<std::string> vantage;  // --vantage NAME (vantage.hpp)
    std::optional<std::string> shard;  // --shard I/N (add_shard_flag)
    OutputFlags output;
};

int run(const CheckFlags& flags) {
    CheckJob job;
    job.policy = policy::load_policy_file(flags.policy_file);
    job.canaries = flags.output.gate.canaries;
    job.options = flags.options;
    job.options.probe.enabled = !flags.no_probe;
    if (flags.vantage) job.vantage = parse_vantage(*flags.vantage);
    if (flags.shard) job.shard = parse_shard(*flags.shard);
    RunHooks hooks;
    hooks.stop = &install_stop_signals();  // first SIGINT/SIGTERM: finish early, write partial results, exit 2
    auto report = run_check(job, hooks);
    return finish_run(report, flags.output);
}

}  // namespace

Action add_check_command(CLI::App& app) {
    auto flags = std::make_shared<CheckFlags>();
    auto* cmd = app.add_subcommand("check", "Run everything a policy file names; the exit code is the verdict");
    cmd->add_option("policy", flags->policy_file, "Policy file (YAML or JSON), see docs/policy.md")->required();
    add_run_flags(*cmd, flags->options, flags->no_probe);
    add_shard_flag(*cmd, flags->shard, "Check", "policy's ");
    add_cdn_ca_flag(*cmd, flags->options.leak);
    add_vantage_flag(*cmd, flags->vantage);
    add_output_flags(*cmd, flags->output);
    add_policy_flags(*cmd, flags->output, false);
    cmd->footer("Exit codes: 0 clean, 1 findings (at or above --fail-on), 2 inconclusive, 3 usage/config error.");
    return [flags] { return run_with_outputs("check", flags->output, [&] { return run(*flags); }); };
}

}  // namespace exposcan::cli
