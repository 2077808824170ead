// What targets.cpp knows about target specs, for the file loaders and
// --exclude (target_files.cpp).
#pragma once
#include <string_view>
#include <vector>

#include "exposcan/cidr.hpp"
#include "exposcan/options.hpp"

namespace exposcan::scan {

// Syntax and CIDR scope of one target spec, without resolving a hostname.
// Throws UsageError "bad target '...': why".
void check_target_spec(std::string_view spec, const Limits& limits);

// The networks one --exclude spec covers: an address (/32, /128), a CIDR of
// any width, or a hostname's resolved addresses. Throws UsageError.
std::vector<Cidr> exclude_networks(std::string_view spec);

}  // namespace exposcan::scan
