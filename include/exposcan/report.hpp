// Writers (src/report/): one per format, all taking the whole RunReport.
#pragma once
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "exposcan/model.hpp"

namespace exposcan::report {

enum class Format { text, json, jsonl, sarif, junit, prometheus, html, nmap_xml };
std::optional<Format> parse_format(std::string_view name);
std::string_view to_string(Format);
// Every format name, joined by `separator` ("text|json|..."): the one list for --help and errors.
std::string format_names(std::string_view separator);

struct WriteOptions {
    bool color = false;     // text: ANSI colours (only when a TTY and NO_COLOR unset)
    bool verbose = false;   // text: list filtered ports too
};

void write(const RunReport& report, Format format, std::ostream& out, const WriteOptions& options);

// Before the run: why write_file_atomic(path) would fail, as "cannot write
// PATH: why", found by creating (and removing) a temp file beside it. A
// device or FIFO is written in place and not probed. nullopt when it can.
std::optional<std::string> output_path_problem(const std::string& path);

// Writes to a temp file beside `path`, fsyncs, renames. Throws std::runtime_error
// with a one-line message; never leaves a partial file.
void write_file_atomic(const RunReport& report, Format format, const std::string& path,
                       const WriteOptions& options);

// The rule catalog (exposcan/rules.hpp) as Markdown tables: rules, the ports
// that raise port.unexpected-open, and the per-service rules and fixes.
// docs/findings.md holds exactly this text (`exposcan rules`).
std::string rules_markdown();

}  // namespace exposcan::report
