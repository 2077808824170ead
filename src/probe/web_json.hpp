// JSON helpers for the web service classifiers.
#pragma once
#include <optional>
#include <string>

#include "net/http.hpp"
#include "probe/json_safe.hpp"
#include "probe/verdict.hpp"

namespace exposcan::probe {

// The body as JSON when the answer is `status` (200 by default), else nullopt.
inline std::optional<nlohmann::json> json_if(const net::HttpResponse& r, long status = 200) {
    if (r.status != status) return std::nullopt;
    return parse_json_safely(r.body);
}

inline bool has_key(const std::optional<nlohmann::json>& j, std::string_view key) {
    return j && j->is_object() && j->contains(key);
}

// Array size as text (null = 0, as Go encodes an empty list; "?" for anything
// else): evidence counts, never contents.
inline std::string count_of(const nlohmann::json& j) {
    if (j.is_null()) return "0";
    return j.is_array() ? std::to_string(j.size()) : "?";
}

// A decide step's outcome: open -> unauthenticated, else `refused`; the
// step's note is appended to the identify step's evidence.
inline Verdict settle(Verdict v, bool open, Exposure refused, const std::string& note) {
    v.exposure = open ? Exposure::unauthenticated : refused;
    v.evidence += "; " + note;
    return v;
}

// 401 -> auth-required (no credentials), 403 and the rest -> anonymous-limited
// (the anonymous user is known and refused).
inline Exposure auth_if_401(long status) {
    return status == 401 ? Exposure::auth_required : Exposure::anonymous_limited;
}

// 401/403 -> auth-required, anything else -> anonymous-limited.
inline Exposure auth_if_refused(long status) {
    return status == 401 || status == 403 ? Exposure::auth_required : Exposure::anonymous_limited;
}

}  // namespace exposcan::probe
