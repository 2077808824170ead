// `exposcan init TARGET...`: scans once and writes a commented starter policy
// that expects exactly the state seen, so adopting exposcan is one command.
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "exposcan/error.hpp"
#include "exposcan/run.hpp"

namespace exposcan::cli {

namespace {

struct InitFlags {
    std::vector<std::string> targets;
    std::string ports = "-";
    std::string name = "origin";
    std::string output_file;
    Options options;
    bool no_probe = true;  // init only needs port states
};

void write_policy(const std::string& text, const std::string& path) {
    if (path.empty() || path == "-") { std::cout << text; return; }
    if (std::ifstream(path).good()) throw UsageError("init: " + path + " exists; not overwriting a policy");
    std::ofstream out(path);
    out << text;
    out.close();
    if (!out) throw UsageError("cannot write " + path);
}

int run(const InitFlags& flags) {
    ScanJob job;
    job.target_specs = flags.targets;
    job.ports = scan::parse_port_spec(flags.ports);
    job.options = flags.options;
    job.options.probe.enabled = false;
    auto report = run_scan(job, RunHooks{});
    write_policy(policy::starter_policy(flags.name, flags.targets, job.ports, report.scans), flags.output_file);
    for (const auto& s : report.scans)
        if (!s.complete) {
            std::cerr << "exposcan: init: scan of " << s.target.address_string()
                      << " did not finish; review the policy (" << s.incomplete_reason << ")\n";
            return static_cast<int>(ExitCode::inconclusive);
        }
    return 0;
}

}  // namespace

Action add_init_command(CLI::App& app) {
    auto flags = std::make_shared<InitFlags>();
    auto* cmd = app.add_subcommand("init", "Scan targets and write a starter policy expecting the current state");
    cmd->add_option("targets", flags->targets, "Addresses of ONE server (IPv4/IPv6 literals, hostnames)")->required();
    cmd->add_option("-p,--ports", flags->ports, "Ports: 22,25,80-443 or - for all (default: all)");
    cmd->add_option("--name", flags->name, "Target name in the policy (default: origin)");
    cmd->add_option("-o,--output", flags->output_file, "Write the policy to FILE (default: stdout; never overwrites)");
    add_run_flags(*cmd, flags->options, flags->no_probe);
    return [flags] { return run(*flags); };
}

}  // namespace exposcan::cli
