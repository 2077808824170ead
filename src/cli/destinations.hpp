// Where each requested format goes: --format FMT (to -o FILE or stdout) or
// --format FMT=FILE. The rules that keep one output from silently replacing
// another (docs/output.md "Several outputs"): at most one format on stdout,
// -o only with exactly one bare --format, no two formats into one file.
#pragma once
#include <string>
#include <vector>

#include "exposcan/report.hpp"

namespace exposcan::cli {

struct OutputFlags;

struct Destination {
    report::Format format;
    std::string path;  // empty = stdout
    [[nodiscard]] bool to_stdout() const { return path.empty(); }
};

// Throws UsageError (one line) for an unknown format or a broken rule above.
std::vector<Destination> destinations(const OutputFlags& flags);

// Every file destination's directory is writable and the path is not a directory.
void check_writable(const std::vector<Destination>& dests);

}  // namespace exposcan::cli
