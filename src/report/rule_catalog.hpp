// Every rule id exposcan can report, with a one-line description and help
// (SARIF tool.driver.rules, JUnit test cases). docs/findings.md is the prose.
#pragma once
#include <span>
#include <string>
#include <string_view>

#include "exposcan/model.hpp"

namespace exposcan::report {

struct RuleInfo {
    std::string_view id;
    std::string_view name;        // PascalCase, SARIF reportingDescriptor.name
    std::string_view description;
    std::string_view help;
    Severity default_severity;
};

std::span<const RuleInfo> all_rules();
// A known rule, or one built from the id (for rules added by newer engines).
RuleInfo rule_info(std::string_view id);

}  // namespace exposcan::report
