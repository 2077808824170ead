#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "exposcan/run.hpp"

namespace exposcan::cli {

namespace {

struct ScanFlags {
    std::vector<std::string> targets;
    std::string ports = "-";
    std::string expect_open;
    std::string expect_closed;
    OutputFlags output;
};

int run(const ScanFlags& flags) {
    ScanJob job;
    job.target_specs = flags.targets;
    job.ports = scan::parse_port_spec(flags.ports);
    job.policy.name = "cli";
    if (!flags.expect_open.empty()) job.policy.expect.open = scan::parse_port_spec(flags.expect_open);
    if (!flags.expect_closed.empty()) job.policy.expect.closed = scan::parse_port_spec(flags.expect_closed);
    auto report = run_scan(job, RunHooks{});
    report.tool_version = EXPOSCAN_VERSION;
    emit(report, flags.output);
    return static_cast<int>(report.exit_code);
}

}  // namespace

Action add_scan_command(CLI::App& app) {
    auto flags = std::make_shared<ScanFlags>();
    auto* cmd = app.add_subcommand("scan", "TCP connect scan of targets, with probes and a verdict");
    cmd->add_option("targets", flags->targets, "IPv4/IPv6 literals, hostnames, CIDRs")->required();
    cmd->add_option("-p,--ports", flags->ports, "Ports: 22,25,80-443 or - for all (default: all)");
    cmd->add_option("--expect-open", flags->expect_open, "Ports that should be open");
    cmd->add_option("--expect-closed", flags->expect_closed, "Ports that should be closed");
    add_output_flags(*cmd, flags->output);
    return [flags] { return run(*flags); };
}

}  // namespace exposcan::cli
