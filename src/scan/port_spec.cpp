// parse_port_spec: the one place a user's port list becomes a PortSet.
#include <charconv>
#include <string>

#include "exposcan/error.hpp"
#include "exposcan/scan.hpp"

namespace exposcan::scan {

namespace {

constexpr std::uint32_t k_max_port = 65535;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

[[noreturn]] void fail(std::string_view spec, const std::string& why) {
    throw UsageError("bad port spec '" + std::string(spec) + "': " + why);
}

// A number 1-65535, or `fallback` when the text is empty (open-ended ranges).
std::uint16_t parse_port(std::string_view spec, std::string_view text, std::uint32_t fallback) {
    text = trim(text);
    if (text.empty()) return static_cast<std::uint16_t>(fallback);
    std::uint32_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc::result_out_of_range) fail(spec, "port '" + std::string(text) + "' is above 65535");
    if (ec != std::errc{} || end != text.data() + text.size())
        fail(spec, "'" + std::string(text) + "' is not a port number");
    if (value == 0) fail(spec, "port 0 cannot be scanned");
    if (value > k_max_port) fail(spec, "port " + std::to_string(value) + " is above 65535");
    return static_cast<std::uint16_t>(value);
}

// "22", "80-443", "-1024" (from 1), "60000-" (to 65535), "-" (all).
void add_item(PortSet& out, std::string_view spec, std::string_view item) {
    item = trim(item);
    if (item.empty()) fail(spec, "empty item");
    auto dash = item.find('-');
    if (dash == std::string_view::npos) {
        out.add(parse_port(spec, item, 0));
        return;
    }
    auto first = parse_port(spec, item.substr(0, dash), 1);
    auto last = parse_port(spec, item.substr(dash + 1), k_max_port);
    if (first > last) fail(spec, "range " + std::string(item) + " is backwards");
    out.add_range(first, last);
}

}  // namespace

PortSet parse_port_spec(std::string_view spec) {
    auto text = trim(spec);
    if (text == "all" || text == "-") return PortSet::all();
    if (text.empty()) fail(spec, "no ports given");
    PortSet out;
    std::size_t start = 0;
    while (true) {
        auto comma = text.find(',', start);
        add_item(out, spec, text.substr(start, comma == std::string_view::npos ? comma : comma - start));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return out;
}

}  // namespace exposcan::scan
