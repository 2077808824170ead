#include "cli/output.hpp"

#include "cli/destinations.hpp"
#include "cli/signals.hpp"
#include "cli/version.hpp"

#include <unistd.h>

#include <cmath>

#include <cstdlib>
#include <iostream>

#include "exposcan/error.hpp"
#include "exposcan/report.hpp"

namespace exposcan::cli {

void add_output_flags(CLI::App& cmd, OutputFlags& flags) {
    const char* group = "Output";
    cmd.add_option("--format,-f", flags.formats,
                   "Output format: " + report::format_names("|") + ", or FMT=FILE (repeatable)")->group(group);
    cmd.add_option("-o,--output", flags.output_file, "Write the (single) --format to FILE")->group(group);
    cmd.add_flag("-v,--verbose", flags.verbose, "Text: list filtered ports too, and one line of scan stats per address")->group(group);
    cmd.add_flag("-q,--quiet", flags.quiet, "No progress on stderr")->group(group);
}

void add_policy_flags(CLI::App& cmd, OutputFlags& flags, bool with_policy_file) {
    const char* group = "Policy gate";
    auto& g = flags.gate;
    if (with_policy_file)
        cmd.add_option("--policy", g.policy, "Expectations from a policy file (the target naming these addresses)")
            ->group(group);
    cmd.add_option("--baseline", g.baseline, "A previous --format json report: report only new and resolved findings")
        ->group(group);
    cmd.add_option("--fail-on", g.fail_on,
                   "Lowest severity that fails the run (exit 1): info|low|medium|high|critical|never (default low)")
        ->group(group);
    cmd.add_flag("--fail-on-any", g.fail_on_any, "With --baseline: unchanged findings fail the run too")->group(group);
    cmd.add_option("--canary", g.canaries,
                   "HOST:PORT that must answer (open or closed) from here before and after the run; if it does "
                   "not, the run is inconclusive (repeatable; proves an all-filtered result)")
        ->group(group);
}

void add_rate_flag(CLI::App& cmd, ScanOptions& o, const char* group) {
    // CLI::NonNegativeNumber lets "nan" through (every comparison with NaN is
    // false), and "inf" would mean "no cap" by another name: finite only.
    static const CLI::Validator finite_non_negative(
        [](const std::string& text) -> std::string {
            double v = 0;
            try {
                v = std::stod(text);
            } catch (const std::exception&) {
                return "not a number: " + text;
            }
            return std::isfinite(v) && v >= 0 ? "" : "must be a finite number >= 0 (0 = no cap)";
        },
        "RATE");
    cmd.add_option_function<double>("--rate", [&o](double v) { o.rate = v; },
                                    "Cap on new connects per second (default 0: no cap)")
        ->check(finite_non_negative)->group(group);
}

void add_vantage_flag(CLI::App& cmd, std::optional<std::string>& vantage) {
    cmd.add_option("--vantage", vantage,
                   "Label the run with the place it scans from (e.g. eu, cloud; [A-Za-z0-9._-], up to 64); merge "
                   "compares the vantages' reports port by port")->group("Scope");
}

void add_cdn_ca_flag(CLI::App& cmd, LeakOptions& options) {
    cmd.add_option("--cdn-ca", options.cdn_ca_file,
                   "Leak audit: PEM CA bundle that verifies the CDN's certificate (default: the system store; "
                   "for a CDN or lab with a private CA)");
}

void add_shard_flag(CLI::App& cmd, std::optional<std::string>& shard, const char* what, const char* pairs) {
    cmd.add_option("--shard", shard,
                   std::string(what) + " only share I of N of the " + pairs +
                       "(address, port) pairs, e.g. 2/3; combine the JSON reports with exposcan merge")
        ->group("Scope");
}

void add_run_flags(CLI::App& cmd, Options& options, bool& no_probe) {
    const char* group = "Scan";
    auto& o = options.scan;
    add_rate_flag(cmd, o, group);
    cmd.add_option_function<unsigned>("--deadline", [&o](unsigned v) { o.deadline = std::chrono::seconds(v); },
                                      "Stop after this many seconds; unfinished targets are inconclusive")->group(group);
    cmd.add_flag("--no-probe", no_probe, "Do not probe open ports for services")->group(group);
    cmd.add_flag("--allow-wide", options.limits.allow_wide,
                 "Allow CIDR blocks wider than /24 (IPv4) or /120 (IPv6)")->group(group);
    cmd.add_option("--dns-server", options.leak.dns_server, "Leak audit: DNS server IP[:port] (default: system)")
        ->group(group);
}

namespace {

GateOptions gate_options(const GateFlags& g) {
    GateOptions o;
    o.fail_on_any = g.fail_on_any;
    if (g.fail_on == "never") o.fail_on.reset();
    else if (auto sev = parse_severity(g.fail_on)) o.fail_on = *sev;
    else throw UsageError("--fail-on: unknown severity '" + g.fail_on + "' (info, low, medium, high, critical, never)");
    return o;
}

// What a run that threw leaves in its outputs: no results, one inconclusive
// line with the error, the exit code main() will return.
RunReport failed_run(const std::string& command, std::chrono::system_clock::time_point started,
                     std::chrono::steady_clock::time_point t0, const std::string& error, ExitCode code) {
    RunReport report;
    report.tool_version = build_version();
    report.command = command;
    report.started_at = started;
    report.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0);
    report.inconclusive.push_back("run failed: " + error);
    report.exit_code = code;
    return report;
}

void write_failed_run(const RunReport& failed, const OutputFlags& flags, bool files_only) {
    try {
        emit(failed, flags, files_only);
    } catch (const std::exception&) {
        // The run's own error is the one to report; a second one would hide it.
    }
}

}  // namespace

