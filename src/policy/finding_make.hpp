// Building blocks for the findings the policy layer produces; rule ids,
// severities and fix hints come from the catalog (exposcan/rules.hpp).
#pragma once
#include <string>
#include <string_view>

#include "exposcan/model.hpp"

namespace exposcan::policy::detail {

// "tcp://203.0.113.10:9200", "tcp://[2001:db8::10]:22"; no port -> "tcp://host".
std::string tcp_location(const Target& target, std::optional<std::uint16_t> port);

// A finding of `rule` about `target` (name, address, location filled in),
// at the rule's usual severity (or its elevated one) and with its fix.
Finding make_finding(Rule rule, const Target& target, std::optional<std::uint16_t> port, bool elevated = false);

// Evidence that is already sanitized stays as it is; anything else is sanitized.
std::string safe_text(std::string_view text);

}  // namespace exposcan::policy::detail
