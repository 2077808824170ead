// `exposcan init TARGET...`: scans once and writes a commented starter policy
// that expects exactly the state seen, so adopting exposcan is one command.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/target_flags.hpp"
#include "cli/output.hpp"
#include "exposcan/error.hpp"
#include "exposcan/run.hpp"

namespace exposcan::cli {

namespace {

struct InitFlags {
    TargetFlags targets;
    std::string ports = "-";
    std::string name = "origin";
    std::string output_file;
    Options options;
    bool no_probe = true;  // init only needs port states
};

bool to_stdout(const std::string& path) { return path.empty() || path == "-"; }

// Before the scan: a policy file is never overwritten, and a missing or
// read-only directory is found now, not after minutes of scanning.
void check_new_policy_file(const std::string& path) {
    if (to_stdout(path)) return;
    std::error_code ec;
    if (std::filesystem::symlink_status(path, ec).type() != std::filesystem::file_type::not_found)
        throw UsageError("init: " + path + " exists; not overwriting a policy");
    auto dir = std::filesystem::path(path).parent_path();
    auto dir_s = dir.empty() ? std::string(".") : dir.string();
    if (::access(dir_s.c_str(), W_OK | X_OK) != 0)
        throw UsageError("cannot write " + path + ": directory " + dir_s + " is missing or not writable");
}

void write_policy(const std::string& text, const std::string& path) {
    if (to_stdout(path)) { std::cout << text; return; }
    // O_EXCL: a file that appeared during the scan is not overwritten either.
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno == EEXIST) throw UsageError("init: " + path + " exists; not overwriting a policy");
    if (fd < 0) throw UsageError("cannot write " + path + ": " + std::strerror(errno));
    bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    ok = ::close(fd) == 0 && ok;
    if (!ok) throw UsageError("cannot write " + path);
}

// The policy names the targets as given, unless some were excluded: then the
// addresses that were really scanned (a CIDR minus an exclude has no spec).
std::vector<std::string> policy_addresses(const ScanJob& job, const RunReport& report) {
    if (job.exclude_specs.empty()) return job.target_specs;
    std::vector<std::string> out;
    for (const auto& t : report.targets) out.push_back(t.address_string());
    return out;
}

int run(const InitFlags& flags) {
    if (auto problem = policy::target_name_problem(flags.name)) throw UsageError("--name: " + *problem);
    check_new_policy_file(flags.output_file);
    ScanJob job;
    job.options = flags.options;
    apply_target_flags(job, flags.targets);
    job.ports = scan::parse_port_spec(flags.ports);
    job.options.probe.enabled = false;
    auto report = run_scan(job, RunHooks{});
    auto text = policy::starter_policy(flags.name, policy_addresses(job, report), job.ports, report.scans);
    policy::parse_policy(text, "init output");  // whatever init writes, check accepts (throws if not: a bug)
    write_policy(text, flags.output_file);
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
    add_target_flags(*cmd, flags->targets, "Addresses of ONE server (IPv4/IPv6 literals, hostnames)");
    cmd->add_option("-p,--ports", flags->ports, "Ports: 22,25,80-443 or - for all (default: all)");
    cmd->add_option("--name", flags->name, "Target name in the policy (default: origin)");
    cmd->add_option("-o,--output", flags->output_file, "Write the policy to FILE (default: stdout; never overwrites)");
    add_run_flags(*cmd, flags->options, flags->no_probe);
    return [flags] { return run(*flags); };
}

}  // namespace exposcan::cli
