#include "cli/output.hpp"

#include "cli/signals.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <unistd.h>

#include "exposcan/error.hpp"
#include "exposcan/report.hpp"

namespace exposcan::cli {

void add_output_flags(CLI::App& cmd, OutputFlags& flags) {
    const char* group = "Output";
    cmd.add_option("--format,-f", flags.formats,
                   "Output format: text|json|jsonl|sarif|junit|prometheus, or FMT=FILE (repeatable)")->group(group);
    cmd.add_option("-o,--output", flags.output_file, "Write the (single) --format to FILE")->group(group);
    cmd.add_flag("-v,--verbose", flags.verbose, "List filtered ports too")->group(group);
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

void add_run_flags(CLI::App& cmd, Options& options, bool& no_probe) {
    const char* group = "Scan";
    auto& o = options.scan;
    cmd.add_option_function<double>("--rate", [&o](double v) { o.rate = v; }, "Cap on new connects per second")
        ->check(CLI::NonNegativeNumber)->group(group);
    cmd.add_option_function<unsigned>("--deadline", [&o](unsigned v) { o.deadline = std::chrono::seconds(v); },
                                      "Stop after this many seconds; unfinished targets are inconclusive")->group(group);
    cmd.add_flag("--no-probe", no_probe, "Do not probe open ports for services")->group(group);
    cmd.add_flag("--allow-wide", options.limits.allow_wide,
                 "Allow CIDR blocks wider than /24 (IPv4) or /120 (IPv6)")->group(group);
    cmd.add_option("--dns-server", options.leak.dns_server, "Leak audit: DNS server IP[:port] (default: system)")
        ->group(group);
}

namespace {

report::Format format_or_throw(const std::string& name) {
    auto f = report::parse_format(name);
    if (!f) throw UsageError("unknown format '" + name + "' (text, json, jsonl, sarif, junit, prometheus)");
    return *f;
}

struct Destination {
    report::Format format;
    std::string path;  // empty or "-" = stdout
};

std::vector<Destination> destinations(const OutputFlags& flags) {
    std::vector<std::string> specs = flags.formats.empty() ? std::vector<std::string>{"text"} : flags.formats;
    std::vector<Destination> out;
    for (const auto& spec : specs) {
        auto eq = spec.find('=');
        out.push_back({format_or_throw(spec.substr(0, eq)),
                       eq == std::string::npos ? flags.output_file : spec.substr(eq + 1)});
    }
    return out;
}

GateOptions gate_options(const GateFlags& g) {
    GateOptions o;
    o.fail_on_any = g.fail_on_any;
    if (g.fail_on == "never") o.fail_on.reset();
    else if (auto sev = parse_severity(g.fail_on)) o.fail_on = *sev;
    else throw UsageError("--fail-on: unknown severity '" + g.fail_on + "' (info, low, medium, high, critical, never)");
    return o;
}

}  // namespace

void check_outputs(const OutputFlags& flags) {
    gate_options(flags.gate);
    for (const auto& d : destinations(flags)) {
        if (d.path.empty() || d.path == "-") continue;
        auto dir = std::filesystem::path(d.path).parent_path();
        auto dir_s = dir.empty() ? std::string(".") : dir.string();
        if (::access(dir_s.c_str(), W_OK | X_OK) != 0)
            throw UsageError("cannot write " + d.path + ": directory " + dir_s + " is missing or not writable");
        if (std::filesystem::is_directory(d.path)) throw UsageError("cannot write " + d.path + ": is a directory");
    }
}

void apply_policy_flag(ScanJob& job, const OutputFlags& flags) {
    job.canaries = flags.gate.canaries;
    if (!flags.gate.policy.empty()) job.policy_file = policy::load_policy_file(flags.gate.policy);
}

void apply_gate(RunReport& report, const OutputFlags& flags) {
    auto gate = gate_options(flags.gate);
    if (!flags.gate.baseline.empty()) apply_baseline(report, load_baseline(flags.gate.baseline), flags.gate.baseline);
    report.exit_code = decide_exit_code(report, gate);
}

void emit(const RunReport& report, const OutputFlags& flags) {
    std::string first_error;
    for (const auto& d : destinations(flags)) {
        report::WriteOptions wo;
        wo.verbose = flags.verbose;
        bool to_stdout = d.path.empty() || d.path == "-";
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
    if (!first_error.empty()) throw UsageError(first_error);
}

int finish_run(RunReport& report, const OutputFlags& flags) {
    report.tool_version = EXPOSCAN_VERSION;
    mark_if_interrupted(report);
    apply_gate(report, flags);
    emit(report, flags);
    return static_cast<int>(report.exit_code);
}

}  // namespace exposcan::cli
