// LeakReport -> Findings (findings_from in exposcan/leak.hpp); the mapping
// from a LeakCheck::check to its catalog rule, for tests.
#pragma once
#include <optional>
#include <string_view>

#include "exposcan/rules.hpp"

namespace exposcan::leak {

// The rule a check's finding belongs to; nullopt for checks that only record
// status (http.cdn, cdn.ranges) and never become findings.
std::optional<Rule> rule_for_check(std::string_view check);

}  // namespace exposcan::leak
