// One fuzzed HTTP answer: a status selector byte, then "name:value" header
// lines up to an empty line, then the body (shared by the HTTP fuzz targets).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_input.hpp"
#include "net/http.hpp"

namespace exposcan::fuzz {

inline net::HttpResponse http_answer(Input& in) {
    static constexpr long k_statuses[] = {200, 401, 403, 302, 301, 404, 500, 0};
    net::HttpResponse r;
    r.error = net::HttpError::none;
    auto sel = in.byte();
    r.status = sel < 8 ? k_statuses[sel] : sel;
    for (auto line = in.field('\n'); !line.empty(); line = in.field('\n')) {
        auto colon = line.find(':');
        auto name = std::string(line.substr(0, colon));
        auto value = colon == std::string_view::npos ? std::string() : std::string(line.substr(colon + 1));
        if (name == "location") r.redirect_location = value;
        r.headers.emplace_back(std::move(name), std::move(value));
    }
    r.body = std::string(in.rest());
    return r;
}

inline net::HttpResponse http_answer(std::string_view bytes) {
    Input in(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    return http_answer(in);
}

}  // namespace exposcan::fuzz
