// exposcan: thin CLI over libexposcan. Parses, calls, prints; exit codes per
// docs/policy.md "Exit codes" (0 clean, 1 findings, 2 inconclusive, 3 usage/config error).
#include <algorithm>
#include <iostream>
#include <utility>
#include <vector>

#include "cli/commands.hpp"
#include "cli/privilege.hpp"
#include "cli/target_flags.hpp"
#include "cli/version.hpp"
#include "exposcan/error.hpp"

int main(int argc, char** argv) {
    using namespace exposcan::cli;
    if (auto why = privilege_problem(); !why.empty()) {  // setuid/setgid/file caps: refuse (docs/reliability.md)
        std::cerr << "exposcan: " << why << '\n';
        return 3;
    }
    CLI::App app{"exposcan: check from outside what your server exposes", "exposcan"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("exposcan ") + std::string(build_version()));
    std::vector<std::pair<CLI::App*, Action>> commands;
    for (auto add : {add_scan_command, add_check_command, add_init_command, add_leak_command,
                     add_update_ranges_command, add_demo_command, add_rules_command, add_merge_command}) {
        auto before = app.get_subcommands({}).size();
        auto action = add(app);
        commands.emplace_back(app.get_subcommands({}).at(before), std::move(action));
    }
    try {
        auto args = nmap_style_aliases(argc, argv);
        std::reverse(args.begin(), args.end());
        args.pop_back();  // the program name
        app.parse(args);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "exposcan: " << e.what() << " (see --help)\n";
        return 3;
    }
    try {
        for (auto& [sub, action] : commands)
            if (sub->parsed()) return action();
    } catch (const exposcan::UsageError& e) {
        std::cerr << "exposcan: " << e.what() << '\n';
        return 3;
    } catch (const exposcan::IncompleteError& e) {
        std::cerr << "exposcan: incomplete: " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "exposcan: error: " << e.what() << '\n';
        return 2;
    }
    return 3;
}
