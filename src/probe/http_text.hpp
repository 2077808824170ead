// Small read-only views of one HTTP answer, shared by the HTTP classifiers.
#pragma once
#include <string>
#include <string_view>

#include "net/http.hpp"

namespace exposcan::probe {

inline bool contains(std::string_view hay, std::string_view needle) {
    return hay.find(needle) != std::string_view::npos;
}

inline std::string header_or_empty(const net::HttpResponse& r, std::string_view name) {
    const auto* v = r.header(name);
    return v ? *v : std::string();
}

// All values of a header that may repeat (WWW-Authenticate), joined.
inline std::string all_headers(const net::HttpResponse& r, std::string_view name) {
    std::string out;
    for (const auto& [k, v] : r.headers)
        if (k == name) out += (out.empty() ? "" : " | ") + v;
    return out;
}

// "GET /path 401" for evidence.
inline std::string answer_line(std::string_view method_path, const net::HttpResponse& r) {
    return std::string(method_path) + " " + std::to_string(r.status);
}

}  // namespace exposcan::probe
