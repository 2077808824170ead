// Output options shared by every subcommand: --format (repeatable, fmt or
// fmt=FILE), -o FILE, -v, --quiet. Renders a RunReport to each destination.
// Gate options (--baseline, --fail-on, --fail-on-any, scan's --policy) are
// opt-in per subcommand via add_policy_flags (docs/policy.md, docs/output.md).
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "exposcan/model.hpp"
#include "exposcan/run.hpp"

namespace exposcan::cli {

struct GateFlags {
    std::string policy;            // scan --policy FILE
    std::string baseline;          // --baseline previous.json
    std::string fail_on = "low";   // info|low|medium|high|critical|never
    bool fail_on_any = false;
    std::vector<std::string> canaries;  // --canary HOST:PORT (repeatable)
};

struct OutputFlags {
    std::vector<std::string> formats;   // "json", "sarif=out.sarif"
    std::string output_file;            // -o: destination of a bare --format
    bool verbose = false;
    bool quiet = false;
    GateFlags gate;
};

void add_output_flags(CLI::App& cmd, OutputFlags& flags);
// The few engine flags check and init share: --rate, --deadline, --no-probe,
// --allow-wide, --dns-server.
void add_run_flags(CLI::App& cmd, Options& options, bool& no_probe);
// --baseline, --fail-on, --fail-on-any; with_policy_file adds --policy (scan).
void add_policy_flags(CLI::App& cmd, OutputFlags& flags, bool with_policy_file = true);

// Before a long scan: unknown formats and unwritable output directories are
// usage errors now, not after the scan (throws UsageError).
void check_outputs(const OutputFlags& flags);

// scan --policy FILE: the file's target whose addresses name one of the scan's
// targets (or its only target) becomes job.policy. No-op without --policy.
void apply_policy_flag(ScanJob& job, const OutputFlags& flags);  // --policy and --canary into the job

// --baseline and --fail-on: splits findings into new/unchanged/resolved and
// re-decides report.exit_code. Call after the run, before emit().
void apply_gate(RunReport& report, const OutputFlags& flags);

// The end of every policy-gated run (scan, check): stamps the version, marks
// an interrupted run, applies --baseline/--fail-on, writes every output and
// returns the process exit code.
int finish_run(RunReport& report, const OutputFlags& flags);

// Writes every requested format. Throws UsageError (one line, exit 3) for an
// unknown format or when a file cannot be written; the other outputs are
// still written first.
void emit(const RunReport& report, const OutputFlags& flags);

}  // namespace exposcan::cli
