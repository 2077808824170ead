// Each subcommand lives in its own cmd_*.cpp: it adds its options to the app
// and returns the action to run when it was chosen. main.cpp only wires them.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>

namespace exposcan::cli {

using Action = std::function<int()>;  // returns the process exit code

Action add_scan_command(CLI::App& app);
Action add_check_command(CLI::App& app);
Action add_init_command(CLI::App& app);
Action add_leak_command(CLI::App& app);
Action add_update_ranges_command(CLI::App& app);
Action add_demo_command(CLI::App& app);
Action add_rules_command(CLI::App& app);
Action add_merge_command(CLI::App& app);

}  // namespace exposcan::cli
