#include "cli/output.hpp"

#include <cstdlib>
#include <iostream>
#include <unistd.h>

#include "exposcan/error.hpp"
#include "exposcan/report.hpp"

namespace exposcan::cli {

void add_output_flags(CLI::App& cmd, OutputFlags& flags) {
    cmd.add_option("--format,-f", flags.formats,
                   "Output format: text|json|jsonl|sarif|junit|prometheus, or FMT=FILE (repeatable)");
    cmd.add_option("-o,--output", flags.output_file, "Write the (single) --format to FILE");
    cmd.add_flag("-v,--verbose", flags.verbose, "List filtered ports too");
    cmd.add_flag("-q,--quiet", flags.quiet, "No progress on stderr");
}

namespace {

report::Format format_or_throw(const std::string& name) {
    auto f = report::parse_format(name);
    if (!f) throw UsageError("unknown format '" + name + "' (text, json, jsonl, sarif, junit, prometheus)");
    return *f;
}

}  // namespace

void emit(const RunReport& report, const OutputFlags& flags) {
    std::vector<std::string> specs = flags.formats.empty() ? std::vector<std::string>{"text"} : flags.formats;
    for (const auto& spec : specs) {
        auto eq = spec.find('=');
        auto name = spec.substr(0, eq);
        auto format = format_or_throw(name);
        std::string path = eq == std::string::npos ? flags.output_file : spec.substr(eq + 1);
        report::WriteOptions wo;
        wo.verbose = flags.verbose;
        wo.color = path.empty() && ::isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
        if (path.empty() || path == "-") report::write(report, format, std::cout, wo);
        else report::write_file_atomic(report, format, path, wo);
    }
}

}  // namespace exposcan::cli
