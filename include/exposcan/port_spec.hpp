// The one port syntax of exposcan: -p, --expect-*, policy `ports:` and
// `expect:` lists, HOST:PORT endpoints (docs/policy.md "Ports").
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "exposcan/port_set.hpp"

namespace exposcan {

// Strict decimal 1-65535: no sign, no spaces, no trailing junk.
std::optional<std::uint16_t> parse_port_number(std::string_view text);

// One item of a list: "22", "80-443", "-1024" (from 1), "60000-" (to 65535),
// with spaces or tabs around the numbers. Adds it to `out`, or returns false
// with `why` set (one line).
bool add_port_item(PortSet& out, std::string_view item, std::string& why);

// A whole list: items separated by commas, or "all" / "-" for 1-65535.
// nullopt with `why` set on an empty list, an empty item or a bad item.
std::optional<PortSet> parse_port_list(std::string_view text, std::string& why);

// parse_port_list for flags: throws UsageError "bad port spec 'TEXT': why".
PortSet parse_port_spec(std::string_view spec);

}  // namespace exposcan