void check_outputs(OutputFlags& flags) {
    gate_options(flags.gate);
    check_writable(destinations(flags));
    // A bad baseline is a usage error before the first packet, not after the scan.
    if (!flags.gate.baseline.empty()) flags.gate.previous = load_baseline(flags.gate.baseline);
}

int run_with_outputs(const std::string& command, OutputFlags& flags, const std::function<int()>& run) {
    check_outputs(flags);
    auto started = std::chrono::system_clock::now();
    auto t0 = std::chrono::steady_clock::now();
    try {
        return run();
    } catch (const WriteError&) {
        throw;  // the run finished; what could be written was written
    } catch (const UsageError& e) {
        // stdout stays quiet for a usage error (the stderr line says it all); a
        // file must not keep showing the last good run.
        write_failed_run(failed_run(command, started, t0, e.what(), ExitCode::usage), flags, true);
        throw;
    } catch (const std::exception& e) {
        write_failed_run(failed_run(command, started, t0, e.what(), ExitCode::inconclusive), flags, false);
        throw;
    }
}

void apply_policy_flag(ScanJob& job, const OutputFlags& flags) {
    job.canaries = flags.gate.canaries;
    if (!flags.gate.policy.empty()) job.policy_file = policy::load_policy_file(flags.gate.policy);
}

void apply_gate(RunReport& report, const OutputFlags& flags) {
    auto gate = gate_options(flags.gate);
    if (!flags.gate.baseline.empty())
        apply_baseline(report, flags.gate.previous ? *flags.gate.previous : load_baseline(flags.gate.baseline),
                       flags.gate.baseline);
    report.exit_code = decide_exit_code(report, gate);
}

void emit(const RunReport& report, const OutputFlags& flags, bool files_only) {
    std::string first_error;
    for (const auto& d : destinations(flags)) {
        bool to_stdout = d.to_stdout();
        if (to_stdout && files_only) continue;
        report::WriteOptions wo;
        wo.verbose = flags.verbose;
        const char* no_color = std::getenv("NO_COLOR");  // no-color.org: set and non-empty
        wo.color = to_stdout && ::isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0');
        try {
            if (to_stdout) report::write(report, d.format, std::cout, wo);
            else report::write_file_atomic(report, d.format, d.path, wo);
        } catch (const std::runtime_error& e) {
            if (first_error.empty()) first_error = e.what();
        }
    }
    std::cout.flush();
    // A full or closed stdout (e.g. > /dev/full) must not look like success.
    if (!std::cout && first_error.empty()) first_error = "cannot write the report to standard output";
    if (!first_error.empty()) throw WriteError(first_error);
}

int finish_run(RunReport& report, const OutputFlags& flags) {
    report.tool_version = build_version();
    mark_if_interrupted(report);
    apply_gate(report, flags);
    emit(report, flags);
    return static_cast<int>(report.exit_code);
}

}  // namespace exposcan::cli
