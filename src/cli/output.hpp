// Output options shared by every subcommand: --format (repeatable, fmt or
// fmt=FILE), -o FILE, -v, --quiet. Renders a RunReport to each destination.
#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "exposcan/model.hpp"

namespace exposcan::cli {

struct OutputFlags {
    std::vector<std::string> formats;   // "json", "sarif=out.sarif"
    std::string output_file;            // -o: destination of a bare --format
    bool verbose = false;
    bool quiet = false;
};

void add_output_flags(CLI::App& cmd, OutputFlags& flags);

// Writes every requested format. Throws UsageError for an unknown format,
// std::runtime_error (one line) when a file cannot be written.
void emit(const RunReport& report, const OutputFlags& flags);

}  // namespace exposcan::cli
