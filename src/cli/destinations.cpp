#include "cli/destinations.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "cli/output.hpp"
#include "exposcan/error.hpp"

namespace exposcan::cli {

namespace {

namespace fs = std::filesystem;

report::Format format_or_throw(const std::string& name) {
    auto f = report::parse_format(name);
    if (!f) throw UsageError("unknown format '" + name + "' (" + report::format_names(", ") + ")");
    return *f;
}

std::string name_of(report::Format f) { return std::string(report::to_string(f)); }

// "-o" would otherwise go to whichever bare format came last, or to none.
void check_output_flag(const std::vector<std::string>& specs, const std::string& output_file) {
    if (output_file.empty()) return;
    auto bare = std::count_if(specs.begin(), specs.end(), [](const auto& s) { return s.find('=') == s.npos; });
    if (bare != 1)
        throw UsageError("-o " + output_file + " needs exactly one --format without =FILE (got " +
                         std::to_string(bare) + "); write FMT=FILE for each format");
}

// The same file reached by two spellings (./x, dir/../x, a symlink) is one file.
std::string file_identity(const std::string& path) {
    std::error_code ec;
    auto canonical = fs::weakly_canonical(path, ec);
    return ec ? fs::absolute(path, ec).lexically_normal().string() : canonical.string();
}

void check_distinct(const std::vector<Destination>& dests) {
    const Destination* on_stdout = nullptr;
    std::map<std::string, const Destination*> files;
    for (const auto& d : dests) {
        if (d.to_stdout()) {
            if (on_stdout)
                throw UsageError("--format " + name_of(on_stdout->format) + " and --format " + name_of(d.format) +
                                 " would both go to standard output; write all but one as FMT=FILE");
            on_stdout = &d;
        } else if (auto [it, fresh] = files.emplace(file_identity(d.path), &d); !fresh) {
            throw UsageError("--format " + name_of(it->second->format) + " and --format " + name_of(d.format) +
                             " would both write " + d.path + "; give each format its own file");
        }
    }
}

}  // namespace

std::vector<Destination> destinations(const OutputFlags& flags) {
    auto specs = flags.formats.empty() ? std::vector<std::string>{"text"} : flags.formats;
    check_output_flag(specs, flags.output_file);
    std::vector<Destination> out;
    for (const auto& spec : specs) {
        auto eq = spec.find('=');
        auto path = eq == std::string::npos ? flags.output_file : spec.substr(eq + 1);
        out.push_back({format_or_throw(spec.substr(0, eq)), path == "-" ? std::string() : path});
    }
    check_distinct(out);
    return out;
}

void check_writable(const std::vector<Destination>& dests) {
    for (const auto& d : dests) {
        if (d.to_stdout()) continue;
        auto dir = fs::path(d.path).parent_path();
        auto dir_s = dir.empty() ? std::string(".") : dir.string();
        if (::access(dir_s.c_str(), W_OK | X_OK) != 0)
            throw UsageError("cannot write " + d.path + ": directory " + dir_s + " is missing or not writable");
        if (fs::is_directory(d.path)) throw UsageError("cannot write " + d.path + ": is a directory");
        if (auto problem = report::output_path_problem(d.path)) throw UsageError(*problem);  // e.g. /proc/version
    }
}

}  // namespace exposcan::cli
