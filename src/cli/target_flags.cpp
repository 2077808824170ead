#include "cli/target_flags.hpp"

#include "exposcan/error.hpp"
#include "exposcan/scan.hpp"

namespace exposcan::cli {

void add_target_flags(CLI::App& cmd, TargetFlags& flags, const std::string& what) {
    const char* group = "Targets";
    cmd.add_option("targets", flags.targets, what);
    cmd.add_option("--targets-file", flags.targets_file,
                   "More targets, one per line ('#' comments; - for stdin); nmap's -iL works too")->group(group);
    cmd.add_option("--exclude", flags.excludes, "Never scan these addresses, CIDRs or hostnames (comma-separated)")
        ->delimiter(',')->group(group);
    cmd.add_option("--exclude-file", flags.exclude_file, "Never scan the addresses, CIDRs or hostnames in FILE")
        ->group(group);
}

void apply_target_flags(ScanJob& job, const TargetFlags& flags) {
    job.target_specs = flags.targets;
    const auto& limits = job.options.limits;
    if (!flags.targets_file.empty()) {
        auto more = scan::load_targets_file(flags.targets_file, limits);
        job.target_specs.insert(job.target_specs.end(), more.begin(), more.end());
    }
    if (job.target_specs.empty()) throw UsageError("no targets given (name them, or use --targets-file FILE)");
    job.exclude_specs = flags.excludes;
    if (!flags.exclude_file.empty()) {
        auto more = scan::load_exclude_file(flags.exclude_file, limits);
        job.exclude_specs.insert(job.exclude_specs.end(), more.begin(), more.end());
    }
}

std::vector<std::string> nmap_style_aliases(int argc, char** argv) {
    std::vector<std::string> args(argv, argv + argc);
    for (auto& a : args)
        if (a == "-iL") a = "--targets-file";
    return args;
}

}  // namespace exposcan::cli
