// `exposcan demo`: runs the self-contained lab demo. The lab (namespaces,
// firewall, services) is shell + nft in tests/lab/demo-lab.sh, shared with the
// end-to-end tests; this command only finds that script and hands it this
// binary, so the CLI holds no scanning or lab logic (docs/lab.md "Demo").
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"

namespace exposcan::cli {

namespace {

std::filesystem::path demo_script() {
    const char* env = std::getenv("EXPOSCAN_SOURCE_DIR");
    std::filesystem::path root = env && *env ? env : EXPOSCAN_SOURCE_DIR;
    return root / "tests" / "lab" / "demo-lab.sh";
}

int run_demo(const std::vector<std::string>& scan_args) {
    if (::geteuid() != 0) {
        std::cerr << "exposcan: demo: needs root (it builds network namespaces); try sudo\n";
        return 3;
    }
    auto script = demo_script();
    if (!std::filesystem::exists(script)) {
        std::cerr << "exposcan: demo: " << script.string()
                  << " not found (set EXPOSCAN_SOURCE_DIR to the source tree)\n";
        return 3;
    }
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) ::setenv("EXPOSCAN", self.c_str(), 1);
    std::vector<std::string> args{"bash", script.string()};
    args.insert(args.end(), scan_args.begin(), scan_args.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execvp("bash", argv.data());
    std::cerr << "exposcan: demo: cannot run bash: " << std::strerror(errno) << '\n';
    return 2;
}

}  // namespace

Action add_demo_command(CLI::App& app) {
    auto* cmd = app.add_subcommand("demo", "Run a self-contained lab demo (root): an origin behind a CDN, "
                                           "rebuilt in network namespaces, scanned from outside");
    // Everything after `demo` goes to the demo's scan (e.g. `exposcan demo --format json`).
    cmd->prefix_command();
    cmd->footer("Extra arguments are passed to the demo's `exposcan scan` (e.g. --format json, -v).");
    return [cmd] { return run_demo(cmd->remaining()); };
}

}  // namespace exposcan::cli
