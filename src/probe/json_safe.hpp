// JSON from hostile servers: nesting depth is checked by a flat scan before
// nlohmann ever sees the text, and parse errors (invalid UTF-8 included)
// come back as an empty optional, never an exception.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace exposcan::probe {

inline constexpr std::size_t k_max_json_depth = 32;

// Deepest [ / { nesting of `text`, counting only outside strings. Pure, O(n).
std::size_t json_depth(std::string_view text);

// Parsed object/array, or nullopt: too deep, not JSON, invalid UTF-8.
std::optional<nlohmann::json> parse_json_safely(std::string_view text, std::size_t max_depth = k_max_json_depth);

// j[a][b]... as a string when every step exists and the leaf is a string
// (numbers and booleans are rendered); "" otherwise. Never throws.
std::string json_string_at(const nlohmann::json& j, std::initializer_list<std::string_view> path);

}  // namespace exposcan::probe
