// JSON helpers for the web service classifiers.
#pragma once
#include <optional>
#include <string>

#include "net/http.hpp"
#include "probe/json_safe.hpp"

namespace exposcan::probe {

// The body as JSON when the answer is `status` (200 by default), else nullopt.
inline std::optional<nlohmann::json> json_if(const net::HttpResponse& r, long status = 200) {
    if (r.status != status) return std::nullopt;
    return parse_json_safely(r.body);
}

inline bool has_key(const std::optional<nlohmann::json>& j, std::string_view key) {
    return j && j->is_object() && j->contains(key);
}

// Array size as text ("?" when not an array): evidence counts, never contents.
inline std::string count_of(const nlohmann::json& j) { return j.is_array() ? std::to_string(j.size()) : "?"; }

}  // namespace exposcan::probe
