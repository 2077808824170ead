// `exposcan scan`: parse flags, build a ScanJob, run it, emit the report.
// Every default lives in options.hpp; these flags only override it.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/signals.hpp"
#include "cli/target_flags.hpp"
#include "exposcan/error.hpp"
#include "exposcan/policy.hpp"
#include "exposcan/run.hpp"
#include "exposcan/shard.hpp"
#include "exposcan/vantage.hpp"

namespace exposcan::cli {

namespace {

// Help texts quote the library's defaults, not a copy of them.
const ScanOptions k_defaults{};
std::string ms(std::chrono::milliseconds v) { return std::to_string(v.count()); }

struct ScanFlags {
    TargetFlags targets;
    std::string ports = "-";
    std::optional<std::string> expect_open;    // set when the flag was given, even as ''
    std::optional<std::string> expect_closed;
    Options options;
    bool no_probe = false;
    std::optional<std::string> shard;  // --shard I/N, parsed by parse_shard (shard.hpp)
    std::optional<std::string> vantage;  // --vantage NAME, parsed by parse_vantage (vantage.hpp)
    OutputFlags output;
};

void add_engine_flags(CLI::App& cmd, ScanFlags& f) {
    auto& o = f.options.scan;
    const char* group = "Scan engine";
    add_rate_flag(cmd, o, group);
    cmd.add_option_function<std::size_t>("--max-inflight", [&o](std::size_t v) { o.max_inflight = v; },
                                         "Connects in flight at once (default: from the fd limit and "
                                         "ephemeral port range)")->group(group);
    cmd.add_option_function<int>("--retries", [&o](int v) { o.retries = v; },
                                 "Extra tries for a silent port while no loss is measured (default 1)")
        ->check(CLI::Range(0, 50))->group(group);
    cmd.add_option_function<int>("--max-retries", [&o](int v) { o.max_retries = v; },
                                 "Cap on extra tries when loss is measured (default 10)")
        ->check(CLI::Range(0, 50))->group(group);
    cmd.add_option_function<unsigned>("--threads", [&o](unsigned v) { o.threads = v; },
                                      "Scan threads (default: one per core, at most 4)")
        ->check(CLI::Range(1u, 16u))->group(group);
    cmd.add_option_function<unsigned>("--timeout-initial", [&o](unsigned v) { o.initial_timeout = std::chrono::milliseconds(v); },
                                      "Per-connect timeout in ms before any RTT is measured (default " + ms(k_defaults.initial_timeout) + ")")
        ->check(CLI::Range(1u, 60000u))->group(group);
    cmd.add_option_function<unsigned>("--timeout-min", [&o](unsigned v) { o.min_timeout = std::chrono::milliseconds(v); },
                                      "Lower clamp of the adaptive timeout, ms (default " + ms(k_defaults.min_timeout) + ")")
        ->check(CLI::Range(1u, 60000u))->group(group);
    cmd.add_option_function<unsigned>("--timeout-max", [&o](unsigned v) { o.max_timeout = std::chrono::milliseconds(v); },
                                      "Upper clamp of the adaptive timeout, ms (default " + ms(k_defaults.max_timeout) + ")")
        ->check(CLI::Range(1u, 60000u))->group(group);
    cmd.add_option_function<unsigned>("--deadline", [&o](unsigned v) { o.deadline = std::chrono::seconds(v); },
                                      "Stop after this many seconds; unfinished targets are inconclusive")
        ->group(group);
    cmd.add_flag("--no-probe", f.no_probe, "Do not probe open ports for services")->group(group);
    add_shard_flag(cmd, f.shard, "Scan", "");
    add_vantage_flag(cmd, f.vantage);
    cmd.add_flag("--allow-wide", f.options.limits.allow_wide,
                 "Allow CIDR blocks wider than /24 (IPv4) or /120 (IPv6)")->group("Scope");
}

// One self-overwriting stderr line; only ever installed when stderr is a TTY.
void show_progress(const scan::Progress& p) {
    double pct = p.total > 0 ? 100.0 * static_cast<double>(p.done) / static_cast<double>(p.total) : 100.0;
    std::fprintf(stderr, "\r\033[K%llu/%llu ports (%.0f%%)  %.0f connects/s  ETA %.0f s",
                 static_cast<unsigned long long>(p.done), static_cast<unsigned long long>(p.total), pct, p.rate,
                 p.eta_seconds);
    if (p.done >= p.total) std::fputs("\r\033[K", stderr);
}

void check_timeouts(const ScanOptions& o) {
    if (o.min_timeout > o.max_timeout) throw UsageError("--timeout-min is above --timeout-max");
    if (o.retries > o.max_retries) throw UsageError("--retries is above --max-retries");
}

// --expect-open / --expect-closed, checked by the policy file's own rule
// (policy::expectation_problem): a port in both lists, or one -p never scans,
// is a usage error, not "open wins" or a clean run that never looked. With
// --policy the file holds the expectations; the flags would be ignored.
void add_expectations(ScanJob& job, const ScanFlags& flags) {
    if (!flags.expect_open && !flags.expect_closed) return;
    if (!flags.output.gate.policy.empty())
        throw UsageError("--expect-open/--expect-closed cannot be combined with --policy; put the expectations "
                         "in the policy file");
    auto add = [&](const std::optional<std::string>& text, PortState state, const char* flag) {
        if (!text) return;
        auto ports = scan::parse_port_spec(*text);
        if (auto problem = policy::expectation_problem(job.policy.expect, state, ports, job.ports))
            throw UsageError(std::string(flag) + ": " + *problem);
        job.policy.expect.ports_in(state).add_all(ports);
    };
    add(flags.expect_open, PortState::open, "--expect-open");
    add(flags.expect_closed, PortState::closed, "--expect-closed");
}

int run(ScanFlags& flags) {
    ScanJob job;
    job.options = flags.options;
    apply_target_flags(job, flags.targets);
    job.ports = scan::parse_port_spec(flags.ports);
    if (flags.shard) job.shard = parse_shard(*flags.shard);
    if (flags.vantage) job.vantage = parse_vantage(*flags.vantage);
    job.options.probe.enabled = !flags.no_probe;
    check_timeouts(job.options.scan);
    job.policy.name = "cli";
    add_expectations(job, flags);
    apply_policy_flag(job, flags.output);
    RunHooks hooks;
    hooks.stop = &install_stop_signals();  // first SIGINT/SIGTERM: finish early, write partial results, exit 2
    if (!flags.output.quiet && ::isatty(STDERR_FILENO)) hooks.progress = show_progress;
    auto report = run_scan(job, hooks);
    return finish_run(report, flags.output);
}

}  // namespace

Action add_scan_command(CLI::App& app) {
    auto flags = std::make_shared<ScanFlags>();
    auto* cmd = app.add_subcommand("scan", "TCP connect scan of targets, with probes and a verdict");
    add_target_flags(*cmd, flags->targets, "IPv4/IPv6 literals, hostnames, CIDRs");
    cmd->add_option("-p,--ports", flags->ports, "Ports: 22,25,80-443 or - for all (default: all)");
    cmd->add_option("--expect-open", flags->expect_open, "Ports that should be open");
    cmd->add_option("--expect-closed", flags->expect_closed, "Ports that should be closed");
    add_engine_flags(*cmd, *flags);
    add_output_flags(*cmd, flags->output);
    add_policy_flags(*cmd, flags->output);
    return [flags] { return run_with_outputs("scan", flags->output, [&] { return run(*flags); }); };
}

}  // namespace exposcan::cli
