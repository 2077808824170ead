// Where scan and init take their targets from: positional arguments,
// --targets-file / -iL FILE, minus --exclude LIST and --exclude-file FILE
// (docs/options.md "Targets from files").
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "exposcan/run.hpp"

namespace exposcan::cli {

struct TargetFlags {
    std::vector<std::string> targets;   // positional
    std::string targets_file;           // --targets-file / -iL, "-" = stdin
    std::vector<std::string> excludes;  // --exclude a,b,c (repeatable)
    std::string exclude_file;           // --exclude-file
};

// `what` is the positional's help text.
void add_target_flags(CLI::App& cmd, TargetFlags& flags, const std::string& what);

// Fills job.target_specs and job.exclude_specs; a bad line is a UsageError
// naming FILE:LINE, before the first packet.
void apply_target_flags(ScanJob& job, const TargetFlags& flags);

// nmap spells the targets file -iL; CLI11 has no two-letter short options,
// so main() rewrites that one argument to --targets-file before parsing.
std::vector<std::string> nmap_style_aliases(int argc, char** argv);

}  // namespace exposcan::cli
