// `exposcan demo`: runs the self-contained lab demo. The lab (namespaces,
// firewall, services) is shell + nft in tests/lab/demo-lab.sh, shared with the
// end-to-end tests; this command only finds that script and hands it this
// binary, so the CLI holds no scanning or lab logic (docs/lab.md "Demo").
#include <unistd.h>

#include <algorithm>
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

// The demo's extra flags go through the real `check` parser before the lab
// is built: `demo --bogus` is a usage error in milliseconds, not after the
// namespaces came up. Returns the exit code to stop with, or -1 to go on.
int check_demo_args(const std::vector<std::string>& check_args) {
    CLI::App app{"exposcan"};
    // Only parsed: the action is never called, but it owns the flags the
    // options write into, so it must outlive the parse (ASan caught the
    // use-after-free when it was dropped).
    [[maybe_unused]] const auto owner_of_the_flags = add_check_command(app);
    // The lab's own arguments (demo-lab.sh), then the user's; CLI11 wants them reversed.
    std::vector<std::string> args{"check", "POLICY", "--dns-server", "198.51.100.53", "--cdn-ca", "CA_FILE"};
    args.insert(args.end(), check_args.begin(), check_args.end());
    std::reverse(args.begin(), args.end());
    try {
        app.parse(args);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "exposcan: demo: " << e.what() << '\n';
        return 3;
    }
    return -1;
}

int run_demo(const std::vector<std::string>& check_args) {
    if (int rc = check_demo_args(check_args); rc >= 0) return rc;
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
    args.insert(args.end(), check_args.begin(), check_args.end());
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
    // Everything after `demo` goes to the demo's two checks (e.g. `exposcan demo -v`).
    cmd->prefix_command();
    cmd->footer("Extra arguments are passed to the demo's two `exposcan check` runs (e.g. -v, --format json). "
                "Exit 0 when the story ran as told (findings, exit 1, before the fixes; clean, exit 0, after).");
    return [cmd] { return run_demo(cmd->remaining()); };
}

}  // namespace exposcan::cli
