// Output options shared by every subcommand: --format (repeatable, fmt or
// fmt=FILE), -o FILE, -v, --quiet. Renders a RunReport to each destination.
// Gate options (--baseline, --fail-on, --fail-on-any, scan's --policy) are
// opt-in per subcommand via add_policy_flags (docs/policy.md, docs/output.md).
#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "exposcan/error.hpp"
#include "exposcan/model.hpp"
#include "exposcan/run.hpp"

namespace exposcan::cli {

// emit() could not write an output (exit 3, like any UsageError). Not a failed
// run: run_with_outputs() must not overwrite the outputs that were written.
class WriteError : public UsageError {
public:
    using UsageError::UsageError;
};

struct GateFlags {
    std::string policy;            // scan --policy FILE
    std::string baseline;          // --baseline previous.json
    std::string fail_on = "low";   // info|low|medium|high|critical|never
    bool fail_on_any = false;
    std::vector<std::string> canaries;  // --canary HOST:PORT (repeatable)
    std::optional<std::vector<Finding>> previous;  // the baseline, loaded by check_outputs()
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
// --cdn-ca FILE (leak, check): the CA bundle that verifies the CDN's certificate.
void add_cdn_ca_flag(CLI::App& cmd, LeakOptions& options);
// --vantage NAME (scan, check): the run's label, checked by parse_vantage.
void add_vantage_flag(CLI::App& cmd, std::optional<std::string>& vantage);
// --rate alone (scan adds it with its other engine flags).
void add_rate_flag(CLI::App& cmd, ScanOptions& o, const char* group);
// --shard I/N (scan and check): kept as text, parsed by parse_shard (shard.hpp)
// when the run starts, so its error is the usual one-line exit 3.
// "Scan only share I of N of the (address, port) pairs": what = "Scan", pairs = "" (or "policy's ").
void add_shard_flag(CLI::App& cmd, std::optional<std::string>& shard, const char* what, const char* pairs);
// --baseline, --fail-on, --fail-on-any; with_policy_file adds --policy (scan).
void add_policy_flags(CLI::App& cmd, OutputFlags& flags, bool with_policy_file = true);

// Before the first packet: unknown formats, conflicting destinations
// (destinations.hpp), unwritable output directories, a bad --fail-on and an
// unloadable --baseline are usage errors now, not after the scan (throws
// UsageError). Keeps the loaded baseline in flags.gate.previous.
void check_outputs(OutputFlags& flags);

// The frame of every command that writes a report (scan, check, leak):
// check_outputs(), then `run`. If `run` throws, every output still gets a
// report of the failed run (inconclusive "run failed: ...", the exit code,
// exposcan_run_success 0) so no file keeps showing the last good run; stdout
// gets it only when the error is not a usage error. Then rethrows for main().
int run_with_outputs(const std::string& command, OutputFlags& flags, const std::function<int()>& run);

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

// Writes every requested format (files_only: skips stdout). Throws WriteError
// (one line, exit 3) for an unknown format or when a file cannot be written;
// the other outputs are still written first.
void emit(const RunReport& report, const OutputFlags& flags, bool files_only = false);

}  // namespace exposcan::cli
