// --targets-file / -iL, --exclude, --exclude-file: a fleet's target list
// from files, checked line by line before the first packet.
#include <algorithm>

#include "exposcan/cidr.hpp"
#include "exposcan/error.hpp"
#include "exposcan/escape.hpp"
#include "exposcan/read_file.hpp"
#include "exposcan/scan.hpp"
#include "exposcan/text_lines.hpp"
#include "scan/target_syntax.hpp"

namespace exposcan::scan {

namespace {

// Each content line of `path` ("-" = stdin), checked by `check`; a UsageError
// from it gets the file and line in front.
template <typename Check>
std::vector<std::string> load_lines(const std::string& path, const Limits& limits, std::string_view what,
                                    Check check) {
    const std::string source = path == "-" ? "/dev/stdin" : path;
    std::vector<std::string> out;
    for (const auto& line : content_lines(read_file_capped(source, limits.max_targets_file_bytes, what))) {
        try {
            check(line.text);
        } catch (const UsageError& e) {
            throw UsageError(path + ":" + std::to_string(line.number) + ": " + e.what());
        }
        out.push_back(line.text);
    }
    if (out.empty()) throw UsageError(path + ": no " + std::string(what) + " entries (only comments or blank lines)");
    return out;
}

}  // namespace

std::vector<std::string> load_targets_file(const std::string& path, const Limits& limits) {
    return load_lines(path, limits, "targets file", [&](std::string_view s) { check_target_spec(s, limits); });
}

std::vector<std::string> load_exclude_file(const std::string& path, const Limits& limits) {
    // Only the syntax now: a hostname is resolved once, by exclude_targets.
    return load_lines(path, limits, "exclude file", [](std::string_view s) {
        std::string why;
        if (!parse_cidr(s, &why) && s.find('/') != std::string_view::npos)
            throw UsageError("bad exclude '" + echo_input(s) + "': " + why);
    });
}

std::vector<Target> exclude_targets(std::vector<Target> targets, const std::vector<std::string>& excludes) {
    std::vector<Cidr> nets;
    for (const auto& spec : excludes) {
        auto more = exclude_networks(spec);
        nets.insert(nets.end(), more.begin(), more.end());
    }
    std::erase_if(targets, [&](const Target& t) {
        return std::any_of(nets.begin(), nets.end(), [&](const Cidr& n) { return n.contains(t.address); });
    });
    if (targets.empty()) throw UsageError("every target is excluded (--exclude/--exclude-file): nothing to scan");
    return targets;
}

}  // namespace exposcan::scan
