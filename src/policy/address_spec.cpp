#include "policy/address_spec.hpp"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <cctype>

#include "exposcan/cidr.hpp"
#include "exposcan/escape.hpp"

namespace exposcan::policy::detail {

namespace {

bool is_label(std::string_view label) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    return std::all_of(label.begin(), label.end(),
                       [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

}  // namespace

bool is_hostname(std::string_view text) {
    if (text.empty() || text.size() > 253) return false;
    if (text.back() == '.') text.remove_suffix(1);
    bool all_digits_or_dots = std::all_of(text.begin(), text.end(),
                                          [](unsigned char c) { return std::isdigit(c) || c == '.'; });
    if (all_digits_or_dots) return false;  // "203.0.113.999" is a bad literal, not a host
    while (!text.empty()) {
        auto dot = text.find('.');
        if (!is_label(text.substr(0, dot))) return false;
        text = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
    }
    return true;
}

std::optional<std::string> canonical_address_spec(std::string_view text, std::string& why) {
    if (text.find('/') != std::string_view::npos) {
        std::string reason;
        if (auto net = parse_cidr(text, &reason)) return net->to_string();
        why = "'" + echo_input(text) + "' is not a valid CIDR: " + reason + " (e.g. 198.51.100.0/28, 2001:db8::/124)";
        return std::nullopt;
    }
    boost::system::error_code ec;
    auto addr = boost::asio::ip::make_address(std::string(text), ec);
    if (!ec) return addr.to_string();
    if (is_hostname(text)) {
        std::string lower(text);
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
        return lower;
    }
    why = "'" + echo_input(text) + "' is not an IP address, CIDR or hostname";
    return std::nullopt;
}

}  // namespace exposcan::policy::detail
