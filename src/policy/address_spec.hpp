// What a policy may name as an address: an IPv4/IPv6 literal, a CIDR or a
// hostname. Only the syntax is checked here; resolution and the /24 (/120)
// scope limit are the scan engine's job (scan::resolve_targets).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace exposcan::policy::detail {

// Canonical form (literal/CIDR re-printed, hostname lower-cased), or nullopt
// with `why` set when the text is none of the three.
std::optional<std::string> canonical_address_spec(std::string_view text, std::string& why);
bool is_hostname(std::string_view text);

}  // namespace exposcan::policy::detail
