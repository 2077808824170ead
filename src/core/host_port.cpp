#include "exposcan/host_port.hpp"

#include <charconv>

namespace exposcan {

namespace {

std::optional<std::uint16_t> parse_port_number(std::string_view text) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value < 1 || value > 65535)
        return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

}  // namespace

std::optional<HostPort> split_host_port(std::string_view spec, std::string& why) {
    auto fail = [&](const char* what) -> std::optional<HostPort> {
        why = "bad endpoint '" + std::string(spec.substr(0, 80)) + "': " + what;
        return std::nullopt;
    };
    std::string_view host;
    std::string_view port;
    if (spec.starts_with('[')) {
        auto close = spec.find(']');
        if (close == std::string_view::npos || close + 1 >= spec.size() || spec[close + 1] != ':')
            return fail("expected [IPv6]:PORT");
        host = spec.substr(1, close - 1);
        port = spec.substr(close + 2);
    } else {
        auto colon = spec.rfind(':');
        if (colon == std::string_view::npos) return fail("expected HOST:PORT");
        host = spec.substr(0, colon);
        port = spec.substr(colon + 1);
        if (host.find(':') != std::string_view::npos) return fail("an IPv6 address needs brackets: [2001:db8::1]:PORT");
    }
    if (host.empty()) return fail("no host");
    auto number = parse_port_number(port);
    if (!number) return fail("the port must be a number from 1 to 65535");
    return HostPort{std::string(host), *number};
}

}  // namespace exposcan
