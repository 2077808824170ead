// --vantage NAME: the network place a run looked from ("eu", "cloud", "cdn").
// merge keeps each port's state per vantage and reports ports whose state
// differs between vantages (vantage.divergent, docs/scaling.md).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace exposcan {

// Names are labels that end up in file names, JSON keys and policy keys:
// [A-Za-z0-9._-]{1,64}, nothing to escape anywhere.
inline constexpr std::size_t k_max_vantage_bytes = 64;

// Why `name` cannot name a vantage; nullopt when it can. The one rule for
// --vantage and the policy's expect_by_vantage keys.
std::optional<std::string> vantage_name_problem(std::string_view name);

// --vantage TEXT: the name, or UsageError "--vantage 'TEXT': why" (one line).
std::string parse_vantage(std::string_view text);

}  // namespace exposcan
