// `exposcan rules`: prints the rule catalog as Markdown (the tables of docs/findings.md).
#include <iostream>

#include "cli/commands.hpp"
#include "exposcan/report.hpp"

namespace exposcan::cli {

Action add_rules_command(CLI::App& app) {
    auto* cmd = app.add_subcommand("rules", "Print every rule (id, severity, when, fix) as Markdown");
    cmd->footer("The same tables are in docs/findings.md; a test keeps the two equal.");
    return [] {
        std::cout << report::rules_markdown();
        return 0;
    };
}

}  // namespace exposcan::cli
