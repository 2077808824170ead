// The one place a user's port list becomes a PortSet (CLI flags and policy).
#include "exposcan/port_spec.hpp"

#include <charconv>

#include "exposcan/error.hpp"
#include "exposcan/escape.hpp"

namespace exposcan {

namespace {

constexpr std::uint32_t k_max_port = 65535;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// A number 1-65535, or `fallback` when the text is empty (open-ended ranges).
std::optional<std::uint16_t> range_end(std::string_view text, std::uint32_t fallback, std::string& why) {
    text = trim(text);
    if (text.empty()) return static_cast<std::uint16_t>(fallback);
    if (auto port = parse_port_number(text)) return port;
    std::uint32_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    bool number = end == text.data() + text.size() && ec != std::errc::invalid_argument;
    if (!number) why = "'" + echo_input(text) + "' is not a port number";
    else if (value == 0 && ec == std::errc{}) why = "port 0 cannot be scanned";
    else why = "port '" + echo_input(text) + "' is above 65535";
    return std::nullopt;
}

}  // namespace

std::optional<std::uint16_t> parse_port_number(std::string_view text) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value < 1 || value > k_max_port)
        return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

bool add_port_item(PortSet& out, std::string_view item, std::string& why) {
    item = trim(item);
    if (item.empty()) {
        why = "empty item";
        return false;
    }
    auto dash = item.find('-');
    auto first = range_end(item.substr(0, dash), 1, why);  // item is not empty: 1 only for "-1024"
    if (!first) return false;
    if (dash == std::string_view::npos) {
        out.add(*first);
        return true;
    }
    auto last = range_end(item.substr(dash + 1), k_max_port, why);
    if (!last) return false;
    if (*first > *last) {
        why = "range " + echo_input(item) + " is backwards";
        return false;
    }
    out.add_range(*first, *last);
    return true;
}

std::optional<PortSet> parse_port_list(std::string_view spec, std::string& why) {
    auto text = trim(spec);
    if (text == "all" || text == "-") return PortSet::all();
    if (text.empty()) {
        why = "no ports given";
        return std::nullopt;
    }
    PortSet out;
    std::size_t start = 0;
    while (true) {
        auto comma = text.find(',', start);
        if (!add_port_item(out, text.substr(start, comma == std::string_view::npos ? comma : comma - start), why))
            return std::nullopt;
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return out;
}

PortSet parse_port_spec(std::string_view spec) {
    std::string why;
    auto ports = parse_port_list(spec, why);
    if (!ports) throw UsageError("bad port spec '" + echo_input(spec) + "': " + why);
    return *ports;
}

}  // namespace exposcan
