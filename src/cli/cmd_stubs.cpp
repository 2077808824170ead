// PLACEHOLDERS: each of these moves to its own cmd_*.cpp when its issue lands.
#include <iostream>

#include "cli/commands.hpp"

namespace exposcan::cli {

namespace {
[[maybe_unused]] Action not_yet(CLI::App& app, const char* name, const char* help) {
    app.add_subcommand(name, help);
    return [name] {
        std::cerr << "exposcan: " << name << ": not implemented yet\n";
        return 3;
    };
}
}  // namespace


}  // namespace exposcan::cli
